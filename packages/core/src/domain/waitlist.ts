/** A waiting-list entry: waiting for spots, offered some, or done (claimed, expired, left). */
export type WaitlistStatus = 'waiting' | 'offered' | 'claimed' | 'expired' | 'left';

/** Spots held for an entry until `expiresAt`: counted in the ticket type's `held` counter. */
export interface WaitlistOffer {
  id: string;
  expiresAt: string;
}

export interface WaitlistEntry {
  id: string;
  eventId: string;
  userId: string;
  /** Copied from the user, as registrations are: the organizer's list and the offer mail need no join. */
  attendeeName: string;
  attendeeEmail: string;
  ticketTypeId: string;
  quantity: number;
  status: WaitlistStatus;
  /** How long an offer to this entry holds its spots: the setting when it joined. */
  offerMinutes: number;
  offer: WaitlistOffer | null;
  /** The registration its claimed offer became. */
  registrationId: string | null;
  createdAt: string;
  updatedAt: string;
}

/** The statuses of an entry still on the list: one such entry per account and event. */
export const LIVE_WAITLIST_STATUSES = ['waiting', 'offered'] as const satisfies readonly WaitlistStatus[];

export const DEFAULT_WAITLIST_OFFER_MINUTES = 30;
