import { systemClock, type Clock, type TicketRenderer } from '@ticketbooth/core';
import { renderTicketPdf, renderTicketsPdf } from './pdf.js';
import { paperSizeFor, type PaperSetting } from './paper-size.js';
import { renderCalendar } from './ics.js';

export { paperSizeFor, type PaperSetting, type PaperSize } from './paper-size.js';
export { createTicketSigner, generateSigningKey, verifyQrWithPublicKeys, type SigningKey } from './qr-signer.js';

/**
 * `clock` stamps calendar files (DTSTAMP); PDFs take their date from the ticket. `paper`: `auto`
 * prints on the event's country's paper, US Letter or A4 (the homes pass TICKET_PAPER, `auto`
 * unless set); without it, A4 as before.
 */
export function createTicketRenderer(options: { brand?: string; clock?: Clock; paper?: PaperSetting } = {}): TicketRenderer {
  const brand = options.brand ?? 'Ticketbooth';
  const clock = options.clock ?? systemClock;
  const paper = options.paper ?? 'a4';
  return {
    pdf: ({ event, ticket }) => renderTicketPdf({ event, ticket, brand, paper: paperSizeFor(event.timezone, paper) }),
    orderPdf: ({ event, tickets }) => renderTicketsPdf({ event, tickets, brand, paper: paperSizeFor(event.timezone, paper) }),
    calendar: ({ event, registration, organizerEmail }) => renderCalendar({ event, registration, organizerEmail, now: clock.now() }),
  };
}
