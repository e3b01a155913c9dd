import { execFileSync } from 'node:child_process';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import type { Event } from '@ticketbooth/core';
import { createTicketRenderer } from '../src/index.js';
import { event, ticketFor } from './fixtures.js';
import { pdfFile, pdftotext } from './poppler.js';

const tickets = [ticketFor('tkt_AbCdEfGhIjKlMnOpQrStUv', 'Ada Lovelace'), ticketFor('tkt_0123456789abcdefghijkl', 'Grace Hopper')];
const mediaBoxes = (pdf: Uint8Array) => Buffer.from(pdf).toString('latin1').match(/\/MediaBox \[[^\]]+\]/g) ?? [];

describe('one PDF for an order', () => {
  it('has a page per ticket, each with its attendee and code', async () => {
    const pdf = await createTicketRenderer({ paper: 'auto' }).orderPdf({ event, tickets });
    const pages = pdftotext(pdfFile(pdf)).split('\f').filter((page) => page.trim());
    expect(pages).toHaveLength(2);
    tickets.forEach((ticket, i) => {
      expect(pages[i]).toContain(ticket.attendeeName);
      expect(pages[i]).toContain(ticket.code);
    });
  });

  it('prints on the event country’s paper (Letter in San Francisco), or on the size set', async () => {
    expect(mediaBoxes(await createTicketRenderer({ paper: 'auto' }).orderPdf({ event, tickets }))).toEqual(['/MediaBox [0 0 612 792]', '/MediaBox [0 0 612 792]']);
    expect(mediaBoxes(await createTicketRenderer({ paper: 'a4' }).pdf({ event, ticket: tickets[0]! }))).toEqual([expect.stringMatching(/^\/MediaBox \[0 0 595\.2\d* 841\.8\d*\]$/)]);
  });

  it("prints the cover image on every page, on Letter as on A4, and embeds it once", async () => {
    const jpeg = await sharp({ create: { width: 960, height: 540, channels: 3, background: '#2f6f9f' } }).jpeg().toBuffer();
    const key = 'events/evt_order/img_1/pdf.jpg';
    const withImage: Event = { ...event, image: { version: 'img_1', alt: null, variants: [{ kind: 'pdf', key, width: 960, height: 540, contentType: 'image/jpeg' }] } };
    const images = { read: async (asked: string) => (asked === key ? new Uint8Array(jpeg) : null) };
    for (const paper of ['letter', 'a4'] as const) {
      const file = pdfFile(await createTicketRenderer({ paper, images }).orderPdf({ event: withImage, tickets }));
      const pages = pdftotext(file).split('\f').filter((page) => page.trim());
      expect(pages, paper).toHaveLength(2);
      tickets.forEach((ticket, i) => expect(pages[i], paper).toContain(ticket.code));
      // pdfimages: two header lines, then a row per image drawn (page, number, ..., object id, generation, ...).
      const rows = execFileSync('pdfimages', ['-list', file]).toString().trim().split('\n').slice(2).map((row) => row.trim().split(/\s+/));
      expect(rows.map((row) => row[0]), paper).toEqual(['1', '2']);
      expect(new Set(rows.map((row) => row[10])).size, paper).toBe(1);
    }
  });
});
