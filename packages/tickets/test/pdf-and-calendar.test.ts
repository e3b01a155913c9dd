import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jsQR from 'jsqr';
import { describe, expect, it } from 'vitest';
import type { Event, Registration, Ticket } from '@ticketbooth/core';
import { createTicketRenderer, createTicketSigner, generateSigningKey } from '../src/index.js';

const key = generateSigningKey();
const signer = createTicketSigner([key], key.keyId);
const event: Event = {
  id: 'evt_pdf', organizerId: 'usr_o', name: 'Gourmet Food & Wine Tasting', description: 'Wines; cheeses, and more\nSecond line',
  category: 'Food & Drink', location: 'Ferry Building, San Francisco, CA', startsAt: '2026-12-10T01:00:00.000Z', endsAt: '2026-12-10T05:00:00.000Z',
  timezone: 'America/Los_Angeles', currency: 'USD', capacity: 80, status: 'published',
  ticketTypes: [{ id: 'tt_1', name: 'Tasting', priceCents: 17500, quantity: null }], cancelReason: null, createdAt: '', updatedAt: '',
};
const ticket: Ticket = {
  id: 'tkt_pdf_0123456789abcdef', registrationId: 'reg_1', eventId: event.id, userId: 'usr_a', ticketTypeId: 'tt_1', ticketTypeName: 'Tasting',
  attendeeName: 'Ada Lovelace', status: 'valid', qr: signer.sign({ ticketId: 'tkt_pdf_0123456789abcdef', eventId: event.id }), checkedInAt: null, createdAt: '',
};
const registration: Registration = {
  id: 'reg_1', eventId: event.id, userId: 'usr_a', attendeeName: 'Ada Lovelace', attendeeEmail: 'ada@example.test',
  lines: [{ ticketTypeId: 'tt_1', quantity: 2, unitPriceCents: 17500 }], quantity: 2, amountCents: 35000, currency: 'USD',
  status: 'confirmed', holdExpiresAt: null, createdAt: '', updatedAt: '',
};
const renderer = createTicketRenderer({ now: () => new Date('2026-11-25T12:00:00Z') });

/** Reads a binary PPM (P6) as RGBA for jsQR. */
function readPpm(path: string): { data: Uint8ClampedArray; width: number; height: number } {
  const buf = readFileSync(path);
  const header = buf.toString('latin1', 0, 50).split(/\s+/);
  const [magic, w, h, max] = header;
  if (magic !== 'P6' || max !== '255') throw new Error('not an 8-bit P6 file');
  const width = Number(w);
  const height = Number(h);
  const offset = buf.length - width * height * 3;
  const data = new Uint8ClampedArray(width * height * 4);
  for (let i = 0, j = offset; i < width * height; i++, j += 3) {
    data[i * 4] = buf[j]!;
    data[i * 4 + 1] = buf[j + 1]!;
    data[i * 4 + 2] = buf[j + 2]!;
    data[i * 4 + 3] = 255;
  }
  return { data, width, height };
}

describe('PDF ticket', () => {
  it('is one PDF page whose QR decodes to the ticket QR text', async () => {
    const pdf = Buffer.from(await renderer.pdf({ event, ticket }));
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.toString('latin1').match(/\/Type \/Page\b/g)).toHaveLength(1);
    const dir = mkdtempSync(join(tmpdir(), 'ticket-pdf-'));
    writeFileSync(join(dir, 'ticket.pdf'), pdf);
    // poppler-utils is installed by .ci/run; without it this test fails rather than skip.
    execFileSync('pdftoppm', ['-r', '100', join(dir, 'ticket.pdf'), join(dir, 'page')]);
    const pages = readdirSync(dir).filter((f) => f.endsWith('.ppm'));
    expect(pages).toHaveLength(1);
    const image = readPpm(join(dir, pages[0]!));
    expect(jsQR(image.data, image.width, image.height)?.data).toBe(ticket.qr);
    const text = execFileSync('pdftotext', [join(dir, 'ticket.pdf'), '-']).toString();
    for (const expected of ['Gourmet Food & Wine Tasting', 'Ada Lovelace', 'Tasting', 'Ferry Building', 'December 9, 2026', 'PST']) expect(text).toContain(expected);
  });
});

describe('calendar file', () => {
  const ics = renderer.calendar({ event, registration });
  it('has the event in UTC with CRLF line endings and escaped text', () => {
    expect(ics).toContain('DTSTART:20261210T010000Z\r\n');
    expect(ics).toContain('DTEND:20261210T050000Z\r\n');
    expect(ics).toContain('UID:reg_1@ticketbooth');
    expect(ics).toContain('LOCATION:Ferry Building\\, San Francisco\\, CA');
    expect(ics.replace(/\r\n /g, '')).toContain('DESCRIPTION:Wines\\; cheeses\\, and more\\nSecond line');
    expect(ics.split('\r\n').every((line) => Buffer.byteLength(line) <= 75)).toBe(true);
    expect(ics.replace(/\r\n/g, '')).not.toMatch(/\n/);
  });
});
