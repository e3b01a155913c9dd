import type { NewJob } from '../domain/job.js';
import type { OrderRefund } from '../domain/order-refund.js';
import type { Registration } from '../domain/registration.js';
import type { Ticket } from '../domain/ticket.js';
import type { OrderWithTickets } from '../rules/sales-by-type.js';
import type { TicketRefundRefusal } from '../rules/ticket-refund.js';

export type RefundTicketsResult =
  | { ok: true; registration: Registration }
  | { ok: false; reason: Exclude<TicketRefundRefusal, 'nothing_to_refund'> | 'not_found' | 'cancellation_closed' };

export type RenameTicketResult = { ok: true; ticket: Ticket } | { ok: false; reason: 'not_found' | 'ticket_used' | 'ticket_cancelled' };

export type RecordResendResult =
  | { ok: true }
  | { ok: false; reason: 'not_found' | 'order_not_confirmed' }
  | { ok: false; reason: 'resend_limit'; nextAllowedAt: string };

/** An organizer's order tools, and the attendee's cancel of one ticket. */
export interface OrderStore {
  /**
   * Atomically: the order is still confirmed and every ticket of `refund.ticketIds` still valid
   * (else refused, nothing changed); those tickets are cancelled, their spots released (and the
   * account's tickets), the order's lines lose them (orderAfterRefund, which also ends an order
   * left without tickets), the refund is recorded in its history with `refund.amountCents` added to
   * what the order had refunded, and the jobs are enqueued. With `withinCancellationWindow`, refused
   * (cancellation_closed) when cancellationWindowClosed for the event as read in the transaction.
   */
  refundTickets(refund: OrderRefund, jobs: NewJob[], guard?: { withinCancellationWindow?: boolean }): Promise<RefundTicketsResult>;
  /** The order's refunds, oldest first. */
  listOrderRefunds(registrationId: string): Promise<OrderRefund[]>;
  /** What the order has refunded in total through refundTickets (0 when nothing). */
  refundedCents(registrationId: string): Promise<number>;
  /**
   * Atomically: a valid ticket takes the new attendee name and its PDF version is raised (its old
   * PDF is never served again); an admitted or cancelled ticket is refused. The QR stays the same.
   */
  renameTicket(ticketId: string, attendeeName: string, now: string): Promise<RenameTicketResult>;
  /**
   * Atomically: the ticket mail of a confirmed order is sent again (the jobs enqueued) unless the
   * order was resent RESEND_LIMIT.max times in the last window (resendWindow), recorded with it.
   */
  recordResend(registrationId: string, now: string, jobs: NewJob[]): Promise<RecordResendResult>;
  /** Every order of the event that was issued tickets, each with all its tickets in issue order. */
  listEventOrders(eventId: string): Promise<OrderWithTickets[]>;
}
