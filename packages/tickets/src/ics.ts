import type { Event, Registration } from '@ticketbooth/core';

/** RFC 5545 text escaping. */
function escapeText(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r\n|\r|\n/g, '\\n');
}

/** Lines longer than 75 octets are folded: CRLF then a space (RFC 5545 §3.1). */
function fold(line: string): string {
  const bytes = Buffer.from(line, 'utf8');
  if (bytes.length <= 75) return line;
  const parts: string[] = [];
  let start = 0;
  let limit = 75;
  while (start < bytes.length) {
    let end = Math.min(start + limit, bytes.length);
    // Never split a UTF-8 sequence: back up to a leading byte.
    while (end < bytes.length && (bytes[end]! & 0xc0) === 0x80) end--;
    parts.push(bytes.subarray(start, end).toString('utf8'));
    start = end;
    limit = 74; // continuation lines start with a space
  }
  return parts.join('\r\n ');
}

/** Only a plain address becomes ORGANIZER: anything with spaces or controls could forge lines. */
const PLAIN_EMAIL = /^[^\s@]+@[^\s@]+$/;

const utc = (iso: string): string => new Date(iso).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');

export function renderCalendar(input: { event: Event; registration: Registration; organizerEmail?: string; now: Date }): string {
  const { event, registration } = input;
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Ticketbooth//Tickets//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    'BEGIN:VEVENT',
    `UID:${registration.id}@ticketbooth`,
    `DTSTAMP:${utc(input.now.toISOString())}`,
    // Raised by every edit that changes what a ticket shows, so calendars replace the entry they hold.
    `SEQUENCE:${event.revision}`,
    `DTSTART:${utc(event.startsAt)}`,
    // No end given: neither DTEND nor DURATION. RFC 5545 (3.6.1) reads a DATE-TIME DTSTART alone as
    // an event at that instant, which calendars show as its start time; a default DURATION would put
    // an end nobody announced into the holder's calendar.
    ...(event.openEnded ? [] : [`DTEND:${utc(event.endsAt)}`]),
    `SUMMARY:${escapeText(event.name)}`,
    `LOCATION:${escapeText(event.location)}`,
    `DESCRIPTION:${escapeText(`${event.description}\n\n${registration.quantity} ticket(s). Your tickets are in your confirmation mail and under My tickets.`)}`,
    ...(input.organizerEmail && PLAIN_EMAIL.test(input.organizerEmail) ? [`ORGANIZER:mailto:${input.organizerEmail}`] : []),
    `STATUS:${event.status === 'cancelled' ? 'CANCELLED' : 'CONFIRMED'}`,
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return lines.map(fold).join('\r\n') + '\r\n';
}
