import type { NewJob } from '../domain/job.js';
import type { Registration } from '../domain/registration.js';
import type { Ticket } from '../domain/ticket.js';
import type { WaitlistEntry } from '../domain/waitlist.js';
import type { AccountLimitReached } from '../rules/limits.js';
import type { OfferClaimRefusal, WaitlistJoinRefusal } from '../rules/waitlist.js';

export type JoinWaitlistResult =
  | { ok: true; entry: WaitlistEntry }
  /** The account is on this event's list already (one live entry per account and event): nothing was added. */
  | { ok: false; reason: 'already_waiting'; entry: WaitlistEntry }
  | ({ ok: false } & WaitlistJoinRefusal);

export type ClaimOfferResult =
  | { ok: true; registration: Registration }
  | ({ ok: false } & OfferClaimRefusal)
  | { ok: false; reason: 'not_on_sale' }
  | { ok: false; reason: 'hold_exists'; registrationId: string }
  | ({ ok: false; reason: 'account_limit' } & AccountLimitReached);

/**
 * The waiting list. An offer's spots sit in its ticket type's `held` counter from the offer until
 * it is claimed (they become the registration's) or lapses, so the capacity guard every placement
 * runs counts them: free spots are capacity - sold - held. Every store also offers the freed spots
 * (offersToMake) whenever spots are released: a registration released, a capacity raised, an offer
 * expired or left.
 */
export interface WaitlistStore {
  /**
   * Adds the entry unless the account has a live entry for the event (of concurrent joins, one adds),
   * after the event's free spots were passed on, and unless waitlistJoinRefusal refuses (with the
   * tickets the account holds).
   */
  joinWaitlist(entry: WaitlistEntry, now: string): Promise<JoinWaitlistResult>;
  /** The account's live entry leaves the list; its offer's spots (or its place) are passed on. false when it had none. */
  leaveWaitlist(eventId: string, userId: string, now: string): Promise<boolean>;
  /** The event's live entries (waiting or offered), in list order. */
  listWaitlist(eventId: string): Promise<WaitlistEntry[]>;
  /** The account's live entries, any event. */
  listWaitlistByUser(userId: string): Promise<WaitlistEntry[]>;
  getWaitlistEntryByOffer(offerId: string): Promise<WaitlistEntry | null>;
  /**
   * Atomically, unless offerClaimRefusal refuses: the offer's held spots become `registration`'s
   * (pending: still held; confirmed: sold) with its tickets and jobs, within the account's limit and
   * its one live hold; the entry becomes claimed. `registration` is for the offer's type and quantity.
   */
  claimWaitlistOffer(offerId: string, registration: Registration, tickets: Ticket[], jobs: NewJob[], now: string): Promise<ClaimOfferResult>;
  /** Expires the lapsed offers of every event (up to `limit`), passing their spots on; returns how many. */
  expireWaitlistOffers(now: string, limit: number): Promise<number>;
}
