import {
  cancellationWindowClosed,
  orderAfterRefund,
  planTicketRefund,
  releasesSpots,
  resendWindow,
  type NewJob,
  type OrderRefund,
  type OrderWithTickets,
  type RecordResendResult,
  type RefundTicketsResult,
  type RenameTicketResult,
} from '@ticketbooth/core';
import { getItem, getItems, transact, type Db, type TransactItem } from './db.js';
import { getEventItem } from './events.js';
import { EVENT_LEFT, counter, keys, partitions, ticketChangedIndex, toEventWithCounts, toRegistration, toTicket, type Item } from './items.js';
import { jobPuts } from './jobs.js';
import { promoUseRelease } from './promo-codes.js';
import { getRegistrationItem, listTicketsByRegistration } from './registrations.js';
import { UpdateBuilder } from './update-builder.js';
import { registrationShard, shardUpdates } from './counter-shards.js';
import { queryEventIndex } from './event-index.js';
import { MAX_TRANSACT_ITEMS, planOfferRound, spotsGivenBack } from './offer-round.js';
import { offerFreedSpots } from './waitlist-offers.js';

/** A refund retries when the order changed between its read and its write (another refund, a scan). */
const MAX_REFUND_ATTEMPTS = 6;

/**
 * The order's refunds live on its registration item (`orderRefunds`, at most one per ticket), with
 * their count (`refundCount`) that each refund's write is conditioned on: two refunds of one order
 * never both write lines computed from the same read.
 */
const refundsOf = (item: Item): OrderRefund[] => (item.orderRefunds as OrderRefund[] | undefined) ?? [];

/**
 * One TransactWriteItems: the registration (still confirmed, its refund count as read) loses the
 * tickets from its lines and gains the refund; each ticket is cancelled on condition it is still
 * valid; the event's counters and the account's tickets give the spots back; the jobs are put.
 */
export async function refundTickets(db: Db, refund: OrderRefund, jobs: NewJob[], guard: { withinCancellationWindow?: boolean } = {}): Promise<RefundTicketsResult> {
  for (let attempt = 0; attempt < MAX_REFUND_ATTEMPTS; attempt++) {
    const item = await getRegistrationItem(db, refund.registrationId);
    if (!item) return { ok: false, reason: 'not_found' };
    const registration = toRegistration(item);
    const tickets = await listTicketsByRegistration(db, registration.id);
    const plan = planTicketRefund(registration, tickets, refund.ticketIds);
    if (!plan.ok) return { ok: false, reason: plan.reason === 'nothing_to_refund' ? 'ticket_cancelled' : plan.reason };
    const eventItem = await getEventItem(db, registration.eventId);
    const event = eventItem ? toEventWithCounts(eventItem) : null;
    if (guard.withinCancellationWindow && event && cancellationWindowClosed(registration, event, new Date(refund.at))) {
      return { ok: false, reason: 'cancellation_closed' };
    }
    const refunded = tickets.filter((t) => plan.ticketIds.includes(t.id));
    const after = orderAfterRefund(registration, tickets, refunded);
    const refunds = refundsOf(item);

    const registrationUpdate = new UpdateBuilder()
      .set('lines', after.lines)
      .set('quantity', after.quantity)
      .set('status', after.status)
      .set('updatedAt', refund.at)
      .set('orderRefunds', [...refunds, refund])
      .set('refundCount', refunds.length + 1)
      .add('refundedCents', refund.amountCents)
      .condition('status', '=', 'confirmed');
    if (refunds.length === 0) registrationUpdate.conditionNotExists('refundCount');
    else registrationUpdate.condition('refundCount', '=', refunds.length);
    const writes: TransactItem[] = [{ Update: { TableName: db.table, Key: keys.registration(registration.id), ...registrationUpdate.build() } }];

    for (const ticket of refunded) {
      const cancel = new UpdateBuilder().set('status', 'cancelled').set('changedAt', refund.at).condition('status', '=', 'valid');
      for (const [attribute, value] of Object.entries(ticketChangedIndex(ticket, refund.at))) cancel.set(attribute, value);
      writes.push({ Update: { TableName: db.table, Key: keys.ticket(ticket.id), ...cancel.build() } });
    }
    // The spots go back to the shard they were taken from.
    const updates = eventItem ? shardUpdates(eventItem) : [];
    const home = Math.min(registrationShard(item), updates.length - 1);
    const eventUpdate = (updates[home] ?? new UpdateBuilder()).add(EVENT_LEFT, refunded.length);
    // The window was read from this version of the event: an edit of its start or cutoff meanwhile makes it re-read.
    if (guard.withinCancellationWindow) eventUpdate.condition('version', '=', eventItem?.version);
    for (const ticket of refunded) {
      eventUpdate.add(counter.sold(ticket.ticketTypeId), -1);
      if (event?.ticketTypes.find((t) => t.id === ticket.ticketTypeId)?.quantity != null) eventUpdate.add(counter.left(ticket.ticketTypeId), 1);
    }
    if (item.accountTicketsCounted === true) {
      writes.push({
        Update: {
          TableName: db.table,
          Key: keys.accountTickets(registration.userId, registration.eventId),
          UpdateExpression: 'ADD tickets :quantity',
          ExpressionAttributeValues: { ':quantity': -refunded.length },
        },
      });
    }
    // An order with no ticket left is over, as a whole refund is: its code's use goes back.
    if (releasesSpots(after.status)) writes.push(...promoUseRelease(db, registration));
    writes.push(...jobPuts(db, jobs, refund.at));
    // The spots are offered to the waiting list in the same transaction (offer-round.ts).
    let offered = true;
    if (event) {
      const round = await planOfferRound(db, eventItem!, spotsGivenBack(event, refunded.map((t) => ({ ticketTypeId: t.ticketTypeId, quantity: 1 })), 'sold'), refund.at, MAX_TRANSACT_ITEMS - writes.length - updates.length);
      writes.push(...round.writes, ...round.counterWrites(updates, home));
      offered = round.complete;
    }
    if ((await transact(db, writes)).ok) {
      if (!offered) await offerFreedSpots(db, registration.eventId, refund.at);
      return { ok: true, registration: { ...registration, lines: after.lines, quantity: after.quantity, status: after.status, updatedAt: refund.at } };
    }
    // Re-read: the rule then says whether the order or a ticket moved on (refused) or only changed (try again).
  }
  throw new Error(`Registration ${refund.registrationId} kept changing while its tickets were being refunded.`);
}

export async function listOrderRefunds(db: Db, registrationId: string): Promise<OrderRefund[]> {
  const item = await getRegistrationItem(db, registrationId);
  return item ? refundsOf(item) : [];
}

export async function refundedCents(db: Db, registrationId: string): Promise<number> {
  const item = await getRegistrationItem(db, registrationId);
  return typeof item?.refundedCents === 'number' ? item.refundedCents : 0;
}

/** The name and PDF version change on condition the ticket is still valid (a scan or refund first refuses it). */
export async function renameTicket(db: Db, ticketId: string, attendeeName: string, now: string): Promise<RenameTicketResult> {
  const item = await getItem(db, keys.ticket(ticketId));
  if (!item) return { ok: false, reason: 'not_found' };
  const ticket = toTicket(item);
  const update = new UpdateBuilder().set('attendeeName', attendeeName).set('changedAt', now).add('pdfVersion', 1).condition('status', '=', 'valid');
  for (const [attribute, value] of Object.entries(ticketChangedIndex(ticket, now))) update.set(attribute, value);
  const outcome = await transact(db, [{ Update: { TableName: db.table, Key: keys.ticket(ticketId), ...update.build() } }]);
  const latest = toTicket((await getItem(db, keys.ticket(ticketId)))!);
  if (outcome.ok) return { ok: true, ticket: latest };
  return { ok: false, reason: latest.status === 'used' ? 'ticket_used' : 'ticket_cancelled' };
}

/**
 * The order's recent resends live on its registration item (`resentAt`, those in the window), with
 * their count (`resendCount`) the write is conditioned on, so concurrent resends never pass the limit.
 */
export async function recordResend(db: Db, registrationId: string, now: string, jobs: NewJob[]): Promise<RecordResendResult> {
  for (let attempt = 0; attempt < MAX_REFUND_ATTEMPTS; attempt++) {
    const item = await getRegistrationItem(db, registrationId);
    if (!item) return { ok: false, reason: 'not_found' };
    if (item.status !== 'confirmed') return { ok: false, reason: 'order_not_confirmed' };
    const earlier = (item.resentAt as string[] | undefined) ?? [];
    const { counted, nextAllowedAt } = resendWindow(earlier, new Date(now));
    if (nextAllowedAt) return { ok: false, reason: 'resend_limit', nextAllowedAt };
    const update = new UpdateBuilder()
      .set('resentAt', [...counted, now])
      .set('resendCount', num(item.resendCount) + 1)
      .condition('status', '=', 'confirmed');
    if (item.resendCount === undefined) update.conditionNotExists('resendCount');
    else update.condition('resendCount', '=', item.resendCount);
    const writes: TransactItem[] = [{ Update: { TableName: db.table, Key: keys.registration(registrationId), ...update.build() } }, ...jobPuts(db, jobs, now)];
    if ((await transact(db, writes)).ok) return { ok: true };
  }
  throw new Error(`Registration ${registrationId} kept changing while its ticket mail was being resent.`);
}

const num = (value: unknown): number => (typeof value === 'number' ? value : 0);

/** The event's registrations (its index), each with its tickets in issue order (one consistent batch read). */
export async function listEventOrders(db: Db, eventId: string): Promise<OrderWithTickets[]> {
  const items = await queryEventIndex(db, eventId, partitions.eventRegistrations, (pk) => ({ IndexName: 'gsi2', KeyConditionExpression: 'gsi2pk = :pk', ExpressionAttributeValues: { ':pk': pk } }));
  const issued = items.filter((item) => ((item.ticketIds as string[] | undefined) ?? []).length > 0);
  const tickets = await getItems(db, issued.flatMap((item) => (item.ticketIds as string[]).map((id) => keys.ticket(id))));
  const byId = new Map(tickets.map((t) => [t.id as string, toTicket(t)]));
  return issued.map((item) => ({
    registration: toRegistration(item),
    tickets: (item.ticketIds as string[]).flatMap((id) => byId.get(id) ?? []),
  }));
}
