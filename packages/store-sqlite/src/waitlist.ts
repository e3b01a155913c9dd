import {
  LIVE_WAITLIST_STATUSES,
  accountLimitReached,
  blockingHold,
  isOnSale,
  offerClaimRefusal,
  offerHasLapsed,
  ticketsHeldByAccount,
  waitlistJoinRefusal,
  type ClaimOfferResult,
  type JoinWaitlistResult,
  type WaitlistStore,
} from '@ticketbooth/core';
import { sqlList, type Sql } from './db.js';
import { loadEvent } from './events.js';
import { insertJobs } from './jobs.js';
import { accountRegistrations, insertRegistration } from './registrations.js';
import { insertTickets } from './tickets.js';
import { endEntry, liveEntries, offerFreedSpots, toWaitlistEntry, type WaitlistRow } from './waitlist-offers.js';

const LIVE = sqlList(LIVE_WAITLIST_STATUSES);

/** The waiting list on SQLite: every change in one immediate transaction (see waitlist-offers.ts for the offers). */
export function sqliteWaitlist(sql: Sql): WaitlistStore {
  const { q, immediate } = sql;
  const byOffer = (offerId: string) => {
    const row = q('SELECT * FROM waitlist_entries WHERE offer_id = ?').get(offerId) as WaitlistRow | undefined;
    return row ? toWaitlistEntry(row) : null;
  };
  const liveOf = (eventId: string, userId: string) => {
    const row = q(`SELECT * FROM waitlist_entries WHERE event_id = ? AND user_id = ? AND status IN (${LIVE})`).get(eventId, userId) as WaitlistRow | undefined;
    return row ? toWaitlistEntry(row) : null;
  };

  return {
    async joinWaitlist(entry, now) {
      return immediate((): JoinWaitlistResult => {
        const existing = liveOf(entry.eventId, entry.userId);
        if (existing) return { ok: false, reason: 'already_waiting', entry: existing };
        offerFreedSpots(sql, entry.eventId, now);
        const event = loadEvent(sql, entry.eventId);
        if (!event) return { ok: false, reason: 'not_found' };
        const held = ticketsHeldByAccount(entry.userId, entry.eventId, accountRegistrations(sql, entry.userId, entry.eventId), new Date(now));
        const refusal = waitlistJoinRefusal(event, entry, held, new Date(now));
        if (refusal) return { ok: false, ...refusal };
        q(`INSERT INTO waitlist_entries (id, event_id, user_id, attendee_name, attendee_email, ticket_type_id, quantity, status, offer_minutes, offer_id, offer_expires_at, registration_id, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, 'waiting', ?, NULL, NULL, NULL, ?, ?)`).run(
          entry.id, entry.eventId, entry.userId, entry.attendeeName, entry.attendeeEmail, entry.ticketTypeId, entry.quantity, entry.offerMinutes, entry.createdAt, entry.updatedAt,
        );
        return { ok: true, entry: { ...entry, status: 'waiting', offer: null, registrationId: null } };
      });
    },
    async leaveWaitlist(eventId, userId, now) {
      return immediate(() => {
        const entry = liveOf(eventId, userId);
        if (!entry) return false;
        endEntry(sql, entry, 'left', now);
        // Its offer's spots, or the room it was first in line for, go to the next entries.
        offerFreedSpots(sql, eventId, now);
        return true;
      });
    },
    async listWaitlist(eventId) {
      return liveEntries(sql, eventId);
    },
    async listWaitlistByUser(userId) {
      const rows = q(`SELECT * FROM waitlist_entries WHERE user_id = ? AND status IN (${LIVE}) ORDER BY created_at, id`).all(userId) as WaitlistRow[];
      return rows.map(toWaitlistEntry);
    },
    async getWaitlistEntryByOffer(offerId) {
      return byOffer(offerId);
    },
    async claimWaitlistOffer(offerId, r, tickets, jobs, now) {
      return immediate((): ClaimOfferResult => {
        const at = new Date(now);
        const entry = byOffer(offerId);
        const refusal = offerClaimRefusal(entry, offerId, r.userId, at);
        if (refusal || !entry) return { ok: false, ...(refusal ?? { reason: 'not_found' }) };
        if (r.eventId !== entry.eventId || r.quantity !== entry.quantity || r.lines.some((l) => l.ticketTypeId !== entry.ticketTypeId)) {
          throw new Error(`Registration ${r.id} is not for the spots of offer ${offerId}.`);
        }
        const event = loadEvent(sql, entry.eventId);
        if (!event || !isOnSale(event, at)) return { ok: false, reason: 'not_on_sale' };
        const own = accountRegistrations(sql, r.userId, r.eventId);
        const hold = blockingHold(r, own, at);
        if (hold) return { ok: false, reason: 'hold_exists', registrationId: hold.id };
        const overLimit = accountLimitReached(event, ticketsHeldByAccount(r.userId, r.eventId, own, at), r);
        if (overLimit) return { ok: false, reason: 'account_limit', ...overLimit };
        insertRegistration(sql, r);
        // The offer's held spots are the registration's now: still held while it is pending, sold when confirmed.
        if (r.status === 'confirmed') q('UPDATE ticket_types SET held = held - ?, sold = sold + ? WHERE id = ?').run(r.quantity, r.quantity, entry.ticketTypeId);
        q("UPDATE waitlist_entries SET status = 'claimed', registration_id = ?, updated_at = ? WHERE id = ?").run(r.id, now, entry.id);
        insertTickets(sql, tickets);
        insertJobs(sql, jobs, now);
        return { ok: true, registration: r };
      });
    },
    async expireWaitlistOffers(now, limit) {
      return immediate(() => {
        const rows = q("SELECT * FROM waitlist_entries WHERE status = 'offered' AND offer_expires_at <= ? ORDER BY offer_expires_at LIMIT ?").all(now, limit) as WaitlistRow[];
        const lapsed = rows.map(toWaitlistEntry).filter((e) => offerHasLapsed(e, new Date(now)));
        for (const eventId of new Set(lapsed.map((e) => e.eventId))) offerFreedSpots(sql, eventId, now);
        return lapsed.length;
      });
    },
  };
}
