import { describe, expect, it } from 'vitest';
import { attachmentDisposition, calendarFileName, fileSlug, orderTicketsFileName, ticketFileName } from './file-names.js';

describe('download file names', () => {
  it('names a ticket after its event and attendee', () => {
    expect(ticketFileName({ name: 'Tech Summit 2026' }, { attendeeName: 'Ada Lovelace' })).toBe('tech-summit-2026-ada-lovelace.pdf');
    expect(orderTicketsFileName({ name: 'Tech Summit 2026' })).toBe('tech-summit-2026-tickets.pdf');
    expect(calendarFileName({ name: 'Tech Summit 2026' })).toBe('tech-summit-2026.ics');
  });

  it('keeps letters of any script, drops accents and turns everything else into single hyphens', () => {
    expect(fileSlug('Café Müller — Nuit Blanche!', 'x')).toBe('cafe-muller-nuit-blanche');
    expect(fileSlug('東京 ミートアップ', 'x')).toBe('東京-ミートアップ');
    expect(fileSlug('مهرجان الموسيقى', 'x')).toBe('مهرجان-الموسيقى');
    expect(fileSlug('Ζωή Κ.', 'x')).toBe('ζωη-κ');
    expect(fileSlug('हिन्दी सम्मेलन', 'x')).toBe('हिन्दी-सम्मेलन');
  });

  it('cannot carry a path, a quote or a control character, and falls back when nothing is left', () => {
    expect(fileSlug('../../etc/passwd', 'x')).toBe('etc-passwd');
    expect(fileSlug('a"b\\c\r\nd', 'x')).toBe('a-b-c-d');
    expect(fileSlug('!!! ???', 'event')).toBe('event');
    expect(fileSlug('a'.repeat(59) + ' b', 'x')).toBe('a'.repeat(59));
  });

  it('gives old clients an ASCII name and current ones the exact name', () => {
    expect(attachmentDisposition('東京-ada.pdf')).toBe(`attachment; filename="__-ada.pdf"; filename*=UTF-8''${encodeURIComponent('東京-ada.pdf')}`);
    expect(attachmentDisposition('a"b.pdf')).toBe(`attachment; filename="a_b.pdf"; filename*=UTF-8''a%22b.pdf`);
  });
});
