import {
  cancellationWindowClosed,
  orderAfterRefund,
  planTicketRefund,
  resendWindow,
  spotsTakenAs,
  RESEND_LIMIT,
  type OrderRefund,
  type OrderStore,
  type OrderWithTickets,
  type RecordResendResult,
  type RefundTicketsResult,
} from '@ticketbooth/core';
import type { Sql } from './db.js';
import { loadEvent } from './events.js';
import { insertJobs } from './jobs.js';
import { toRegistration, toTicket, type RegistrationRow, type TicketRow } from './rows.js';
import { offerFreedSpots } from './waitlist-offers.js';

interface OrderRefundRow {
  id: string; registration_id: string; event_id: string; ticket_ids: string; amount_cents: number; currency: string;
  reason: string; by_role: OrderRefund['by']; by_user_id: string; at: string;
}

const toOrderRefund = (r: OrderRefundRow): OrderRefund => ({
  id: r.id, registrationId: r.registration_id, eventId: r.event_id, ticketIds: JSON.parse(r.ticket_ids) as string[], amountCents: r.amount_cents,
  currency: r.currency, reason: r.reason, by: r.by_role, byUserId: r.by_user_id, at: r.at,
});

/** Refunds of single tickets, renames and the event's orders, inside `immediate` transactions. */
export function sqliteOrders(sql: Sql): OrderStore {
  const { q, immediate } = sql;
  const ticketsOf = (registrationId: string) =>
    (q('SELECT * FROM tickets WHERE registration_id = ? ORDER BY position').all(registrationId) as TicketRow[]).map(toTicket);

  return {
    async refundTickets(refund, jobs, guard = {}) {
      return immediate((): RefundTicketsResult => {
        const row = q('SELECT * FROM registrations WHERE id = ?').get(refund.registrationId) as RegistrationRow | undefined;
        if (!row) return { ok: false, reason: 'not_found' };
        const registration = toRegistration(row);
        const tickets = ticketsOf(registration.id);
        // The rule again, on what this transaction reads: a concurrent refund or scan of the same ticket refuses this one.
        const plan = planTicketRefund(registration, tickets, refund.ticketIds);
        if (!plan.ok) return { ok: false, reason: plan.reason === 'nothing_to_refund' ? 'ticket_cancelled' : plan.reason };
        if (guard.withinCancellationWindow) {
          const event = loadEvent(sql, registration.eventId);
          if (event && cancellationWindowClosed(registration, event, new Date(refund.at))) return { ok: false, reason: 'cancellation_closed' };
        }
        const refunded = tickets.filter((t) => plan.ticketIds.includes(t.id));
        const after = orderAfterRefund(registration, tickets, refunded);
        const counter = spotsTakenAs(registration.status);
        for (const t of refunded) {
          if (counter === 'sold') q('UPDATE ticket_types SET sold = sold - 1 WHERE id = ?').run(t.ticketTypeId);
          q("UPDATE tickets SET status = 'cancelled', changed_at = ? WHERE id = ?").run(refund.at, t.id);
        }
        q('UPDATE registrations SET lines = ?, quantity = ?, status = ?, refunded_cents = refunded_cents + ?, updated_at = ? WHERE id = ?').run(
          JSON.stringify(after.lines), after.quantity, after.status, refund.amountCents, refund.at, registration.id,
        );
        q(`INSERT INTO order_refunds (id, registration_id, event_id, ticket_ids, amount_cents, currency, reason, by_role, by_user_id, at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(
          refund.id, refund.registrationId, refund.eventId, JSON.stringify(plan.ticketIds), refund.amountCents, refund.currency, refund.reason, refund.by, refund.byUserId, refund.at,
        );
        insertJobs(sql, jobs, refund.at);
        if (counter) offerFreedSpots(sql, registration.eventId, refund.at);
        return { ok: true, registration: toRegistration(q('SELECT * FROM registrations WHERE id = ?').get(registration.id) as RegistrationRow) };
      });
    },
    async listOrderRefunds(registrationId) {
      return (q('SELECT * FROM order_refunds WHERE registration_id = ? ORDER BY at, id').all(registrationId) as OrderRefundRow[]).map(toOrderRefund);
    },
    async refundedCents(registrationId) {
      return (q('SELECT refunded_cents FROM registrations WHERE id = ?').get(registrationId) as { refunded_cents: number } | undefined)?.refunded_cents ?? 0;
    },
    async renameTicket(ticketId, attendeeName, now) {
      return immediate(() => {
        const row = q('SELECT * FROM tickets WHERE id = ?').get(ticketId) as TicketRow | undefined;
        if (!row) return { ok: false as const, reason: 'not_found' as const };
        if (row.status !== 'valid') return { ok: false as const, reason: row.status === 'used' ? ('ticket_used' as const) : ('ticket_cancelled' as const) };
        q('UPDATE tickets SET attendee_name = ?, pdf_version = pdf_version + 1, changed_at = ? WHERE id = ?').run(attendeeName, now, ticketId);
        return { ok: true as const, ticket: toTicket(q('SELECT * FROM tickets WHERE id = ?').get(ticketId) as TicketRow) };
      });
    },
    async recordResend(registrationId, now, jobs) {
      return immediate((): RecordResendResult => {
        const row = q('SELECT status FROM registrations WHERE id = ?').get(registrationId) as { status: string } | undefined;
        if (!row) return { ok: false, reason: 'not_found' };
        if (row.status !== 'confirmed') return { ok: false, reason: 'order_not_confirmed' };
        const since = new Date(Date.parse(now) - RESEND_LIMIT.windowMs).toISOString();
        const earlier = (q('SELECT at FROM order_resends WHERE registration_id = ? AND at > ?').all(registrationId, since) as { at: string }[]).map((r) => r.at);
        const { nextAllowedAt } = resendWindow(earlier, new Date(now));
        if (nextAllowedAt) return { ok: false, reason: 'resend_limit', nextAllowedAt };
        q('INSERT INTO order_resends (registration_id, at) VALUES (?, ?)').run(registrationId, now);
        insertJobs(sql, jobs, now);
        return { ok: true };
      });
    },
    async listEventOrders(eventId) {
      const registrations = (q('SELECT * FROM registrations WHERE event_id = ? ORDER BY created_at, id').all(eventId) as RegistrationRow[]).map(toRegistration);
      const tickets = (q('SELECT * FROM tickets WHERE event_id = ? ORDER BY registration_id, position').all(eventId) as TicketRow[]).map(toTicket);
      const byOrder = new Map<string, OrderWithTickets>(registrations.map((registration) => [registration.id, { registration, tickets: [] }]));
      for (const ticket of tickets) byOrder.get(ticket.registrationId)?.tickets.push(ticket);
      return [...byOrder.values()].filter((order) => order.tickets.length > 0);
    },
  };
}
