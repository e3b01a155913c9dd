import { DomainError, notFound } from '../errors.js';
import { isOnSale, type EventWithCounts } from '../domain/event.js';
import { MAX_TICKETS_PER_REGISTRATION, type Registration, type RegistrationLine } from '../domain/registration.js';
import type { Ticket } from '../domain/ticket.js';
import type { Principal } from '../ports/identity.js';
import type { Page, Store } from '../ports/store.js';
import type { User } from '../domain/user.js';
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
import { TimedCache } from './timed-cache.js';

/** How long, and for how many events, registering prices from an event read before. */
const RECENT_EVENT_MS = 10_000;
const RECENT_EVENTS = 512;
/** Orders priced anew when the event's prices keep moving under them, before the attendee is told to try again. */
const MAX_REGISTER_ATTEMPTS = 3;


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

/** An order priced from one read of its event, at the time of that read. */
interface PricedOrder {
  principal: Principal;
  event: EventWithCounts;
  quote: Quote;
  now: Date;
}

export interface RegistrationView extends Registration {
  tickets: Ticket[];
}

export class RegistrationService {
  /** Events as read in the last seconds, for pricing orders (the store checks the prices again). */
  private readonly recentEvents: TimedCache<EventWithCounts | null>;

  constructor(
    private readonly deps: ServiceDeps,
    /** Called after spots were taken or released (the listing shows spots remaining). */
    private readonly changed: () => void,
  ) {
    this.recentEvents = new TimedCache(deps.clock, RECENT_EVENT_MS, RECENT_EVENTS);
  }

  /** After an edit in this process: the next order is priced from a fresh read, not turned back as repriced. */
  forgetEvent(eventId: string): void {
    this.recentEvents.forget(eventId);
  }

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
   *
   * The order is priced from the event as read in the last seconds (a rush registers for one event
   * thousands of times a second); the store places it only at the prices the event lists in its
   * transaction (`repriced` otherwise), and makes the tickets from the event as it reads it there.
   * A refusal decided from that copy is decided again from a fresh read; the store's stand.
   */
  async register(principal: Principal, eventId: string, request: RegistrationRequest, requestKey?: string): Promise<RegistrationView> {
    requireRole(principal, 'attendee');
    const { store } = this.deps;
    const recent = { getEvent: (id: string) => this.recentEvents.get(id, () => store.getEvent(id)) };
    const [first, user] = await Promise.all([this.order(recent, principal, eventId, request), store.getUser(principal.userId)]);
    if (!user) throw new DomainError('unauthorized', 'Your account no longer exists.');
    let order = first;
    for (let attempt = 1; ; attempt++) {
      if (order instanceof DomainError) {
        if (attempt > 1) throw order;
      } else {
        const placed = await this.place(order, user, requestKey);
        if (placed !== 'repriced') return placed;
        if (attempt === MAX_REGISTER_ATTEMPTS) throw new DomainError('busy', 'The event changed while you registered; try again.', { retryAfterSeconds: 1 });
      }
      this.recentEvents.forget(eventId);
      order = await this.order(recent, principal, eventId, request);
    }
  }

  /** The order as priced from the event `events` reads, or why that event refuses it. */
  private async order(
    events: Pick<Store, 'getEvent'>,
    principal: Principal,
    eventId: string,
    request: RegistrationRequest,
  ): Promise<PricedOrder | DomainError> {
    try {
      const event = await visibleEvent(events, principal, eventId);
      const now = this.deps.clock.now();
      if (!isOnSale(event, now)) throw new DomainError('not_on_sale', 'This event is not open for registration.');
      return { principal, event, quote: await this.price(event, request, now, true), now };
    } catch (error) {
      if (error instanceof DomainError) return error;
      throw error;
    }
  }

  /** Places a priced order; `repriced` when the event's prices moved since it was read. */
  private async place(
    { principal, event, quote, now }: PricedOrder,
    user: Pick<User, 'name' | 'email'>,
    requestKey: string | undefined,
  ): Promise<RegistrationView | 'repriced'> {
    const { store, ids, settings } = this.deps;
    const { lines, promo, amountCents } = quote;
    // A code that takes the whole price off confirms at once, as a free event does.
    const free = amountCents === 0;
    const registration: Registration = {
      id: ids.newId('reg'),
      eventId: event.id,
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
      free ? (placedIn) => (tickets = buildTickets(this.deps, placedIn, registration)) : [],
      free ? newJobs(ids, [{ kind: 'send_ticket_mail', registrationId: registration.id }]) : [],
      now.toISOString(),
      requestKey,
    );
    if (!result.ok) {
      if (result.reason === 'repriced') return 'repriced';
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
