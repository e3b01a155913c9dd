import type { Event, EventWithCounts } from '../domain/event.js';
import type { Registration } from '../domain/registration.js';
import type { Ticket } from '../domain/ticket.js';
import type { ServiceDeps } from './deps.js';
import { randomTicketCode } from '../rules/ticket-code.js';

/** One signed ticket per admitted person, built before the transaction that confirms the order. */
export function buildTickets(deps: ServiceDeps, event: EventWithCounts, registration: Registration): Ticket[] {
  const now = deps.clock.now().toISOString();
  const tickets: Ticket[] = [];
  for (const line of registration.lines) {
    const ticketType = event.ticketTypes.find((t) => t.id === line.ticketTypeId);
    for (let i = 0; i < line.quantity; i++) {
      const id = deps.ids.newId('tkt');
      tickets.push({
        id,
        registrationId: registration.id,
        eventId: event.id,
        userId: registration.userId,
        ticketTypeId: line.ticketTypeId,
        ticketTypeName: ticketType?.name ?? 'Ticket',
        attendeeName: registration.attendeeName,
        status: 'valid',
        qr: deps.signer.sign({ ticketId: id, eventId: event.id }),
        code: randomTicketCode(),
        checkedInAt: null,
        checkedInBy: null,
        createdAt: now,
      });
    }
  }
  return tickets;
}

/** Where ticket PDFs live in the blob store; the AWS stack grants its functions this prefix only. */
export const TICKET_PDF_PREFIX = 'tickets/';

/**
 * A ticket's PDF as of an event revision and cover image: an edit that changes what the ticket
 * prints raises the revision, and a new image has a new version, so the PDF rendered before either
 * is never served again (the next download renders anew). Revision 0 without an image keeps the
 * key PDFs had before revisions existed; a renamed ticket's PDF version is in it too.
 */
export const ticketPdfKey = (ticket: Pick<Ticket, 'id' | 'pdfVersion'>, event: Pick<Event, 'revision' | 'image'>): string =>
  `${TICKET_PDF_PREFIX}${ticket.id}${event.revision === 0 ? '' : `.r${event.revision}`}${ticket.pdfVersion ? `.v${ticket.pdfVersion}` : ''}${event.image ? `.${event.image.version}` : ''}.pdf`;

/**
 * An order's one-file PDF of the tickets it prints (those not cancelled), as of an event revision
 * and cover image. An order never gains tickets, a cancel drops one from the count and a rename
 * raises the sum of PDF versions, so each change of what the file prints gives a key never used before.
 */
export function orderPdfKey(registrationId: string, event: Pick<Event, 'revision' | 'image'>, printed: readonly Pick<Ticket, 'pdfVersion'>[]): string {
  const versions = printed.reduce((sum, t) => sum + (t.pdfVersion ?? 0), 0);
  return `${TICKET_PDF_PREFIX}orders/${registrationId}.r${event.revision}.n${printed.length}.v${versions}${event.image ? `.${event.image.version}` : ''}.pdf`;
}
