/** One day of an event's sales timeline, as the stats endpoint gives it (UTC dates, oldest first). */
export interface TimelineDay {
  date: string;
  registrations: number;
  revenueCents: number;
}

const DAY_MS = 86_400_000;

/**
 * Every day from the first sale to the last, a day without sales as zero: the stores list only days
 * with sales, and a chart of those alone would draw three quiet weeks as no time at all.
 */
export function everyDay(days: readonly TimelineDay[]): TimelineDay[] {
  const first = days[0];
  const last = days.at(-1);
  if (!first || !last) return [];
  const byDate = new Map(days.map((d) => [d.date, d]));
  const filled: TimelineDay[] = [];
  for (let t = Date.parse(`${first.date}T00:00:00Z`); t <= Date.parse(`${last.date}T00:00:00Z`); t += DAY_MS) {
    const date = new Date(t).toISOString().slice(0, 10);
    filled.push(byDate.get(date) ?? { date, registrations: 0, revenueCents: 0 });
  }
  return filled;
}
