import {
  DELETED_USER,
  LIVE_WAITLIST_STATUSES,
  isOnSale,
  offerExpiresAt,
  offerHasLapsed,
  offersToMake,
  randomIds,
  type WaitlistEntry,
} from '@ticketbooth/core';
import { sqlList, type Sql } from './db.js';
import { loadEvent } from './events.js';
import { insertJobs } from './jobs.js';

export interface WaitlistRow {
  id: string; event_id: string; user_id: string; attendee_name: string; attendee_email: string; ticket_type_id: string; quantity: number;
  status: WaitlistEntry['status']; offer_minutes: number; offer_id: string | null; offer_expires_at: string | null; registration_id: string | null;
  created_at: string; updated_at: string;
}

export const toWaitlistEntry = (r: WaitlistRow): WaitlistEntry => ({
  id: r.id, eventId: r.event_id, userId: r.user_id, attendeeName: r.attendee_name, attendeeEmail: r.attendee_email, ticketTypeId: r.ticket_type_id,
  quantity: r.quantity, status: r.status, offerMinutes: r.offer_minutes,
  offer: r.offer_id && r.offer_expires_at ? { id: r.offer_id, expiresAt: r.offer_expires_at } : null,
  registrationId: r.registration_id, createdAt: r.created_at, updatedAt: r.updated_at,
});

/** The event's live entries (waiting or offered), in list order (byListOrder). */
export function liveEntries({ q }: Sql, eventId: string): WaitlistEntry[] {
  const rows = q(`SELECT * FROM waitlist_entries WHERE event_id = ? AND status IN (${sqlList(LIVE_WAITLIST_STATUSES)}) ORDER BY created_at, id`).all(eventId) as WaitlistRow[];
  return rows.map(toWaitlistEntry);
}

/** Moves an entry off the list; an offered one gives its held spots back. The caller holds the transaction. */
export function endEntry({ q }: Sql, entry: WaitlistEntry, to: 'expired' | 'left', now: string): void {
  if (entry.status === 'offered') q('UPDATE ticket_types SET held = held - ? WHERE id = ?').run(entry.quantity, entry.ticketTypeId);
  q('UPDATE waitlist_entries SET status = ?, updated_at = ? WHERE id = ?').run(to, now, entry.id);
}

/**
 * Passes free spots on, inside the caller's transaction: the event's lapsed offers end (every live
 * entry once the event is off sale), then the free room is offered to the oldest waiting entries
 * (offersToMake), each offer held and its mail enqueued. Called wherever spots come back.
 */
export function offerFreedSpots(sql: Sql, eventId: string, now: string): void {
  const live = liveEntries(sql, eventId);
  if (live.length === 0) return;
  const at = new Date(now);
  const event = loadEvent(sql, eventId);
  const onSale = event !== null && isOnSale(event, at);
  for (const entry of live) if (!onSale || offerHasLapsed(entry, at)) endEntry(sql, entry, 'expired', now);
  if (!onSale) return;
  const room = loadEvent(sql, eventId)!;
  const waiting = live.filter((e) => e.status === 'waiting');
  for (const offer of offersToMake(room, waiting)) {
    const entry = waiting.find((e) => e.id === offer.entryId)!;
    const offerId = randomIds.newId('wlo');
    sql.q("UPDATE waitlist_entries SET status = 'offered', offer_id = ?, offer_expires_at = ?, updated_at = ? WHERE id = ?").run(offerId, offerExpiresAt(entry, at), now, entry.id);
    sql.q('UPDATE ticket_types SET held = held + ? WHERE id = ?').run(offer.quantity, offer.ticketTypeId);
    insertJobs(sql, [{ id: randomIds.newId('job'), payload: { kind: 'send_waitlist_offer_mail', eventId, offerId } }], now);
  }
}

/** A deleted account leaves every list (its offers passing on) and its name and email go from its entries; the caller holds the transaction. */
export function forgetWaitlistOf(sql: Sql, userId: string, now: string): void {
  const live = (sql.q(`SELECT * FROM waitlist_entries WHERE user_id = ? AND status IN (${sqlList(LIVE_WAITLIST_STATUSES)})`).all(userId) as WaitlistRow[]).map(toWaitlistEntry);
  for (const entry of live) {
    endEntry(sql, entry, 'left', now);
    offerFreedSpots(sql, entry.eventId, now);
  }
  sql.q('UPDATE waitlist_entries SET attendee_name = ?, attendee_email = ? WHERE user_id = ?').run(DELETED_USER, DELETED_USER, userId);
}
