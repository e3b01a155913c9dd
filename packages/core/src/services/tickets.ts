import { notFound } from '../errors.js';
import type { Ticket } from '../domain/ticket.js';
import type { Principal } from '../ports/identity.js';
import type { Page } from '../ports/store.js';
import type { ServiceDeps } from './deps.js';
import { heldTicket, invalidState, ownRegistration, readableTicket } from './access.js';
import { ticketPdfKey } from './ticket-issuer.js';
import { singleFlight } from './single-flight.js';

export class TicketService {
  /** Concurrent downloads of one fresh ticket share one render instead of each rendering it. */
  private readonly rendering = singleFlight<string>();

  constructor(private readonly deps: ServiceDeps) {}

  /** The holder and the event's organizer may read a ticket; anyone else gets 404. */
  get(principal: Principal, id: string): Promise<Ticket> {
    return readableTicket(this.deps.store, principal, id);
  }

  listMine(principal: Principal, limit: number, cursor?: string): Promise<Page<Ticket>> {
    return this.deps.store.listTicketsByUser(principal.userId, limit, cursor);
  }

  /**
   * Renders the PDF once per event revision and keeps it in the blob store; later calls reuse it.
   * After an edit the first download renders it anew (lazily: most holders of a big event never
   * download again, so rendering every ticket on each edit would be wasted).
   */
  async ensurePdf(ticket: Ticket): Promise<string> {
    const event = await this.deps.store.getEvent(ticket.eventId);
    if (!event) throw notFound('Event');
    const key = ticketPdfKey(ticket.id, event);
    return this.rendering(key, async () => {
      if (await this.deps.blobs.exists(key)) return key;
      await this.deps.blobs.put(key, await this.deps.renderer.pdf({ event, ticket }), 'application/pdf');
      this.deps.logger.info({ ticketId: ticket.id }, 'ticket pdf rendered');
      return key;
    });
  }

  /** An expiring link to the ticket's PDF: a bearer secret, so only the holder may ask for one. */
  async downloadLink(principal: Principal, id: string): Promise<{ url: string; expiresAt: string }> {
    const ticket = await heldTicket(this.deps.store, principal, id);
    if (ticket.status === 'cancelled') throw invalidState('This ticket was cancelled.');
    const key = await this.ensurePdf(ticket);
    const expiresAt = new Date(this.deps.clock.now().getTime() + this.deps.settings.downloadLinkSeconds * 1000);
    const url = await this.deps.blobs.signedUrl(key, expiresAt, `ticket-${ticket.id.slice(-8)}.pdf`);
    return { url, expiresAt: expiresAt.toISOString() };
  }

  async calendar(principal: Principal, registrationId: string): Promise<{ filename: string; body: string }> {
    const registration = await ownRegistration(this.deps.store, principal, registrationId);
    const event = await this.deps.store.getEvent(registration.eventId);
    if (!event) throw notFound('Event');
    return { filename: `${slug(event.name)}.ics`, body: this.deps.renderer.calendar({ event, registration }) };
  }
}

function slug(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60) || 'event';
}
