import { notFound } from '../errors.js';
import { calendarFileName, orderTicketsFileName, ticketFileName } from '../domain/file-names.js';
import type { Event } from '../domain/event.js';
import type { Ticket } from '../domain/ticket.js';
import type { Principal } from '../ports/identity.js';
import type { Page } from '../ports/store.js';
import type { ServiceDeps } from './deps.js';
import { heldTicket, invalidState, ownRegistration, readableTicket } from './access.js';
import { orderPdfKey, ticketPdfKey } from './ticket-issuer.js';
import { enforceRateLimit } from './rate-limits.js';
import { singleFlight } from './single-flight.js';

export class TicketService {
  /** Concurrent downloads of one fresh ticket share one render instead of each rendering it. */
  private readonly rendering = singleFlight<string>();
  /** Likewise for an order's one-file PDF. */
  private readonly renderingOrders = singleFlight<Uint8Array>();

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
    return (await this.renderedPdf(ticket)).key;
  }

  private async renderedPdf(ticket: Ticket): Promise<{ key: string; event: Event }> {
    const event = await this.deps.store.getEvent(ticket.eventId);
    if (!event) throw notFound('Event');
    const key = ticketPdfKey(ticket, event);
    await this.rendering(key, async () => {
      if (await this.deps.blobs.exists(key)) return key;
      await this.deps.blobs.put(key, await this.deps.renderer.pdf({ event, ticket }), 'application/pdf');
      this.deps.logger.info({ ticketId: ticket.id }, 'ticket pdf rendered');
      return key;
    });
    return { key, event };
  }

  /** An expiring link to the ticket's PDF: a bearer secret, so only the holder may ask for one. */
  async downloadLink(principal: Principal, id: string): Promise<{ url: string; expiresAt: string }> {
    const ticket = await heldTicket(this.deps.store, principal, id);
    if (ticket.status === 'cancelled') throw invalidState('This ticket was cancelled.');
    const { key, event } = await this.renderedPdf(ticket);
    const expiresAt = new Date(this.deps.clock.now().getTime() + this.deps.settings.downloadLinkSeconds * 1000);
    const url = await this.deps.blobs.signedUrl(key, expiresAt, ticketFileName(event, ticket));
    return { url, expiresAt: expiresAt.toISOString() };
  }

  /**
   * Every ticket of one order that still admits, a page each, in one PDF: only its owner may ask, a
   * limited number of times an hour. Rendered once per version of what it prints (orderPdfKey: a
   * rename, a cancel or an event edit makes a new one) and kept in the blob store; concurrent
   * downloads of a version not kept yet share one render.
   */
  async orderPdf(principal: Principal, registrationId: string): Promise<{ filename: string; body: Uint8Array }> {
    const { store, blobs, renderer, logger } = this.deps;
    const registration = await ownRegistration(store, principal, registrationId);
    await enforceRateLimit(this.deps, 'order_pdf_by_account', principal.userId, 'Too many ticket downloads in the last hour; try again later.');
    const event = await store.getEvent(registration.eventId);
    if (!event) throw notFound('Event');
    const tickets = (await store.listTicketsByRegistration(registration.id)).filter((t) => t.status !== 'cancelled');
    if (tickets.length === 0) throw invalidState('This order has no tickets to print.');
    const key = orderPdfKey(registration.id, event, tickets);
    const body = await this.renderingOrders(key, async () => {
      const kept = await blobs.get(key);
      if (kept) return kept;
      const rendered = await renderer.orderPdf({ event, tickets });
      await blobs.put(key, rendered, 'application/pdf');
      logger.info({ registrationId: registration.id }, 'order pdf rendered');
      return rendered;
    });
    return { filename: orderTicketsFileName(event), body };
  }

  async calendar(principal: Principal, registrationId: string): Promise<{ filename: string; body: string }> {
    const registration = await ownRegistration(this.deps.store, principal, registrationId);
    const event = await this.deps.store.getEvent(registration.eventId);
    if (!event) throw notFound('Event');
    return { filename: calendarFileName(event), body: this.deps.renderer.calendar({ event, registration }) };
  }
}
