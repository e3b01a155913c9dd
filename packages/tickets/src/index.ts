import { systemClock, type Clock, type TicketRenderer } from '@ticketbooth/core';
import { renderCalendar } from './ics.js';

/**
 * PDF rendering (pdfkit, fontkit, bidi, QR) is loaded with the first ticket rendered, not with the
 * process: the API function answers nearly every request without it, and its cold start is shorter.
 */
let pdfModule: Promise<typeof import('./pdf.js')> | undefined;
const loadPdf = () => (pdfModule ??= import('./pdf.js'));

export { createTicketSigner, generateSigningKey, verifyQrWithPublicKeys, type SigningKey } from './qr-signer.js';

/** `clock` stamps calendar files (DTSTAMP); PDFs take their date from the ticket. */
export function createTicketRenderer(options: { brand?: string; clock?: Clock } = {}): TicketRenderer {
  const brand = options.brand ?? 'Ticketbooth';
  const clock = options.clock ?? systemClock;
  return {
    pdf: async ({ event, ticket }) => (await loadPdf()).renderTicketPdf({ event, ticket, brand }),
    calendar: ({ event, registration, organizerEmail }) => renderCalendar({ event, registration, organizerEmail, now: clock.now() }),
  };
}
