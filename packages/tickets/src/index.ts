import type { TicketRenderer } from '@ticketbooth/core';
import { renderTicketPdf } from './pdf.js';
import { renderCalendar } from './ics.js';

export { createTicketSigner, generateSigningKey, verifyQrWithPublicKeys, type SigningKey } from './qr-signer.js';
export { renderTicketPdf, formatEventTime } from './pdf.js';
export { renderCalendar } from './ics.js';

export function createTicketRenderer(options: { brand?: string; now?: () => Date } = {}): TicketRenderer {
  const brand = options.brand ?? 'Ticketbooth';
  const now = options.now ?? (() => new Date());
  return {
    pdf: ({ event, ticket }) => renderTicketPdf({ event, ticket, brand }),
    calendar: ({ event, registration, organizerEmail }) => renderCalendar({ event, registration, organizerEmail, now: now() }),
  };
}
