import type { Database, Statement } from 'better-sqlite3';
import {
  assertMove,
  checkEventEdit,
  checkPlacement,
  holdHasLapsed,
  holdIsLive,
  isOnSale,
  randomIds,
  releasesSpots,
  sourcesOf,
  spotsTakenAs,
  VOIDABLE_TICKET_STATUSES,
  type EventPatch,
  type EventWithCounts,
  type IdempotencyBegin,
  type IdGenerator,
  type JobPayload,
  type PlaceRegistrationResult,
  type Registration,
  type RegistrationLine,
  type RegistrationStatus,
  type Store,
  type Ticket,
  type UpdateEventResult,
} from '@ticketbooth/core';
import { decodeCursor, page } from './cursor.js';
import { WriteBatcher } from './write-batcher.js';
import {
  searchText,
  toCheckIn,
  toEvent,
  toJob,
  toPaymentIntent,
  toRegistration,
  toTicket,
  toUser,
  type CheckInRow,
  type EventRow,
  type JobRow,
  type PaymentIntentRow,
  type RegistrationRow,
  type TicketRow,
  type TicketTypeRow,
  type UserRow,
} from './rows.js';

/** A status list for an SQL `IN (...)`: statuses are the domain's own constants, never input. */
const sqlList = (statuses: readonly string[]): string => statuses.map((s) => `'${s}'`).join(', ');

/**
 * The Store port on SQLite. Every method that changes spots, payments or tickets runs in one
 * BEGIN IMMEDIATE transaction: the write lock is taken before anything is read, so two
 * connections (or processes) can never both see the same free spot.
 */
export function createSqliteStore(db: Database, ids: IdGenerator = randomIds): Store {
  const stmt = new Map<string, Statement>();
  /** Prepared once, reused: statement preparation is a measurable share of a short query. */
  const q = (sql: string): Statement => {
    let s = stmt.get(sql);
    if (!s) {
      s = db.prepare(sql);
      stmt.set(sql, s);
    }
    return s;
  };
  const batcher = new WriteBatcher(db);
  /** Every change goes through the group-commit batcher: one BEGIN IMMEDIATE transaction per burst. */
  const immediate = <T>(fn: () => T): Promise<T> => batcher.run(fn);

  const ticketTypesOf = (eventId: string) =>
    q('SELECT * FROM ticket_types WHERE event_id = ? ORDER BY position').all(eventId) as TicketTypeRow[];

  const loadEvent = (id: string): EventWithCounts | null => {
    const row = q('SELECT * FROM events WHERE id = ?').get(id) as EventRow | undefined;
    return row ? toEvent(row, ticketTypesOf(id)) : null;
  };

  const loadEvents = (rows: EventRow[]): EventWithCounts[] => {
    if (rows.length === 0) return [];
    const types = db
      .prepare(`SELECT * FROM ticket_types WHERE event_id IN (${rows.map(() => '?').join(',')}) ORDER BY position`)
      .all(...rows.map((r) => r.id)) as TicketTypeRow[];
    return rows.map((r) => toEvent(r, types.filter((t) => t.event_id === r.id)));
  };

  const loadRegistration = (id: string): Registration | null => {
    const row = q('SELECT * FROM registrations WHERE id = ?').get(id) as RegistrationRow | undefined;
    return row ? toRegistration(row) : null;
  };

  const insertJobs = (jobs: JobPayload[], now: string): void => {
    for (const payload of jobs) {
      q('INSERT INTO jobs (id, payload, attempts, run_after, created_at) VALUES (?, ?, 0, ?, ?)').run(ids.newId('job'), JSON.stringify(payload), now, now);
    }
  };

  const insertTickets = (tickets: Ticket[]): void => {
    tickets.forEach((t, position) => {
      q(`INSERT INTO tickets (id, registration_id, event_id, user_id, ticket_type_id, ticket_type_name, attendee_name, status, qr, checked_in_at, created_at, position)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(
        t.id, t.registrationId, t.eventId, t.userId, t.ticketTypeId, t.ticketTypeName, t.attendeeName, t.status, t.qr, t.checkedInAt, t.createdAt, position,
      );
    });
  };

  /** Moves a registration's spots between the held and sold counters (negative = release). */
  const adjustCounters = (lines: RegistrationLine[], column: 'held' | 'sold', sign: 1 | -1): void => {
    const sql = column === 'held' ? 'UPDATE ticket_types SET held = held + ? WHERE id = ?' : 'UPDATE ticket_types SET sold = sold + ? WHERE id = ?';
    for (const line of lines) q(sql).run(sign * line.quantity, line.ticketTypeId);
  };

  /** Releases a registration's spots and voids its tickets; the caller holds the transaction. */
  const release = (r: Registration, to: RegistrationStatus, now: string): void => {
    const counter = spotsTakenAs(r.status);
    if (counter) adjustCounters(r.lines, counter, -1);
    q('UPDATE registrations SET status = ?, hold_expires_at = NULL, updated_at = ? WHERE id = ?').run(to, now, r.id);
    q(`UPDATE tickets SET status = 'cancelled' WHERE registration_id = ? AND status IN (${sqlList(VOIDABLE_TICKET_STATUSES)})`).run(r.id);
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

  const eventResult = (id: string): UpdateEventResult => {
    const event = loadEvent(id);
    return event ? { ok: true, event } : { ok: false, reason: 'not_found' };
  };

  return {
    async insertUser(user) {
      const result = await immediate(() => q('INSERT INTO users (id, email, name, role, email_verified, created_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (email) DO NOTHING').run(
        user.id, user.email, user.name, user.role, user.emailVerified ? 1 : 0, user.createdAt,
      ));
      return result.changes === 1 ? { ok: true } : { ok: false, reason: 'email_taken' };
    },
    async getUser(id) {
      const row = q('SELECT * FROM users WHERE id = ?').get(id) as UserRow | undefined;
      return row ? toUser(row) : null;
    },
    async getUserByEmail(email) {
      const row = q('SELECT * FROM users WHERE email = ?').get(email.trim().toLowerCase()) as UserRow | undefined;
      return row ? toUser(row) : null;
    },
    async markEmailVerified(userId) {
      await immediate(() => q('UPDATE users SET email_verified = 1 WHERE id = ?').run(userId));
    },

    async insertEvent(e) {
      await immediate(() => {
        q(`INSERT INTO events (id, organizer_id, name, description, category, location, starts_at, ends_at, timezone, currency, capacity, status, cancel_reason, search_text, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(
          e.id, e.organizerId, e.name, e.description, e.category, e.location, e.startsAt, e.endsAt, e.timezone, e.currency, e.capacity, e.status, e.cancelReason, searchText(e), e.createdAt, e.updatedAt,
        );
        e.ticketTypes.forEach((t, position) => {
          q('INSERT INTO ticket_types (id, event_id, position, name, price_cents, quantity) VALUES (?, ?, ?, ?, ?, ?)').run(t.id, e.id, position, t.name, t.priceCents, t.quantity);
        });
      });
    },
    async getEvent(id) {
      return loadEvent(id);
    },
    async updateEvent(id, patch: EventPatch, now) {
      return immediate((): UpdateEventResult => {
        const current = loadEvent(id);
        if (!current) return { ok: false, reason: 'not_found' };
        const verdict = checkEventEdit(current, patch);
        if (!verdict.ok) return verdict;
        if (patch.ticketTypes) {
          const next = new Map(patch.ticketTypes.map((t) => [t.id, t]));
          for (const t of current.ticketTypes) if (!next.has(t.id)) q('DELETE FROM ticket_types WHERE id = ?').run(t.id);
          patch.ticketTypes.forEach((t, position) => {
            q(`INSERT INTO ticket_types (id, event_id, position, name, price_cents, quantity) VALUES (?, ?, ?, ?, ?, ?)
               ON CONFLICT (id) DO UPDATE SET position = excluded.position, name = excluded.name, price_cents = excluded.price_cents, quantity = excluded.quantity`).run(
              t.id, id, position, t.name, t.priceCents, t.quantity,
            );
          });
        }
        const merged = { ...current, ...patch };
        q(`UPDATE events SET name = ?, description = ?, category = ?, location = ?, starts_at = ?, ends_at = ?, timezone = ?, capacity = ?, search_text = ?, updated_at = ? WHERE id = ?`).run(
          merged.name, merged.description, merged.category, merged.location, merged.startsAt, merged.endsAt, merged.timezone, merged.capacity, searchText(merged), now, id,
        );
        return eventResult(id);
      });
    },
    async publishEvent(id, now) {
      return immediate((): UpdateEventResult => {
        const changed = q(`UPDATE events SET status = 'published', updated_at = ? WHERE id = ? AND status IN (${sqlList(sourcesOf('event', 'published'))})`).run(now, id).changes;
        if (changed === 0) return loadEvent(id) ? { ok: false, reason: 'invalid_state' } : { ok: false, reason: 'not_found' };
        return eventResult(id);
      });
    },
    async cancelEvent(id, reason, now, jobs) {
      return immediate((): UpdateEventResult => {
        const changed = q(`UPDATE events SET status = 'cancelled', cancel_reason = ?, updated_at = ? WHERE id = ? AND status IN (${sqlList(sourcesOf('event', 'cancelled'))})`).run(reason, now, id).changes;
        if (changed === 0) return loadEvent(id) ? { ok: false, reason: 'invalid_state' } : { ok: false, reason: 'not_found' };
        insertJobs(jobs, now);
        return eventResult(id);
      });
    },
    async searchPublishedEvents(s) {
      const where = ["status = 'published'", 'ends_at > ?'];
      const params: (string | number)[] = [s.notEndedAt];
      if (s.q) {
        where.push("search_text LIKE ? ESCAPE '\\'");
        params.push(`%${s.q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
      }
      if (s.category) {
        where.push('lower(category) = ?');
        params.push(s.category.toLowerCase());
      }
      if (s.from) {
        where.push('starts_at >= ?');
        params.push(s.from);
      }
      if (s.to) {
        where.push('starts_at <= ?');
        params.push(s.to);
      }
      const after = decodeCursor(s.cursor);
      if (after) {
        where.push('(starts_at, id) > (?, ?)');
        params.push(after[0], after[1]);
      }
      const rows = q(`SELECT * FROM events WHERE ${where.join(' AND ')} ORDER BY starts_at, id LIMIT ?`).all(...params, s.limit + 1) as EventRow[];
      const { items, nextCursor } = page(rows, s.limit, (r) => [r.starts_at, r.id]);
      return { items: loadEvents(items), nextCursor };
    },
    async listEventsByOrganizer(organizerId, limit, cursor) {
      const after = decodeCursor(cursor);
      const rows = (after
        ? q('SELECT * FROM events WHERE organizer_id = ? AND (created_at, id) < (?, ?) ORDER BY created_at DESC, id DESC LIMIT ?').all(organizerId, after[0], after[1], limit + 1)
        : q('SELECT * FROM events WHERE organizer_id = ? ORDER BY created_at DESC, id DESC LIMIT ?').all(organizerId, limit + 1)) as EventRow[];
      const { items, nextCursor } = page(rows, limit, (r) => [r.created_at, r.id]);
      return { items: loadEvents(items), nextCursor };
    },

    async placeRegistration(r, tickets, jobs, now, requestKey) {
      return immediate((): PlaceRegistrationResult => {
        // First, so a repeated request learns its registration exists even when the event has since filled.
        const placed = requestKey === undefined ? undefined : (q('SELECT id FROM registrations WHERE request_key = ?').get(requestKey) as { id: string } | undefined);
        if (placed) return { ok: false, reason: 'request_key_taken', registrationId: placed.id };
        expireDue(now, r.eventId, 1000);
        const event = loadEvent(r.eventId);
        if (!event) return { ok: false, reason: 'not_found' };
        if (!isOnSale(event, new Date(now))) return { ok: false, reason: 'not_on_sale' };
        const verdict = checkPlacement(event, r);
        if (!verdict.ok) return verdict;
        const counter = spotsTakenAs(r.status);
        if (!counter) throw new Error(`A registration is placed pending or confirmed, not ${r.status}.`);
        q(`INSERT INTO registrations (id, event_id, user_id, attendee_name, attendee_email, lines, quantity, amount_cents, currency, status, hold_expires_at, created_at, updated_at, request_key)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(
          r.id, r.eventId, r.userId, r.attendeeName, r.attendeeEmail, JSON.stringify(r.lines), r.quantity, r.amountCents, r.currency, r.status, r.holdExpiresAt, r.createdAt, r.updatedAt, requestKey ?? null,
        );
        adjustCounters(r.lines, counter, 1);
        insertTickets(tickets);
        insertJobs(jobs, now);
        return { ok: true };
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
      const after = decodeCursor(cursor);
      const rows = (after
        ? q('SELECT * FROM registrations WHERE user_id = ? AND (created_at, id) < (?, ?) ORDER BY created_at DESC, id DESC LIMIT ?').all(userId, after[0], after[1], limit + 1)
        : q('SELECT * FROM registrations WHERE user_id = ? ORDER BY created_at DESC, id DESC LIMIT ?').all(userId, limit + 1)) as RegistrationRow[];
      const { items, nextCursor } = page(rows, limit, (r) => [r.created_at, r.id]);
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
        insertTickets(tickets);
        insertJobs(jobs, now);
        return { ok: true as const, registration: loadRegistration(registrationId)! };
      });
    },
    async transitionRegistration(id, from, to, now, jobs) {
      return immediate(() => {
        const r = loadRegistration(id);
        if (!r || !from.includes(r.status)) return null;
        assertMove('registration', r.status, to);
        if (releasesSpots(to)) release(r, to, now);
        else q('UPDATE registrations SET status = ?, updated_at = ? WHERE id = ?').run(to, now, id);
        insertJobs(jobs, now);
        return loadRegistration(id);
      });
    },
    async expireHolds(now, limit) {
      return immediate(() => expireDue(now, null, limit));
    },

    async insertPaymentIntent(i) {
      await immediate(() => q(`INSERT INTO payment_intents (id, registration_id, user_id, amount_cents, currency, status, client_secret, last_error, charge_key, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(
        i.id, i.registrationId, i.userId, i.amountCents, i.currency, i.status, i.clientSecret, i.lastError ? JSON.stringify(i.lastError) : null, i.chargeKey, i.createdAt, i.updatedAt,
      ));
    },
    async getPaymentIntent(id) {
      const row = q('SELECT * FROM payment_intents WHERE id = ?').get(id) as PaymentIntentRow | undefined;
      return row ? toPaymentIntent(row) : null;
    },
    async updatePaymentIntent(i, expectedStatus) {
      assertMove('payment_intent', expectedStatus, i.status);
      const changes = await immediate(() => q('UPDATE payment_intents SET status = ?, last_error = ?, charge_key = ?, updated_at = ? WHERE id = ? AND status = ?').run(
        i.status, i.lastError ? JSON.stringify(i.lastError) : null, i.chargeKey, i.updatedAt, i.id, expectedStatus,
      ).changes);
      return changes === 1;
    },
    async listPaymentIntentsByRegistration(registrationId) {
      return (q('SELECT * FROM payment_intents WHERE registration_id = ? ORDER BY created_at, id').all(registrationId) as PaymentIntentRow[]).map(toPaymentIntent);
    },
    async listProcessingPaymentIntents(limit) {
      return (q("SELECT * FROM payment_intents WHERE status = 'processing' ORDER BY updated_at LIMIT ?").all(limit) as PaymentIntentRow[]).map(toPaymentIntent);
    },

    async getTicket(id) {
      const row = q('SELECT * FROM tickets WHERE id = ?').get(id) as TicketRow | undefined;
      return row ? toTicket(row) : null;
    },
    async listTicketsByRegistration(registrationId) {
      return (q('SELECT * FROM tickets WHERE registration_id = ? ORDER BY position').all(registrationId) as TicketRow[]).map(toTicket);
    },
    async listTicketsByUser(userId, limit, cursor) {
      const after = decodeCursor(cursor);
      const rows = (after
        ? q('SELECT * FROM tickets WHERE user_id = ? AND (created_at, id) < (?, ?) ORDER BY created_at DESC, id DESC LIMIT ?').all(userId, after[0], after[1], limit + 1)
        : q('SELECT * FROM tickets WHERE user_id = ? ORDER BY created_at DESC, id DESC LIMIT ?').all(userId, limit + 1)) as TicketRow[];
      const { items, nextCursor } = page(rows, limit, (r) => [r.created_at, r.id]);
      return { items: items.map(toTicket), nextCursor };
    },
    async checkIn(input) {
      return immediate(() => {
        const ticketOf = (id: string | null) => {
          if (!id) return null;
          const row = q('SELECT * FROM tickets WHERE id = ?').get(id) as TicketRow | undefined;
          return row ? toTicket(row) : null;
        };
        if (input.nonce !== null) {
          const seen = q('SELECT * FROM checkins WHERE event_id = ? AND nonce = ?').get(input.eventId, input.nonce) as CheckInRow | undefined;
          if (seen) return { result: seen.result, ticket: ticketOf(seen.ticket_id) };
        }
        let result = input.presetResult;
        let ticket = result ? null : ticketOf(input.ticketId);
        if (!result) {
          if (!ticket) result = 'invalid';
          else if (ticket.eventId !== input.eventId) result = 'wrong_event';
          else if (ticket.status === 'cancelled') result = 'cancelled';
          else if (q(`UPDATE tickets SET status = 'used', checked_in_at = ? WHERE id = ? AND status IN (${sqlList(sourcesOf('ticket', 'used'))})`).run(input.at, ticket.id).changes === 1) {
            result = 'admitted';
            ticket = ticketOf(ticket.id);
          } else result = 'already_used';
        }
        q('INSERT INTO checkins (id, event_id, ticket_id, nonce, result, at, by_user) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
          input.id, input.eventId, ticket?.id ?? null, input.nonce, result, input.at, input.by,
        );
        return { result, ticket };
      });
    },
    async listCheckIns(eventId, limit) {
      return (q('SELECT * FROM checkins WHERE event_id = ? ORDER BY at DESC, id DESC LIMIT ?').all(eventId, limit) as CheckInRow[]).map(toCheckIn);
    },

    async eventStats(eventId) {
      const counts = q(`SELECT count(*) AS registrations, coalesce(sum(status = 'confirmed'), 0) AS confirmed,
                               coalesce(sum(CASE WHEN status = 'confirmed' THEN amount_cents ELSE 0 END), 0) AS revenue
                        FROM registrations WHERE event_id = ?`).get(eventId) as { registrations: number; confirmed: number; revenue: number };
      const totals = q('SELECT coalesce(sum(sold), 0) AS sold, coalesce(sum(held), 0) AS held FROM ticket_types WHERE event_id = ?').get(eventId) as { sold: number; held: number };
      const checkedIn = (q('SELECT count(*) AS n FROM tickets WHERE event_id = ? AND checked_in_at IS NOT NULL').get(eventId) as { n: number }).n;
      const timeline = q(`SELECT substr(created_at, 1, 10) AS date, count(*) AS registrations, sum(amount_cents) AS revenueCents
                          FROM registrations WHERE event_id = ? AND status = 'confirmed' GROUP BY date ORDER BY date`).all(eventId) as { date: string; registrations: number; revenueCents: number }[];
      return { registrations: counts.registrations, confirmed: counts.confirmed, revenueCents: counts.revenue, sold: totals.sold, held: totals.held, checkedIn, timeline };
    },

    async beginIdempotent(scope, requestHash, now, { leaseMs, retentionMs }) {
      return immediate((): IdempotencyBegin => {
        // Forget keys past their retention, a bounded batch at a time, this one included.
        const forgetBefore = new Date(Date.parse(now) - retentionMs).toISOString();
        q('DELETE FROM idempotency_keys WHERE rowid IN (SELECT rowid FROM idempotency_keys WHERE created_at <= ? LIMIT 100)').run(forgetBefore);
        q('DELETE FROM idempotency_keys WHERE scope = ? AND created_at <= ?').run(scope, forgetBefore);
        const row = q('SELECT * FROM idempotency_keys WHERE scope = ?').get(scope) as
          | { request_hash: string; state: string; response_status: number | null; response_body: string | null; created_at: string }
          | undefined;
        if (!row) {
          q("INSERT INTO idempotency_keys (scope, request_hash, state, created_at) VALUES (?, ?, 'in_progress', ?)").run(scope, requestHash, now);
          return { state: 'started' };
        }
        if (row.request_hash !== requestHash) return { state: 'mismatch' };
        if (row.state !== 'done') {
          // created_at is when the key's current owner started; the write lock makes one caller the taker.
          if (Date.parse(row.created_at) + leaseMs > Date.parse(now)) return { state: 'in_progress' };
          q('UPDATE idempotency_keys SET created_at = ? WHERE scope = ?').run(now, scope);
          return { state: 'stale' };
        }
        return { state: 'replay', status: row.response_status!, body: row.response_body ?? '' };
      });
    },
    async completeIdempotent(scope, status, body) {
      await immediate(() => q("UPDATE idempotency_keys SET state = 'done', response_status = ?, response_body = ? WHERE scope = ?").run(status, body, scope));
    },
    async abandonIdempotent(scope) {
      await immediate(() => q('DELETE FROM idempotency_keys WHERE scope = ?').run(scope));
    },

    async enqueueJobs(jobs, now) {
      await immediate(() => insertJobs(jobs, now));
    },
    async claimJobs(now, limit, leaseMs) {
      return immediate(() => {
        const rows = q('SELECT * FROM jobs WHERE run_after <= ? AND (lease_until IS NULL OR lease_until <= ?) ORDER BY run_after, id LIMIT ?').all(now, now, limit) as JobRow[];
        const leaseUntil = new Date(Date.parse(now) + leaseMs).toISOString();
        for (const row of rows) q('UPDATE jobs SET lease_until = ?, attempts = attempts + 1 WHERE id = ?').run(leaseUntil, row.id);
        return rows.map((r) => ({ ...toJob(r), attempts: r.attempts + 1 }));
      });
    },
    async completeJob(id) {
      await immediate(() => q('DELETE FROM jobs WHERE id = ?').run(id));
    },
    async retryJob(id, runAfter, error) {
      await immediate(() => q('UPDATE jobs SET run_after = ?, last_error = ?, lease_until = NULL WHERE id = ?').run(runAfter, error.slice(0, 2000), id));
    },

    async close() {
      if (db.open) db.close();
    },
  };
}
