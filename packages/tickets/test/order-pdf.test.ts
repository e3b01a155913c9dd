import { describe, expect, it } from 'vitest';
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
});
