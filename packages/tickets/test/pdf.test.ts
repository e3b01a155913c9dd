import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import jsQR from 'jsqr';
import { describe, expect, it, vi } from 'vitest';
import sharp from 'sharp';
import type { Event, Ticket } from '@ticketbooth/core';
import { createTicketRenderer } from '../src/index.js';
import { event, ticketFor } from './fixtures.js';
import { pdfFile, pdftotext } from './poppler.js';

const renderer = createTicketRenderer();

/** Reads a binary PPM (P6), as pdftoppm writes by default, as RGBA for jsQR. */
function readPpm(path: string): { data: Uint8ClampedArray; width: number; height: number } {
  const buf = readFileSync(path);
  const [magic, w, h, max] = buf.toString('latin1', 0, 50).split(/\s+/);
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

/** Renders with poppler (installed by .ci/run; without it these tests fail rather than skip). */
function rasterise(pdf: Buffer): { pages: number; qr: string | undefined; text: string; title: string | undefined } {
  const file = pdfFile(pdf);
  const dir = dirname(file);
  execFileSync('pdftoppm', ['-r', '100', file, join(dir, 'page')]);
  const pages = readdirSync(dir).filter((f) => f.endsWith('.ppm'));
  const image = readPpm(join(dir, pages[0]!));
  return {
    pages: pages.length,
    qr: jsQR(image.data, image.width, image.height)?.data,
    text: pdftotext(file),
    title: /^Title:\s+(.*)$/m.exec(execFileSync('pdfinfo', [file]).toString())?.[1],
  };
}

describe('PDF ticket', () => {
  // Two in a row: the second document reuses the font metrics parsed for the first.
  const tickets: Ticket[] = [ticketFor('tkt_AbCdEfGhIjKlMnOpQrStUv', 'Ada Lovelace'), ticketFor('tkt_0123456789abcdefghijkl', 'Zoë Ångström')];

  it.each(tickets)('is one page whose QR decodes to the ticket QR, with event, attendee, type, time and place ($attendeeName)', async (ticket) => {
    const pdf = Buffer.from(await renderer.pdf({ event, ticket }));
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    // pdfkit writes "/Type /Page" for each page and "/Type /Pages" once for the page tree.
    expect(pdf.toString('latin1').match(/\/Type \/Page\b/g)).toHaveLength(1);
    const { pages, qr, text } = rasterise(pdf);
    expect(pages).toBe(1);
    expect(qr).toBe(ticket.qr);
    for (const expected of [event.name, ticket.attendeeName, 'Tasting', 'Ferry Building', 'Wed 9 Dec 2026, 17:00 – 21:00 (America/Los_Angeles)', ticket.id, 'Admits one. Do not share this code']) {
      expect(text).toContain(expected);
    }
  });

  it('prints the short code to type at the door under the QR, above the ticket number', async () => {
    const ticket = tickets[0]!;
    const flat = rasterise(Buffer.from(await renderer.pdf({ event, ticket }))).text.replace(/\s+/g, '');
    expect(flat).toContain(ticket.code);
    expect(flat.indexOf(ticket.code)).toBeLessThan(flat.indexOf(ticket.id));
  });

  it('prints only the start of an event with no end given, right after one with the same times that has an end', async () => {
    expect(rasterise(Buffer.from(await renderer.pdf({ event, ticket: tickets[0]! }))).text).toContain('17:00 – 21:00');
    const text = rasterise(Buffer.from(await renderer.pdf({ event: { ...event, openEnded: true }, ticket: tickets[0]! }))).text;
    expect(text).toContain('Wed 9 Dec 2026, 17:00 (America/Los_Angeles)');
    expect(text).not.toContain('21:00');
  });

  it('names the event in the document title', async () => {
    expect(rasterise(Buffer.from(await renderer.pdf({ event, ticket: tickets[0]! }))).title).toBe('Ticket – Gourmet Food & Wine Tasting');
  });

  it('renders the same ticket to the same bytes, whenever it is rendered', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(new Date('2027-01-01T00:00:00Z'));
      const first = await renderer.pdf({ event, ticket: tickets[0]! });
      vi.setSystemTime(new Date('2027-06-30T18:45:12Z'));
      const second = await renderer.pdf({ event, ticket: tickets[0]! });
      expect(Buffer.from(first).equals(Buffer.from(second))).toBe(true);
    } finally {
      vi.useRealTimers();
    }
  });

  it("prints the event's cover image (its PDF variant) above the name, still one page with a QR that decodes", async () => {
    const jpeg = await sharp({ create: { width: 960, height: 540, channels: 3, background: '#d94f30' } }).jpeg().toBuffer();
    const key = 'events/evt_pdf/img_1/pdf.jpg';
    const withImage: Event = { ...event, image: { version: 'img_1', alt: null, variants: [{ kind: 'pdf', key, width: 960, height: 540, contentType: 'image/jpeg' }] } };
    const read = vi.fn(async (asked: string) => (asked === key ? new Uint8Array(jpeg) : null));
    const ticket = tickets[0]!;
    const file = pdfFile(await createTicketRenderer({ images: { read } }).pdf({ event: withImage, ticket }));
    expect(read).toHaveBeenCalledWith(key);
    // pdfimages lists one row per image after two header lines.
    expect(execFileSync('pdfimages', ['-list', file]).toString().trim().split('\n').slice(2)).toHaveLength(1);
    const { pages, qr, text } = rasterise(readFileSync(file));
    expect(pages).toBe(1);
    expect(qr).toBe(ticket.qr);
    expect(text).toContain(ticket.code);
    const without = pdfFile(await renderer.pdf({ event, ticket }));
    expect(execFileSync('pdfimages', ['-list', without]).toString().trim().split('\n').slice(2)).toHaveLength(0);
  });
});
