import type { Event } from './event.js';
import type { Ticket } from './ticket.js';

/**
 * Download names people recognise in their downloads folder: "tech-summit-2026-ada-lovelace.pdf".
 * Letters and digits of any script stay (lower-cased, Latin, Greek and Cyrillic accents dropped);
 * everything else becomes one hyphen, so no name can carry a path, a quote or a control character.
 */
export function fileSlug(text: string, fallback: string): string {
  const slug = text
    .normalize('NFKD')
    // Only the Latin, Greek and Cyrillic accents: marks of other scripts (a Devanagari vowel, a
    // kana's voicing) are part of the letter and come back with NFC.
    .replace(/[\u0300-\u036f]+/g, '')
    .normalize('NFC')
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
  // Cut by code points, then drop a hyphen the cut may have left at the end.
  return [...slug].slice(0, 60).join('').replace(/-+$/, '') || fallback;
}

export function ticketFileName(event: Pick<Event, 'name'>, ticket: Pick<Ticket, 'attendeeName'>): string {
  return `${fileSlug(event.name, 'event')}-${fileSlug(ticket.attendeeName, 'ticket')}.pdf`;
}

/** Every ticket of one order in one file. */
export function orderTicketsFileName(event: Pick<Event, 'name'>): string {
  return `${fileSlug(event.name, 'event')}-tickets.pdf`;
}

export function calendarFileName(event: Pick<Event, 'name'>): string {
  return `${fileSlug(event.name, 'event')}.ics`;
}

/**
 * A Content-Disposition for a download: an ASCII `filename` for old clients and the exact name as
 * RFC 5987 `filename*` (UTF-8, percent-encoded) for every current browser.
 */
export function attachmentDisposition(downloadName: string): string {
  const ascii = downloadName.replace(/[^\x20-\x7e]|["\\]/g, '_');
  const exact = encodeURIComponent(downloadName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${exact}`;
}
