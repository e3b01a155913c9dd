import { DomainError, notFound } from '../errors.js';
import { isOnSale, type EventWithCounts } from '../domain/event.js';
import { MAX_TICKETS_PER_REGISTRATION, type Registration, type RegistrationLine } from '../domain/registration.js';
import type { Ticket } from '../domain/ticket.js';
import type { Principal } from '../ports/identity.js';
import type { Page } from '../ports/store.js';
import type { ServiceDeps } from './deps.js';
import { ownRegistration, ownRegistrationByRequestKey, readableRegistration, requireRole, invalidState, visibleEvent } from './access.js';
import { jobIds, newJobs } from './new-jobs.js';
import { buildTickets } from './ticket-issuer.js';
import { withRedrawnCodes } from '../rules/ticket-code.js';
import { attendeeCancellationClosed, planCancellation } from '../rules/cancellation.js';
import { cancellationClosedError } from './cancellation-closed.js';
import type { AppliedPromo } from '../domain/promo-code.js';
import { applyPromoCode, promoRefusalError } from './promo-codes.js';
import { enforceRateLimit } from './rate-limits.js';


export type RegistrationRequest = (
  | { lines: { ticketTypeId: string; quantity: number }[] }
  | { quantity: number }
) & { promoCode?: string | undefined };

/** What an order costs: the lines' prices, the promo code's discount, and what is left to pay. */
export interface Quote {
  lines: RegistrationLine[];
  subtotalCents: number;
  promo: AppliedPromo | null;
  amountCents: number;
  currency: string;
}

export interface RegistrationView extends Registration {
  tickets: Ticket[];
}

export class RegistrationService {
  constructor(
    private readonly deps: ServiceDeps,
    /** Called after spots were taken or released (the listing shows spots remaining). */
    private readonly changed: () => void,
  ) {}

  private resolveLines(event: EventWithCounts, request: RegistrationRequest): RegistrationLine[] {
    const wanted = 'lines' in request ? request.lines : [{ ticketTypeId: event.ticketTypes[0]!.id, quantity: request.quantity }];
    const merged = new Map<string, number>();
    for (const line of wanted) merged.set(line.ticketTypeId, (merged.get(line.ticketTypeId) ?? 0) + line.quantity);
    const lines: RegistrationLine[] = [];
    for (const [ticketTypeId, quantity] of merged) {
      const ticketType = event.ticketTypes.find((t) => t.id === ticketTypeId);
      if (!ticketType) {
        throw new DomainError('validation_failed', `This event has no ticket type "${ticketTypeId}".`, {
          fields: { lines: 'unknown ticketTypeId' },
        });
      }
      lines.push({ ticketTypeId, quantity, unitPriceCents: ticketType.priceCents });
    }
    const total = lines.reduce((n, l) => n + l.quantity, 0);
    if (total < 1 || total > MAX_TICKETS_PER_REGISTRATION) {
      throw new DomainError('validation_failed', `A registration is for 1 to ${MAX_TICKETS_PER_REGISTRATION} tickets.`, {
        fields: { quantity: `1..${MAX_TICKETS_PER_REGISTRATION}` },
      });
    }
    return lines;
  }

  /**
   * Free: confirmed with tickets at once. Paid: spots held until payment or hold expiry.
   * `requestKey` (opaque, unique per request) is recorded with the registration: a repeat of the
   * request answers with the registration already placed under it instead of placing another.
   */
  async register(principal: Principal, eventId: string, request: RegistrationRequest, requestKey?: string): Promise<RegistrationView> {
    requireRole(principal, 'attendee');
    const { store, clock, ids, settings } = this.deps;
    const [event, user] = await Promise.all([visibleEvent(store, principal, eventId), store.getUser(principal.userId)]);
    if (!user) throw new DomainError('unauthorized', 'Your account no longer exists.');
    const now = clock.now();
    if (!isOnSale(event, now)) throw new DomainError('not_on_sale', 'This event is not open for registration.');
    const { lines, promo, amountCents } = await this.price(event, request, now, true);
    // A code that takes the whole price off confirms at once, as a free event does.
    const free = amountCents === 0;
    const registration: Registration = {
      id: ids.newId('reg'),
      eventId,
      userId: principal.userId,
      attendeeName: user.name,
      attendeeEmail: user.email,
      lines,
      quantity: lines.reduce((n, l) => n + l.quantity, 0),
      amountCents,
      currency: event.currency,
      status: free ? 'confirmed' : 'pending_payment',
      holdExpiresAt: free ? null : new Date(now.getTime() + settings.holdMinutes * 60_000).toISOString(),
      createdAt: now.toISOString(),
      updatedAt: now.toISOString(),
      ...(promo ? { promo } : {}),
    };
    // Made (and signed) only once the store has checked the order: most of a rush is refused.
    let tickets: Ticket[] = [];
    const result = await store.placeRegistration(
      registration,
      free ? () => (tickets = buildTickets(this.deps, event, registration)) : [],
      free ? newJobs(ids, [{ kind: 'send_ticket_mail', registrationId: registration.id }]) : [],
      now.toISOString(),
      requestKey,
    );
    if (!result.ok) {
      if (result.reason === 'request_key_taken') return this.get(principal, result.registrationId);
      if (result.reason === 'sold_out') {
        throw new DomainError('sold_out', 'There are not enough spots left for this registration.', {
          spotsRemaining: result.spotsRemaining,
        });
      }
      if (result.reason === 'hold_exists') {
        throw new DomainError('hold_exists', 'You already have a registration for this event awaiting payment.', {
          registrationId: result.registrationId,
        });
      }
      if (result.reason === 'account_limit') {
        const { maxTicketsPerAccount, held } = result;
        throw new DomainError(
          'account_limit',
          `One account may hold up to ${maxTicketsPerAccount} tickets for this event; you hold ${held}.`,
          { maxTicketsPerAccount, held },
        );
      }
      if (result.reason === 'not_on_sale') throw new DomainError('not_on_sale', 'This event is not open for registration.');
      if (result.reason === 'invalid_promo_code' || result.reason === 'promo_code_used_up') throw promoRefusalError(result.reason);
      throw notFound('Event');
    }
    this.changed();
    return { ...registration, tickets: withRedrawnCodes(tickets, result.redrawnCodes) };
  }

  /**
   * What the order would cost now, with its promo code applied: shown before the attendee registers.
   * A quote with a code tells whether the code exists, so those are limited per account and per
   * event and client address (RATE_LIMITS): guessing codes stays slow whatever the number of accounts.
   */
  async quote(principal: Principal, eventId: string, request: RegistrationRequest, clientAddress: string): Promise<Quote> {
    requireRole(principal, 'attendee');
    const event = await visibleEvent(this.deps.store, principal, eventId);
    if (request.promoCode !== undefined) {
      const message = 'Too many promo codes tried; try again later.';
      await enforceRateLimit(this.deps, 'quote_by_account', principal.userId, message);
      await enforceRateLimit(this.deps, 'quote_by_event_address', `${event.id}#${clientAddress}`, message);
    }
    // A quote counts the uses of lapsed holds not swept yet: it may say used up a little early.
    return this.price(event, request, this.deps.clock.now(), false);
  }

  private async price(event: EventWithCounts, request: RegistrationRequest, now: Date, placing: boolean): Promise<Quote> {
    const lines = this.resolveLines(event, request);
    const subtotalCents = lines.reduce((sum, l) => sum + l.quantity * l.unitPriceCents, 0);
    const promo = request.promoCode === undefined ? null : await applyPromoCode(this.deps.store, event, request.promoCode, lines, now, placing);
    return { lines, subtotalCents, promo, amountCents: subtotalCents - (promo?.discountCents ?? 0), currency: event.currency };
  }

  /** The registration `register` placed under this request key, if any (only its owner's). */
  async findByRequestKey(principal: Principal, requestKey: string): Promise<RegistrationView | null> {
    const registration = await ownRegistrationByRequestKey(this.deps.store, principal, requestKey);
    return registration ? this.withTickets(registration) : null;
  }

  /** The owner and the event's organizer may read a registration; anyone else gets 404. */
  async get(principal: Principal, id: string): Promise<RegistrationView> {
    const registration = await readableRegistration(this.deps.store, principal, id);
    return this.withTickets(registration);
  }

  async withTickets(registration: Registration): Promise<RegistrationView> {
    return { ...registration, tickets: await this.deps.store.listTicketsByRegistration(registration.id) };
  }

  async listMine(principal: Principal, limit: number, cursor?: string): Promise<Page<RegistrationView>> {
    const page = await this.deps.store.listRegistrationsByUser(principal.userId, limit, cursor);
    return { items: await Promise.all(page.items.map((r) => this.withTickets(r))), nextCursor: page.nextCursor };
  }

  /**
   * Owner cancels: a hold is released; a confirmed order is cancelled, refunded when paid.
   * Returns the cancelled registration and the ids of the jobs (refund, mail) the cancel enqueued.
   */
  async cancel(principal: Principal, id: string): Promise<{ registration: RegistrationView; jobIds: string[] }> {
    const { store, clock, ids } = this.deps;
    const registration = await ownRegistration(store, principal, id);
    const now = clock.now();
    await this.refuseIfCancellationClosed(registration, now);
    const plan = planCancellation(registration, { by: 'attendee' });
    if (plan) {
      const jobs = newJobs(ids, plan.jobs);
      const next = await store.transitionRegistration(id, [plan.from], plan.to, now.toISOString(), jobs, plan.guard);
      this.changed();
      if (next) return { registration: await this.withTickets(next), jobIds: jobIds(jobs) };
    }
    const latest = (await store.getRegistration(id)) ?? registration;
    // The store refused: a ticket was admitted at the door or the event was moved meanwhile, or the status moved on.
    await this.refuseIfCancellationClosed(latest, now);
    throw invalidState(`This registration is ${latest.status.replace('_', ' ')} and cannot be cancelled.`, {
      status: latest.status,
    });
  }

  private async refuseIfCancellationClosed(registration: Registration, now: Date): Promise<void> {
    if (registration.status !== 'confirmed') return;
    const [event, tickets] = await Promise.all([
      this.deps.store.getEvent(registration.eventId),
      this.deps.store.listTicketsByRegistration(registration.id),
    ]);
    if (!event) return;
    const used = tickets.filter((t) => t.checkedInAt !== null).length;
    const closed = attendeeCancellationClosed(registration, event, used, now);
    if (closed) throw cancellationClosedError(closed, event);
  }

  async expireHolds(limit = 500): Promise<number> {
    const expired = await this.deps.store.expireHolds(this.deps.clock.now().toISOString(), limit);
    if (expired > 0) this.changed();
    return expired;
  }
}
