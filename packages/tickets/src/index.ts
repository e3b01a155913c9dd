import { systemClock, variantOf, type Clock, type ImageStore, type TicketRenderer } from '@ticketbooth/core';
import { renderTicketPdf } from './pdf.js';
import { renderCalendar } from './ics.js';

export { createTicketSigner, generateSigningKey, verifyQrWithPublicKeys, type SigningKey } from './qr-signer.js';

/**
 * `clock` stamps calendar files (DTSTAMP); PDFs take their date from the ticket. With `images`, a
 * ticket of an event with a cover image shows its PDF variant (a missing file prints none).
 */
export function createTicketRenderer(options: { brand?: string; clock?: Clock; images?: Pick<ImageStore, 'read'> } = {}): TicketRenderer {
  const brand = options.brand ?? 'Ticketbooth';
  const clock = options.clock ?? systemClock;
  const { images } = options;
  return {
    async pdf({ event, ticket }) {
      const variant = event.image ? variantOf(event.image, 'pdf') : undefined;
      const image = variant && images ? await images.read(variant.key) : null;
      return renderTicketPdf({ event, ticket, brand, image });
    },
    calendar: ({ event, registration, organizerEmail }) => renderCalendar({ event, registration, organizerEmail, now: clock.now() }),
  };
}
