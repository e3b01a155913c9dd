import { isOnSale, ticketTypeSpotsRemaining, type Room, type StoredEvent } from '../domain/event.js';
import { LIVE_WAITLIST_STATUSES, type WaitlistEntry, type WaitlistStatus } from '../domain/waitlist.js';
import { accountLimitReached, type AccountLimitReached } from './limits.js';

type Offered = Pick<WaitlistEntry, 'status' | 'offer'>;
type Queued = Pick<WaitlistEntry, 'id' | 'createdAt'>;

export const isLiveWaitlistStatus = (status: WaitlistStatus): boolean => (LIVE_WAITLIST_STATUSES as readonly WaitlistStatus[]).includes(status);

/** An offer holds its spots strictly before its end, as a hold does: at the end instant it is over. */
export function offerIsLive(entry: Offered, now: Date): boolean {
  return entry.status === 'offered' && entry.offer !== null && Date.parse(entry.offer.expiresAt) > now.getTime();
}

/** An offer whose time is up: due to expire, its spots due to the next entry. */
export function offerHasLapsed(entry: Offered, now: Date): boolean {
  return entry.status === 'offered' && !offerIsLive(entry, now);
}

export const offerExpiresAt = (entry: Pick<WaitlistEntry, 'offerMinutes'>, now: Date): string =>
  new Date(now.getTime() + entry.offerMinutes * 60_000).toISOString();

/** List order: who joined first, ties broken by id (the same order in every store). */
export function byListOrder(a: Queued, b: Queued): number {
  return a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** 1-based place among the event's live entries; null when the entry is not on the list. */
export function waitlistPosition(entry: Queued, live: readonly Queued[]): number | null {
  if (!live.some((e) => e.id === entry.id)) return null;
  return live.filter((e) => byListOrder(e, entry) < 0).length + 1;
}

export interface OfferToMake {
  entryId: string;
  ticketTypeId: string;
  quantity: number;
}

/**
 * Who gets the free spots: the waiting entries in list order, each offered its whole quantity while
 * it fits the room (its ticket type's and the event's); the first that does not fit stops the
 * round, so no later entry is served before it. Offered spots are then held (not free to buyers).
 */
export function offersToMake(event: Room, waiting: readonly Pick<WaitlistEntry, 'id' | 'createdAt' | 'ticketTypeId' | 'quantity' | 'status'>[]): OfferToMake[] {
  const counts = Object.fromEntries(Object.entries(event.counts).map(([id, c]) => [id, { ...c }]));
  const room: Room = { ...event, counts };
  const offers: OfferToMake[] = [];
  for (const entry of [...waiting].filter((e) => e.status === 'waiting').sort(byListOrder)) {
    if (ticketTypeSpotsRemaining(room, entry.ticketTypeId) < entry.quantity) break;
    const c = (counts[entry.ticketTypeId] ??= { sold: 0, held: 0 });
    c.held += entry.quantity;
    offers.push({ entryId: entry.id, ticketTypeId: entry.ticketTypeId, quantity: entry.quantity });
  }
  return offers;
}

export type WaitlistJoinRefusal =
  | { reason: 'not_found' }
  | { reason: 'not_on_sale' }
  /** The spots asked for can be bought now: buy them instead. */
  | { reason: 'not_sold_out'; spotsRemaining: number }
  | ({ reason: 'account_limit' } & AccountLimitReached);

/**
 * Joining is for an event on sale whose ticket type cannot give the quantity asked for now, and
 * within the tickets the account may hold (what it holds plus what it waits for).
 */
export function waitlistJoinRefusal(
  event: Room & Pick<StoredEvent, 'status' | 'endsAt' | 'maxTicketsPerAccount'>,
  joining: Pick<WaitlistEntry, 'ticketTypeId' | 'quantity'>,
  heldByAccount: number,
  now: Date,
): WaitlistJoinRefusal | null {
  if (!event.ticketTypes.some((t) => t.id === joining.ticketTypeId)) return { reason: 'not_found' };
  if (!isOnSale(event, now)) return { reason: 'not_on_sale' };
  const overLimit = accountLimitReached(event, heldByAccount, joining);
  if (overLimit) return { reason: 'account_limit', ...overLimit };
  const spotsRemaining = ticketTypeSpotsRemaining(event, joining.ticketTypeId);
  if (spotsRemaining >= joining.quantity) return { reason: 'not_sold_out', spotsRemaining };
  return null;
}

export type OfferClaimRefusal =
  | { reason: 'not_found' }
  /** Claimed already (a repeated claim): the registration it became. */
  | { reason: 'claimed'; registrationId: string }
  | { reason: 'offer_expired' };

/** Only the offered account claims, once, while the offer is live; anyone else learns nothing (not_found). */
export function offerClaimRefusal(
  entry: Pick<WaitlistEntry, 'userId' | 'status' | 'offer' | 'registrationId'> | null,
  offerId: string,
  userId: string,
  now: Date,
): OfferClaimRefusal | null {
  if (!entry || entry.offer?.id !== offerId || entry.userId !== userId) return { reason: 'not_found' };
  if (entry.status === 'claimed' && entry.registrationId) return { reason: 'claimed', registrationId: entry.registrationId };
  if (!offerIsLive(entry, now)) return { reason: 'offer_expired' };
  return null;
}
