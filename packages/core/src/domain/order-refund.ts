/** Tickets of an order given back and refunded together: kept as the order's refund history. */
export interface OrderRefund {
  id: string;
  registrationId: string;
  eventId: string;
  ticketIds: string[];
  /** The tickets' shares of what the order paid (rules/ticket-share.ts); 0 for a free order. */
  amountCents: number;
  currency: string;
  reason: string;
  /** The organizer refunded them, or the attendee cancelled a ticket. */
  by: 'organizer' | 'attendee';
  /** The user who did it. */
  byUserId: string;
  at: string;
}

/** Longest reason an organizer may give (it is mailed to the attendee). */
export const MAX_REFUND_REASON_LENGTH = 500;
