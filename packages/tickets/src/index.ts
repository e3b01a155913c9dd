import { systemClock, type Clock, type TicketRenderer } from '@ticketbooth/core';
import { renderTicketPdf } from './pdf.js';
import { renderCalendar } from './ics.js';

export { createTicketSigner, generateSigningKey, verifyQrWithPublicKeys, type SigningKey } from './qr-signer.js';

/** `clock` stamps calendar files (DTSTAMP); PDFs take their date from the ticket. */
export function createTicketRenderer(options: { brand?: string; clock?: Clock } = {}): TicketRenderer {
  const brand = options.brand ?? 'Ticketbooth';
  const clock = options.clock ?? systemClock;
  return {
    pdf: ({ event, ticket }) => renderTicketPdf({ event, ticket, brand }),
    calendar: ({ event, registration, organizerEmail }) => renderCalendar({ event, registration, organizerEmail, now: clock.now() }),
  };
}
