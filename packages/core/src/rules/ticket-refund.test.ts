import { describe, expect, it } from 'vitest';
import type { Ticket } from '../domain/ticket.js';
import { orderAfterRefund, planTicketRefund } from './ticket-refund.js';

const order = {
  status: 'confirmed' as const,
  amountCents: 5000,
  lines: [{ ticketTypeId: 'std', quantity: 2, unitPriceCents: 1500 }, { ticketTypeId: 'vip', quantity: 1, unitPriceCents: 2000 }],
};
const ticket = (id: string, ticketTypeId: string, status: Ticket['status'] = 'valid') => ({ id, ticketTypeId, status }) as Ticket;
const tickets = [ticket('a', 'std'), ticket('b', 'std'), ticket('c', 'vip')];

describe('planTicketRefund', () => {
  it('refunds exactly the share of the one ticket asked for', () => {
    expect(planTicketRefund(order, tickets, ['c'])).toEqual({ ok: true, ticketIds: ['c'], amountCents: 2000 });
  });

  it('refunds every valid ticket when none is named, and their shares add up to what is left', () => {
    const plan = planTicketRefund(order, [ticket('a', 'std', 'cancelled'), tickets[1]!, tickets[2]!], undefined);
    expect(plan).toEqual({ ok: true, ticketIds: ['b', 'c'], amountCents: 3500 });
  });

  it('refuses an admitted ticket, a cancelled one, a stranger and an order that is not confirmed', () => {
    expect(planTicketRefund(order, [ticket('a', 'std', 'used')], ['a'])).toEqual({ ok: false, reason: 'ticket_used' });
    expect(planTicketRefund(order, [ticket('a', 'std', 'cancelled')], ['a'])).toEqual({ ok: false, reason: 'ticket_cancelled' });
    expect(planTicketRefund(order, tickets, ['zzz'])).toEqual({ ok: false, reason: 'unknown_ticket' });
    expect(planTicketRefund({ ...order, status: 'refunded' }, tickets, ['a'])).toEqual({ ok: false, reason: 'order_not_confirmed' });
    expect(planTicketRefund(order, [ticket('a', 'std', 'used')], undefined)).toEqual({ ok: false, reason: 'nothing_to_refund' });
  });

  it('names a ticket asked for twice once', () => {
    expect(planTicketRefund(order, tickets, ['a', 'a'])).toEqual({ ok: true, ticketIds: ['a'], amountCents: 1500 });
  });
});

describe('orderAfterRefund', () => {
  it('takes one refunded ticket off its line and keeps the order confirmed', () => {
    expect(orderAfterRefund(order, tickets, [tickets[0]!])).toEqual({
      lines: [{ ticketTypeId: 'std', quantity: 1, unitPriceCents: 1500 }, { ticketTypeId: 'vip', quantity: 1, unitPriceCents: 2000 }],
      quantity: 2,
      status: 'confirmed',
    });
  });

  it('ends a paid order refunded once its last ticket goes, a free one cancelled', () => {
    const done = [ticket('a', 'std', 'cancelled'), ticket('b', 'std', 'cancelled'), tickets[2]!];
    expect(orderAfterRefund(order, done, [tickets[2]!]).status).toBe('refunded');
    expect(orderAfterRefund({ ...order, amountCents: 0 }, done, [tickets[2]!]).status).toBe('cancelled');
  });

  it('keeps an order with an admitted ticket confirmed', () => {
    expect(orderAfterRefund(order, [ticket('a', 'std', 'used'), tickets[1]!], [tickets[1]!]).status).toBe('confirmed');
  });
});
