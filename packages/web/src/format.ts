/** Display formatting for money and times. */
import { majorUnits } from '@ticketbooth/core/money';

export function formatMoney(minorUnits: number, currency: string): string {
  return new Intl.NumberFormat(undefined, { style: 'currency', currency }).format(majorUnits(minorUnits, currency));
}

/** A ticket's price: "Free" rather than "€0.00". */
export function formatPrice(cents: number, currency: string): string {
  return cents === 0 ? 'Free' : formatMoney(cents, currency);
}

/** A time with no event to take a zone from (a mail in the dev mailbox): the reader's own clock. */
export function formatDateTime(iso: string): string {
  return new Intl.DateTimeFormat(undefined, { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' }).format(new Date(iso));
}

export function formatDate(iso: string): string {
  return new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short' }).format(new Date(iso));
}

/** Whether the browser knows this IANA zone name. */
export function isTimeZone(name: string): boolean {
  if (!name) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** The IANA zones the browser knows, for the event form's picker. */
export function timeZoneNames(): string[] {
  return [...new Set(['UTC', ...Intl.supportedValuesOf('timeZone')])];
}

const wallClocks = new Map<string, Intl.DateTimeFormat>();

/** Milliseconds the zone's wall clock is ahead of UTC at an instant (negative west of Greenwich). */
function zoneOffset(instant: number, timeZone: string): number {
  let format = wallClocks.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric', hourCycle: 'h23' });
    wallClocks.set(timeZone, format);
  }
  const part: Partial<Record<Intl.DateTimeFormatPartTypes, number>> = {};
  for (const { type, value } of format.formatToParts(new Date(instant))) part[type] = Number(value);
  const wall = Date.UTC(part.year!, part.month! - 1, part.day!, part.hour!, part.minute!, part.second!);
  return wall - Math.floor(instant / 1000) * 1000;
}

/** "2026-12-01T18:00" for <input type="datetime-local"> from an ISO instant, on the event zone's wall clock. */
export function toZonedInput(iso: string, timeZone: string): string {
  const local = new Date(Date.parse(iso) + zoneOffset(Date.parse(iso), timeZone));
  return local.toISOString().slice(0, 16);
}

/**
 * The instant a wall-clock time ("2026-12-01T18:00") names in a zone. The offset is looked up at
 * the first guess and again at the result, so a time just after a change of offset lands right;
 * a time that does not exist (skipped by summer time) moves forward by the skipped hour.
 */
export function fromZonedInput(value: string, timeZone: string): string {
  const asUtc = Date.parse(`${value}Z`);
  const first = asUtc - zoneOffset(asUtc, timeZone);
  const second = asUtc - zoneOffset(first, timeZone);
  return new Date(second).toISOString();
}

export function formatCountdown(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  return `${Math.floor(total / 60)}:${String(total % 60).padStart(2, '0')}`;
}
