import { DomainError, notFound } from '../errors.js';
import type { OrderRefund } from '../domain/order-refund.js';
import type { PaymentIntent } from '../domain/payment.js';
import type { Ticket } from '../domain/ticket.js';
import type { Principal } from '../ports/identity.js';
import type { RefundTicketsResult } from '../ports/order-store.js';
import type { ServiceDeps } from './deps.js';
import { invalidState, ownedEvent, readableRegistration, readableTicket, heldTicket } from './access.js';
import { jobIds, newJobs } from './new-jobs.js';
import { planTicketRefund, type TicketRefundRefusal } from '../rules/ticket-refund.js';
import { attendeeCancellationClosed } from '../rules/cancellation.js';
import { RESEND_LIMIT } from '../rules/resend-limit.js';
import { CANCELLATION_CLOSED, cancellationClosedError } from './cancellation-closed.js';
import type { RegistrationView } from './registrations.js';

const REFUSED: Record<Exclude<RefundTicketsResult, { ok: true }>['reason'] | TicketRefundRefusal, string> = {
  order_not_confirmed: 'Only tickets of a confirmed order can be refunded.',
  unknown_ticket: 'That ticket is not part of this order.',
  ticket_used: 'That ticket was already used at the door, so it cannot be refunded.',
  ticket_cancelled: 'That ticket was already cancelled.',
  nothing_to_refund: 'This order has no ticket left to refund.',
  not_found: 'Registration was not found.',
  cancellation_closed: CANCELLATION_CLOSED.cutoff_passed,
};

/** One line of an order's payment and refund history. */
export type OrderHistoryEntry =
  | { kind: 'placed'; at: string; amountCents: number }
  | { kind: 'paid'; at: string; amountCents: number; paymentIntentId: string }
  | { kind: 'payment_failed'; at: string; amountCents: number; paymentIntentId: string; error: string }
  | { kind: 'refunded'; at: string; amountCents: number; refundId: string; ticketIds: string[]; reason: string; by: OrderRefund['by'] };

export interface OrderHistory {
  registrationId: string;
  currency: string;
  amountCents: number;
  refundedCents: number;
  items: OrderHistoryEntry[];
}

/** The organizer's order tools (refund tickets, resend, rename, history) and the attendee's cancel of one ticket. */
export class OrderService {
  constructor(
    private readonly deps: ServiceDeps,
    /** Called after spots were released. */
    private readonly changed: () => void,
  ) {}

  /** The event's organizer refunds some tickets of an order (or all its valid ones); returns the order and the jobs to run. */
  async refund(
    principal: Principal,
    registrationId: string,
    request: { ticketIds?: string[]; reason?: string },
  ): Promise<{ registration: RegistrationView; jobIds: string[] }> {
    const registration = await readableRegistration(this.deps.store, principal, registrationId);
    // Readable by its owner too, but only the event's organizer refunds (the owner cancels).
    await ownedEvent(this.deps.store, principal, registration.eventId).catch(() => {
      throw notFound('Registration');
    });
    return this.refundTickets(principal, registrationId, request.ticketIds, request.reason ?? '', 'organizer', {});
  }

  /** The holder cancels one ticket of their order, within the event's cancellation policy; its share is refunded. */
  async cancelTicket(principal: Principal, ticketId: string): Promise<{ ticket: Ticket; jobIds: string[] }> {
    const { store, clock } = this.deps;
    const ticket = await heldTicket(store, principal, ticketId);
    const [registration, event] = await Promise.all([store.getRegistration(ticket.registrationId), store.getEvent(ticket.eventId)]);
    if (!registration || !event) throw notFound('Ticket');
    const closed = attendeeCancellationClosed(registration, event, ticket.checkedInAt === null ? 0 : 1, clock.now());
    if (closed) throw cancellationClosedError(closed, event);
    const { jobIds } = await this.refundTickets(principal, registration.id, [ticketId], '', 'attendee', { withinCancellationWindow: true });
    return { ticket: (await store.getTicket(ticketId))!, jobIds };
  }

  private async refundTickets(
    principal: Principal,
    registrationId: string,
    requested: string[] | undefined,
    reason: string,
    by: OrderRefund['by'],
    guard: { withinCancellationWindow?: boolean },
  ): Promise<{ registration: RegistrationView; jobIds: string[] }> {
    const { store, clock, ids } = this.deps;
    const [registration, tickets] = await Promise.all([store.getRegistration(registrationId), store.listTicketsByRegistration(registrationId)]);
    if (!registration) throw notFound('Registration');
    const plan = planTicketRefund(registration, tickets, requested);
    if (!plan.ok) throw this.refused(plan.reason);
    const refund: OrderRefund = {
      id: ids.newId('rfd'),
      registrationId,
      eventId: registration.eventId,
      ticketIds: plan.ticketIds,
      amountCents: plan.amountCents,
      currency: registration.currency,
      reason,
      by,
      byUserId: principal.userId,
      at: clock.now().toISOString(),
    };
    const jobs = newJobs(ids, [
      ...(plan.amountCents > 0 ? [{ kind: 'refund_tickets' as const, registrationId, refundId: refund.id, amountCents: plan.amountCents }] : []),
      { kind: 'send_refund_mail' as const, registrationId, refundId: refund.id },
    ]);
    const result = await store.refundTickets(refund, jobs, guard);
    if (!result.ok) {
      if (result.reason === 'cancellation_closed') {
        const event = await store.getEvent(registration.eventId);
        if (event) throw cancellationClosedError('cutoff_passed', event);
      }
      throw this.refused(result.reason);
    }
    this.changed();
    return {
      registration: { ...result.registration, tickets: await store.listTicketsByRegistration(registrationId) },
      jobIds: jobIds(jobs),
    };
  }

  private refused(reason: keyof typeof REFUSED): DomainError {
    if (reason === 'not_found') return notFound('Registration');
    if (reason === 'unknown_ticket') return new DomainError('validation_failed', REFUSED[reason], { fields: { ticketIds: 'not tickets of this order' } });
    return invalidState(REFUSED[reason], { reason });
  }

  /** The ticket mail again (PDFs and .ics), to the order's attendee, a few times an hour at most; returns the job to run. */
  async resend(principal: Principal, registrationId: string): Promise<string[]> {
    const { store, ids, clock } = this.deps;
    await readableRegistration(store, principal, registrationId);
    const jobs = newJobs(ids, [{ kind: 'send_ticket_mail', registrationId }]);
    const now = clock.now();
    const result = await store.recordResend(registrationId, now.toISOString(), jobs);
    if (result.ok) return jobIds(jobs);
    if (result.reason === 'resend_limit') {
      throw new DomainError('too_many_attempts', `The ticket mail of this order was sent ${RESEND_LIMIT.max} times in the last hour; try again later.`, {
        retryAfterSeconds: Math.max(1, Math.ceil((Date.parse(result.nextAllowedAt) - now.getTime()) / 1000)),
      });
    }
    if (result.reason === 'not_found') throw notFound('Registration');
    throw invalidState('Only a confirmed order has tickets to send.', { reason: result.reason });
  }

  /**
   * The holder or the event's organizer changes the name printed on a ticket: its PDF is rendered
   * anew under a new key; the QR (which names no person) stays the same. Refused once admitted.
   */
  async rename(principal: Principal, ticketId: string, attendeeName: string): Promise<Ticket> {
    const { store, clock } = this.deps;
    await readableTicket(store, principal, ticketId);
    const result = await store.renameTicket(ticketId, attendeeName, clock.now().toISOString());
    if (!result.ok) {
      if (result.reason === 'not_found') throw notFound('Ticket');
      throw invalidState(result.reason === 'ticket_used' ? 'This ticket was already used at the door; its name can no longer change.' : REFUSED.ticket_cancelled, {
        reason: result.reason,
      });
    }
    return result.ticket;
  }

  /** The order's payments and refunds, oldest first (its owner or the event's organizer). */
  async history(principal: Principal, registrationId: string): Promise<OrderHistory> {
    const { store } = this.deps;
    const registration = await readableRegistration(store, principal, registrationId);
    const [intents, refunds, refundedCents] = await Promise.all([
      store.listPaymentIntentsByRegistration(registrationId),
      store.listOrderRefunds(registrationId),
      store.refundedCents(registrationId),
    ]);
    const items: OrderHistoryEntry[] = [
      { kind: 'placed' as const, at: registration.createdAt, amountCents: registration.amountCents },
      ...intents.flatMap((intent) => paymentEntry(intent)),
      ...refunds.map((r) => ({ kind: 'refunded' as const, at: r.at, amountCents: r.amountCents, refundId: r.id, ticketIds: r.ticketIds, reason: r.reason, by: r.by })),
    ].sort((a, b) => a.at.localeCompare(b.at));
    return { registrationId, currency: registration.currency, amountCents: registration.amountCents, refundedCents, items };
  }
}

function paymentEntry(intent: PaymentIntent): OrderHistoryEntry[] {
  if (intent.status === 'succeeded') return [{ kind: 'paid', at: intent.updatedAt, amountCents: intent.amountCents, paymentIntentId: intent.id }];
  if (intent.lastError) {
    return [{ kind: 'payment_failed', at: intent.updatedAt, amountCents: intent.amountCents, paymentIntentId: intent.id, error: intent.lastError.code }];
  }
  return [];
}
