import type { Event } from './event.js';

/** A calendar day as the API takes it: YYYY-MM-DD. */
export const CALENDAR_DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Calendar days, both ends included, each read on an event's own wall clock. */
export interface LocalDays {
  fromDay?: string;
  toDay?: string;
}

/** Building an Intl formatter costs more than formatting with it (a listing formats every row). */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The calendar day (YYYY-MM-DD) an instant falls on, on the wall clock of a time zone. */
export function localDayOf(iso: string, timeZone: string): string {
  const part: Partial<Record<Intl.DateTimeFormatPartTypes, string>> = {};
  for (const { type, value } of formatterFor(timeZone).formatToParts(new Date(iso))) part[type] = value;
  return `${part.year}-${part.month}-${part.day}`;
}

/** Whether the event starts on one of the days, on its own wall clock. */
export function startsOnLocalDays(event: Pick<Event, 'startsAt' | 'timezone'>, days: LocalDays): boolean {
  if (!days.fromDay && !days.toDay) return true;
  const day = localDayOf(event.startsAt, event.timezone);
  return (!days.fromDay || day >= days.fromDay) && (!days.toDay || day <= days.toDay);
}

/** Every zone's offset lies within ±14 hours of UTC (Pacific/Kiritimati is +14, Etc/GMT+12 is -12). */
const WIDEST_OFFSET_MS = 14 * 3_600_000;

/**
 * UTC instants that hold the days in every zone: a store narrows its query to them (the index is
 * on UTC start times), then keeps only the events startsOnLocalDays accepts.
 */
export function utcRangeOfLocalDays(days: LocalDays): { from?: string; to?: string } {
  const range: { from?: string; to?: string } = {};
  if (days.fromDay) range.from = new Date(Date.parse(`${days.fromDay}T00:00:00.000Z`) - WIDEST_OFFSET_MS).toISOString();
  if (days.toDay) range.to = new Date(Date.parse(`${days.toDay}T00:00:00.000Z`) + 86_400_000 + WIDEST_OFFSET_MS).toISOString();
  return range;
}
