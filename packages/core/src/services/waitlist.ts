import { DomainError, notFound } from '../errors.js';
import { MAX_TICKETS_PER_REGISTRATION, type Registration } from '../domain/registration.js';
import type { WaitlistEntry } from '../domain/waitlist.js';
import type { Principal } from '../ports/identity.js';
import type { ClaimOfferResult, JoinWaitlistResult } from '../ports/waitlist-store.js';
import { offerIsLive, waitlistPosition } from '../rules/waitlist.js';
import type { ServiceDeps } from './deps.js';
import { ownedEvent, requireRole, visibleEvent } from './access.js';
import { waitlistOfferMail } from './mail-templates.js';
import { jobIds, newJobs } from './new-jobs.js';
import type { RegistrationService, RegistrationView } from './registrations.js';
import { buildTickets } from './ticket-issuer.js';

/** An entry as its account sees it: where it stands, and the offer it may claim. */
export interface WaitlistEntryView {
  id: string;
  eventId: string;
  ticketTypeId: string;
  quantity: number;
  status: WaitlistEntry['status'];
  position: number;
  offer: { id: string; expiresAt: string } | null;
  createdAt: string;
}

export interface EventWaitlistView {
  /** Live entries: waiting or offered. */
  count: number;
  /** Spots waited for, and of those spots held by live offers. */
  waitingQuantity: number;
  offeredQuantity: number;
  items: (WaitlistEntryView & { attendeeName: string; attendeeEmail: string })[];
}

const view = (entry: WaitlistEntry, live: WaitlistEntry[]): WaitlistEntryView => ({
  id: entry.id,
  eventId: entry.eventId,
  ticketTypeId: entry.ticketTypeId,
  quantity: entry.quantity,
  status: entry.status,
  position: waitlistPosition(entry, live) ?? 0,
  offer: entry.status === 'offered' ? entry.offer : null,
  createdAt: entry.createdAt,
});

/** The waiting list of a sold-out event: join, leave, see where one stands, claim an offer. */
export class WaitlistService {
  constructor(
    private readonly deps: ServiceDeps,
    private readonly registrations: RegistrationService,
    /** Called after spots were taken or released (the listing shows spots remaining). */
    private readonly changed: () => void,
  ) {}

  /** Joins the event's list (default: its first ticket type); an account already on it gets its entry back (`created` false). */
  async join(principal: Principal, eventId: string, request: { quantity: number; ticketTypeId?: string }): Promise<{ entry: WaitlistEntryView; created: boolean }> {
    requireRole(principal, 'attendee');
    const { store, clock, ids, settings } = this.deps;
    const [event, user] = await Promise.all([visibleEvent(store, principal, eventId), store.getUser(principal.userId)]);
    if (!user) throw new DomainError('unauthorized', 'Your account no longer exists.');
    if (request.quantity < 1 || request.quantity > MAX_TICKETS_PER_REGISTRATION) {
      throw new DomainError('validation_failed', `Wait for 1 to ${MAX_TICKETS_PER_REGISTRATION} tickets.`, { fields: { quantity: `1..${MAX_TICKETS_PER_REGISTRATION}` } });
    }
    const now = clock.now().toISOString();
    const entry: WaitlistEntry = {
      id: ids.newId('wl'),
      eventId,
      userId: user.id,
      attendeeName: user.name,
      attendeeEmail: user.email,
      ticketTypeId: request.ticketTypeId ?? event.ticketTypes[0]!.id,
      quantity: request.quantity,
      status: 'waiting',
      offerMinutes: settings.waitlistOfferMinutes,
      offer: null,
      registrationId: null,
      createdAt: now,
      updatedAt: now,
    };
    const result = await store.joinWaitlist(entry, now);
    if (result.ok) return { entry: await this.viewOf(result.entry), created: true };
    if (result.reason === 'already_waiting') return { entry: await this.viewOf(result.entry), created: false };
    throw joinRefused(result);
  }

  async leave(principal: Principal, eventId: string): Promise<void> {
    const left = await this.deps.store.leaveWaitlist(eventId, principal.userId, this.deps.clock.now().toISOString());
    if (!left) throw notFound('Your waiting-list entry for this event');
    this.changed();
  }

  async listMine(principal: Principal): Promise<WaitlistEntryView[]> {
    const entries = await this.deps.store.listWaitlistByUser(principal.userId);
    return Promise.all(entries.map((e) => this.viewOf(e)));
  }

  /** The organizer's view of an event's list, in list order. */
  async forEvent(principal: Principal, eventId: string): Promise<EventWaitlistView> {
    await ownedEvent(this.deps.store, principal, eventId);
    const live = await this.deps.store.listWaitlist(eventId);
    const sum = (entries: WaitlistEntry[]) => entries.reduce((n, e) => n + e.quantity, 0);
    return {
      count: live.length,
      waitingQuantity: sum(live.filter((e) => e.status === 'waiting')),
      offeredQuantity: sum(live.filter((e) => e.status === 'offered')),
      items: live.map((e) => ({ ...view(e, live), attendeeName: e.attendeeName, attendeeEmail: e.attendeeEmail })),
    };
  }

  /**
   * The offered spots become a registration of the offered account: pending payment (paid as any
   * hold is) or, when free, confirmed with tickets. A repeated claim answers the same registration.
   */
  async claim(principal: Principal, offerId: string): Promise<{ registration: RegistrationView; jobIds: string[] }> {
    const { store, clock, ids, settings } = this.deps;
    const entry = await store.getWaitlistEntryByOffer(offerId);
    if (!entry || entry.userId !== principal.userId) throw notFound('Offer');
    const event = await store.getEvent(entry.eventId);
    const ticketType = event?.ticketTypes.find((t) => t.id === entry.ticketTypeId);
    if (!event || !ticketType) throw notFound('Offer');
    const now = clock.now();
    const amountCents = entry.quantity * ticketType.priceCents;
    const free = amountCents === 0;
    const registration: Registration = {
      id: ids.newId('reg'),
      eventId: event.id,
      userId: entry.userId,
      attendeeName: entry.attendeeName,
      attendeeEmail: entry.attendeeEmail,
      lines: [{ ticketTypeId: ticketType.id, quantity: entry.quantity, unitPriceCents: ticketType.priceCents }],
      quantity: entry.quantity,
      amountCents,
      currency: event.currency,
      status: free ? 'confirmed' : 'pending_payment',
      holdExpiresAt: free ? null : new Date(now.getTime() + settings.holdMinutes * 60_000).toISOString(),
      createdAt: now.toISOString(),
      updatedAt: now.toISOString(),
    };
    const tickets = free ? buildTickets(this.deps, event, registration) : [];
    const jobs = free ? newJobs(ids, [{ kind: 'send_ticket_mail', registrationId: registration.id }]) : [];
    const result = await store.claimWaitlistOffer(offerId, registration, tickets, jobs, now.toISOString());
    if (!result.ok) {
      if (result.reason === 'claimed') return { registration: await this.registrations.get(principal, result.registrationId), jobIds: [] };
      throw claimRefused(result);
    }
    this.changed();
    return { registration: { ...result.registration, tickets }, jobIds: jobIds(jobs) };
  }

  /** The hold-expiry job's share: lapsed offers end and their spots go to the next entries. */
  async expireOffers(limit = 500): Promise<number> {
    const expired = await this.deps.store.expireWaitlistOffers(this.deps.clock.now().toISOString(), limit);
    if (expired > 0) this.changed();
    return expired;
  }

  /** The offer mail, sent while the offer is live (a late retry of the job mails nobody). */
  async sendOfferMail(eventId: string, offerId: string): Promise<void> {
    const { store, mailer, settings, clock } = this.deps;
    const [entry, event] = await Promise.all([store.getWaitlistEntryByOffer(offerId), store.getEvent(eventId)]);
    if (!entry || !event || !offerIsLive(entry, clock.now())) return;
    await mailer.send({ to: entry.attendeeEmail, ...waitlistOfferMail(event, entry, settings) });
  }

  private async viewOf(entry: WaitlistEntry): Promise<WaitlistEntryView> {
    return view(entry, await this.deps.store.listWaitlist(entry.eventId));
  }
}

function joinRefused(result: Exclude<JoinWaitlistResult, { ok: true } | { reason: 'already_waiting' }>): DomainError {
  switch (result.reason) {
    case 'not_found':
      return notFound('Ticket type');
    case 'not_on_sale':
      return new DomainError('not_on_sale', 'This event is not open for registration.');
    case 'not_sold_out':
      return new DomainError('not_sold_out', 'These tickets are still on sale: register instead.', { spotsRemaining: result.spotsRemaining });
    case 'account_limit':
      return accountLimit(result.maxTicketsPerAccount, result.held);
  }
}

function claimRefused(result: Exclude<ClaimOfferResult, { ok: true } | { reason: 'claimed' }>): DomainError {
  switch (result.reason) {
    case 'not_found':
      return notFound('Offer');
    case 'offer_expired':
      return new DomainError('offer_expired', 'This offer has expired and its spots went to the next person on the list.');
    case 'not_on_sale':
      return new DomainError('not_on_sale', 'This event is not open for registration.');
    case 'hold_exists':
      return new DomainError('hold_exists', 'You already have a registration for this event awaiting payment.', { registrationId: result.registrationId });
    case 'account_limit':
      return accountLimit(result.maxTicketsPerAccount, result.held);
  }
}

const accountLimit = (maxTicketsPerAccount: number, held: number): DomainError =>
  new DomainError('account_limit', `One account may hold up to ${maxTicketsPerAccount} tickets for this event; you hold ${held}.`, { maxTicketsPerAccount, held });
