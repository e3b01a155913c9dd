import {
  accountLimitReached,
  assertMove,
  blockingHold,
  cancellationWindowClosed,
  checkPlacement,
  holdHasLapsed,
  holdIsLive,
  isOnSale,
  placementRefusal,
  releasesSpots,
  spotsTakenAs,
  repriced,
  ticketsOf,
  ticketsHeldByAccount,
  VOIDABLE_TICKET_STATUSES,
  type PlaceRegistrationResult,
  type Registration,
  type RegistrationLine,
  type RegistrationStatus,
  type RegistrationStore,
  type TicketStore,
} from '@ticketbooth/core';
import { decodeCursor, newestOfUser, page } from './cursor.js';
import { sqlList, type Sql } from './db.js';
import { loadEvent } from './events.js';
import { insertJobs } from './jobs.js';
import { givePromoUseBack, takePromoUse } from './promo-codes.js';
import { toRegistration, toTicket, type RegistrationRow, type TicketRow } from './rows.js';
import { insertTickets } from './tickets.js';
import { offerFreedSpots } from './waitlist-offers.js';

/** Inserts the registration row (its spots, tickets and jobs are the caller's); the caller holds the transaction. */
export function insertRegistration({ q }: Sql, r: Registration, requestKey?: string): void {
  q(`INSERT INTO registrations (id, event_id, user_id, attendee_name, attendee_email, lines, quantity, amount_cents, currency, status, hold_expires_at, created_at, updated_at, request_key, promo_code_id, promo_code, discount_cents)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(
    r.id, r.eventId, r.userId, r.attendeeName, r.attendeeEmail, JSON.stringify(r.lines), r.quantity, r.amountCents, r.currency, r.status, r.holdExpiresAt, r.createdAt, r.updatedAt, requestKey ?? null,
    r.promo?.promoCodeId ?? null, r.promo?.code ?? null, r.promo?.discountCents ?? null,
  );
}

/** The account's pending and confirmed registrations for the event: what its limit and its one hold are checked on. */
export function accountRegistrations({ q }: Sql, userId: string, eventId: string): Registration[] {
  return (q("SELECT * FROM registrations WHERE user_id = ? AND event_id = ? AND status IN ('pending_payment', 'confirmed')").all(userId, eventId) as RegistrationRow[]).map(toRegistration);
}

/** Registrations and their spots: the never-oversold invariant, inside `immediate` transactions. */
export function sqliteRegistrations(sql: Sql): RegistrationStore & Pick<TicketStore, 'listTicketsByRegistration'> {
  const { q, immediate } = sql;

  const loadRegistration = (id: string): Registration | null => {
    const row = q('SELECT * FROM registrations WHERE id = ?').get(id) as RegistrationRow | undefined;
    return row ? toRegistration(row) : null;
  };

  /** Moves a registration's spots between the held and sold counters (negative = release). */
  const adjustCounters = (lines: RegistrationLine[], column: 'held' | 'sold', sign: 1 | -1): void => {
    const statement = column === 'held' ? 'UPDATE ticket_types SET held = held + ? WHERE id = ?' : 'UPDATE ticket_types SET sold = sold + ? WHERE id = ?';
    for (const line of lines) q(statement).run(sign * line.quantity, line.ticketTypeId);
  };

  /** Releases a registration's spots and voids its tickets; the caller holds the transaction. */
  const release = (r: Registration, to: RegistrationStatus, now: string): void => {
    const counter = spotsTakenAs(r.status);
    if (counter) {
      adjustCounters(r.lines, counter, -1);
      givePromoUseBack(sql, r);
    }
    q('UPDATE registrations SET status = ?, hold_expires_at = NULL, updated_at = ? WHERE id = ?').run(to, now, r.id);
    q(`UPDATE tickets SET status = 'cancelled', changed_at = ? WHERE registration_id = ? AND status IN (${sqlList(VOIDABLE_TICKET_STATUSES)})`).run(now, r.id);
    // Spots that came back go to the waiting list first, in this transaction.
    if (counter) offerFreedSpots(sql, r.eventId, now);
  };

  /** Expires due holds (of one event, or all); the caller holds the transaction. */
  const expireDue = (now: string, eventId: string | null, limit: number): number => {
    // The index finds the candidates; the hold rule decides.
    const rows = (eventId
      ? q("SELECT * FROM registrations WHERE event_id = ? AND status = 'pending_payment' AND hold_expires_at <= ? LIMIT ?").all(eventId, now, limit)
      : q("SELECT * FROM registrations WHERE status = 'pending_payment' AND hold_expires_at <= ? LIMIT ?").all(now, limit)) as RegistrationRow[];
    const due = rows.map(toRegistration).filter((r) => holdHasLapsed(r, new Date(now)));
    for (const r of due) release(r, 'expired', now);
    return due.length;
  };

  return {
    async placeRegistration(r, tickets, jobs, now, requestKey) {
      return immediate((): PlaceRegistrationResult => {
        // First, so a repeated request learns its registration exists even when the event has since filled.
        const placed = requestKey === undefined ? undefined : (q('SELECT id FROM registrations WHERE request_key = ?').get(requestKey) as { id: string } | undefined);
        if (placed) return { ok: false, reason: 'request_key_taken', registrationId: placed.id };
        expireDue(now, r.eventId, 1000);
        const event = loadEvent(sql, r.eventId);
        if (!event) return { ok: false, reason: 'not_found' };
        if (!isOnSale(event, new Date(now))) return { ok: false, reason: 'not_on_sale' };
        if (repriced(event, r)) return { ok: false, reason: 'repriced' };
        const own = accountRegistrations(sql, r.userId, r.eventId);
        const held = blockingHold(r, own, new Date(now));
        if (held) return { ok: false, reason: 'hold_exists', registrationId: held.id };
        const refusal = placementRefusal(accountLimitReached(event, ticketsHeldByAccount(r.userId, r.eventId, own, new Date(now)), r), checkPlacement(event, r));
        if (refusal) return refusal;
        const counter = spotsTakenAs(r.status);
        if (!counter) throw new Error(`A registration is placed pending or confirmed, not ${r.status}.`);
        // Last of the checks, as it is the first that writes.
        const promoRefused = takePromoUse(sql, r, now);
        if (promoRefused) return { ok: false, reason: promoRefused };
        insertRegistration(sql, r, requestKey);
        adjustCounters(r.lines, counter, 1);
        const redrawnCodes = insertTickets(sql, ticketsOf(tickets, event));
        insertJobs(sql, jobs, now);
        return redrawnCodes ? { ok: true, redrawnCodes } : { ok: true };
      });
    },
    async getRegistration(id) {
      return loadRegistration(id);
    },
    async findRegistrationByRequestKey(requestKey) {
      const row = q('SELECT * FROM registrations WHERE request_key = ?').get(requestKey) as RegistrationRow | undefined;
      return row ? toRegistration(row) : null;
    },
    async listRegistrationsByUser(userId, limit, cursor) {
      const { items, nextCursor } = newestOfUser<RegistrationRow>(q, 'registrations', userId, limit, cursor);
      return { items: items.map(toRegistration), nextCursor };
    },
    async listRegistrantsByEvent(eventId, limit, cursor) {
      const after = decodeCursor(cursor);
      const select = `SELECT r.*, (SELECT count(*) FROM tickets t WHERE t.registration_id = r.id AND t.checked_in_at IS NOT NULL) AS checked_in FROM registrations r`;
      const rows = (after
        ? q(`${select} WHERE r.event_id = ? AND (r.created_at, r.id) < (?, ?) ORDER BY r.created_at DESC, r.id DESC LIMIT ?`).all(eventId, after[0], after[1], limit + 1)
        : q(`${select} WHERE r.event_id = ? ORDER BY r.created_at DESC, r.id DESC LIMIT ?`).all(eventId, limit + 1)) as (RegistrationRow & { checked_in: number })[];
      const { items, nextCursor } = page(rows, limit, (r) => [r.created_at, r.id]);
      return { items: items.map((r) => ({ registration: toRegistration(r), checkedIn: r.checked_in })), nextCursor };
    },
    async confirmPayment(registrationId, intent, tickets, jobs, now) {
      return immediate(() => {
        const r = loadRegistration(registrationId);
        if (!r || !holdIsLive(r, new Date(now))) {
          return { ok: false as const, reason: 'not_pending' as const, registration: r };
        }
        adjustCounters(r.lines, 'held', -1);
        adjustCounters(r.lines, 'sold', 1);
        q("UPDATE registrations SET status = 'confirmed', hold_expires_at = NULL, updated_at = ? WHERE id = ?").run(now, r.id);
        q(`INSERT INTO payment_intents (id, registration_id, user_id, amount_cents, currency, status, client_secret, last_error, charge_key, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (id) DO UPDATE SET status = excluded.status, last_error = excluded.last_error, charge_key = excluded.charge_key, updated_at = excluded.updated_at`).run(
          intent.id, intent.registrationId, intent.userId, intent.amountCents, intent.currency, intent.status, intent.clientSecret,
          intent.lastError ? JSON.stringify(intent.lastError) : null, intent.chargeKey, intent.createdAt, intent.updatedAt,
        );
        insertTickets(sql, tickets);
        insertJobs(sql, jobs, now);
        return { ok: true as const, registration: loadRegistration(registrationId)! };
      });
    },
    async transitionRegistration(id, from, to, now, jobs, guard = {}) {
      return immediate(() => {
        const r = loadRegistration(id);
        if (!r || !from.includes(r.status)) return null;
        if (guard.noTicketUsed && q('SELECT 1 FROM tickets WHERE registration_id = ? AND checked_in_at IS NOT NULL LIMIT 1').get(id)) return null;
        if (guard.withinCancellationWindow) {
          const event = loadEvent(sql, r.eventId);
          if (event && cancellationWindowClosed(r, event, new Date(now))) return null;
        }
        assertMove('registration', r.status, to);
        if (releasesSpots(to)) release(r, to, now);
        else q('UPDATE registrations SET status = ?, updated_at = ? WHERE id = ?').run(to, now, id);
        insertJobs(sql, jobs, now);
        return loadRegistration(id);
      });
    },
    async expireHolds(now, limit) {
      return immediate(() => expireDue(now, null, limit));
    },
    async listTicketsByRegistration(registrationId) {
      return (q('SELECT * FROM tickets WHERE registration_id = ? ORDER BY position').all(registrationId) as TicketRow[]).map(toTicket);
    },
  };
}
