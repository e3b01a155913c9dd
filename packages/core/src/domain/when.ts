import { announcedEnd, type Event } from './event.js';

/** Building an Intl formatter costs more than formatting with it (a measurable share of a PDF ticket). */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone, weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** "Sat 27 Feb 2027" and "19:30" for an instant, on the wall clock of a time zone. */
function localParts(iso: string, timeZone: string): { date: string; time: string } {
  const part: Partial<Record<Intl.DateTimeFormatPartTypes, string>> = {};
  for (const { type, value } of formatterFor(timeZone).formatToParts(new Date(iso))) part[type] = value;
  return { date: `${part.weekday} ${part.day} ${part.month} ${part.year}`, time: `${part.hour}:${part.minute}` };
}

/**
 * When an event happens, on its own wall clock and named by its IANA zone (a short name like
 * "GMT+1" is ambiguous to someone travelling in): "Sat 27 Feb 2027, 19:30 – 22:30 (Europe/Berlin)";
 * an event that ends on another local day gives both dates; one with no end given only its start.
 * Takes the domain's event (`openEnded`) or the API's (an `endsAt` of null).
 */
export function formatEventWhen(event: Pick<Event, 'startsAt' | 'timezone' | 'openEnded'> & { endsAt: string | null }): string {
  const start = localParts(event.startsAt, event.timezone);
  const ends = event.endsAt === null ? null : announcedEnd({ endsAt: event.endsAt, openEnded: event.openEnded });
  if (ends === null) return `${start.date}, ${start.time} (${event.timezone})`;
  const end = localParts(ends, event.timezone);
  const until = end.date === start.date ? end.time : `${end.date}, ${end.time}`;
  return `${start.date}, ${start.time} – ${until} (${event.timezone})`;
}

/** One instant (a check-in, a sale) on an event's wall clock, in the same words: "Sat 27 Feb 2027, 19:30 (Europe/Berlin)". */
export function formatInstantIn(iso: string, timeZone: string): string {
  return `${formatWallClock(iso, timeZone)} (${timeZone})`;
}

/**
 * The same without the zone, "Sat 27 Feb 2027, 19:30": for a column of instants whose zone is
 * named once beside it (the zone in every row made a registrant's row three lines tall).
 */
export function formatWallClock(iso: string, timeZone: string): string {
  const { date, time } = localParts(iso, timeZone);
  return `${date}, ${time}`;
}

const sortableFormatters = new Map<string, Intl.DateTimeFormat>();

/** An instant as a spreadsheet sorts it, on a time zone's wall clock: "2027-02-27 19:30:05". */
export function sortableLocalTime(iso: string, timeZone: string): string {
  let formatter = sortableFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-CA', {
      timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23',
    });
    sortableFormatters.set(timeZone, formatter);
  }
  const part: Partial<Record<Intl.DateTimeFormatPartTypes, string>> = {};
  for (const { type, value } of formatter.formatToParts(new Date(iso))) part[type] = value;
  return `${part.year}-${part.month}-${part.day} ${part.hour}:${part.minute}:${part.second}`;
}
