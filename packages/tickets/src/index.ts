import { systemClock, variantOf, type Clock, type Event, type ImageStore, type TicketRenderer } from '@ticketbooth/core';
import { paperSizeFor, type PaperSetting } from './paper-size.js';
import { renderCalendar } from './ics.js';
import { pdfThread } from './pdf-thread.js';
import type { TicketsPdfInput } from './pdf.js';

/**
 * PDF rendering (pdfkit, fontkit, bidi, QR) is loaded with the first ticket rendered, not with the
 * process: the API function answers nearly every request without it, and its cold start is shorter.
 * By its package path, so the Lambda bundles can leave it out of index.mjs (infra's lazy-modules.ts).
 */
let pdfModule: Promise<typeof import('@ticketbooth/tickets/pdf')> | undefined;
const loadPdf = () => (pdfModule ??= import('@ticketbooth/tickets/pdf'));

export { paperSizeFor, type PaperSetting, type PaperSize } from './paper-size.js';

export { createTicketSigner, generateSigningKey, verifyQrWithPublicKeys, type SigningKey } from './qr-signer.js';

/**
 * `clock` stamps calendar files (DTSTAMP); PDFs take their date from the ticket. `paper`: `auto`
 * prints on the event's country's paper, US Letter or A4 (the homes pass TICKET_PAPER, `auto`
 * unless set); without it, A4 as before. With `images`, a ticket of an event with a cover image
 * shows its PDF variant (a missing file prints none).
 */
export function createTicketRenderer(options: { brand?: string; clock?: Clock; paper?: PaperSetting; images?: Pick<ImageStore, 'read'>; thread?: boolean } = {}): TicketRenderer {
  const brand = options.brand ?? 'Ticketbooth';
  // `thread`: PDFs on a thread of their own (pdf-thread.ts), for a process that also answers requests.
  const render = options.thread ? pdfThread() : async (input: TicketsPdfInput) => (await loadPdf()).renderTicketsPdf(input);
  const clock = options.clock ?? systemClock;
  const paper = options.paper ?? 'a4';
  const { images } = options;
  const coverOf = async (event: Event): Promise<Uint8Array | null> => {
    const variant = event.image ? variantOf(event.image, 'pdf') : undefined;
    return variant && images ? images.read(variant.key) : null;
  };
  const layout = async (event: Event) => ({ brand, paper: paperSizeFor(event.timezone, paper), image: await coverOf(event) });
  return {
    pdf: async ({ event, ticket }) => render({ event, tickets: [ticket], ...(await layout(event)) }),
    orderPdf: async ({ event, tickets }) => render({ event, tickets, ...(await layout(event)) }),
    calendar: ({ event, registration, organizerEmail }) => renderCalendar({ event, registration, organizerEmail, now: clock.now() }),
  };
}
