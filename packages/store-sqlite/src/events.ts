import {
  checkEventEdit,
  noticeAfterAnnouncement,
  noticeAfterEdit,
  revisionAfterEdit,
  scheduleChanges,
  scheduleOf,
  sourcesOf,
  startsOnLocalDays,
  utcRangeOfLocalDays,
  type EventPatch,
  type EventSchedule,
  type EventStore,
  type EventWithCounts,
  type UpdateEventResult,
} from '@ticketbooth/core';
import { decodeCursor, page } from './cursor.js';
import { sqlList, type Sql } from './db.js';
import { insertJobs } from './jobs.js';
import { offerFreedSpots } from './waitlist-offers.js';
import { imageText, searchText, toEvent, type EventRow, type TicketTypeRow } from './rows.js';

const ticketTypesOf = ({ q }: Sql, eventId: string) =>
  q('SELECT * FROM ticket_types WHERE event_id = ? ORDER BY position').all(eventId) as TicketTypeRow[];

export function loadEvent(sql: Sql, id: string): EventWithCounts | null {
  const row = sql.q('SELECT * FROM events WHERE id = ?').get(id) as EventRow | undefined;
  return row ? toEvent(row, ticketTypesOf(sql, id)) : null;
}

function loadEvents({ db }: Sql, rows: EventRow[]): EventWithCounts[] {
  if (rows.length === 0) return [];
  const types = db
    .prepare(`SELECT * FROM ticket_types WHERE event_id IN (${rows.map(() => '?').join(',')}) ORDER BY position`)
    .all(...rows.map((r) => r.id)) as TicketTypeRow[];
  return rows.map((r) => toEvent(r, types.filter((t) => t.event_id === r.id)));
}

/** The schedule the event's holders were last told about while a move is not announced yet. */
function pendingNotice({ q }: Sql, id: string): EventSchedule | null {
  const row = q('SELECT change_notice FROM events WHERE id = ?').get(id) as { change_notice: string | null } | undefined;
  return row?.change_notice ? (JSON.parse(row.change_notice) as EventSchedule) : null;
}

const noticeText = (notice: EventSchedule | null): string | null => (notice ? JSON.stringify(notice) : null);

function eventResult(sql: Sql, id: string): UpdateEventResult {
  const event = loadEvent(sql, id);
  return event ? { ok: true, event } : { ok: false, reason: 'not_found' };
}

export function sqliteEvents(sql: Sql): Omit<EventStore, 'eventStats' | 'setEventImage'> {
  const { q, immediate } = sql;
  return {
    async insertEvent(e) {
      await immediate(() => {
        q(`INSERT INTO events (id, organizer_id, name, description, category, location, starts_at, ends_at, open_ended, timezone, currency, capacity, status, cancel_reason, max_tickets_per_account, attendee_cancellation_cutoff_hours, counter_shards, revision, image, search_text, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(
          e.id, e.organizerId, e.name, e.description, e.category, e.location, e.startsAt, e.endsAt, e.openEnded ? 1 : 0, e.timezone, e.currency, e.capacity, e.status, e.cancelReason,
          e.maxTicketsPerAccount, e.attendeeCancellationCutoffHours, e.counterShards ?? null, e.revision, imageText(e.image), searchText(e), e.createdAt, e.updatedAt,
        );
        e.ticketTypes.forEach((t, position) => {
          q('INSERT INTO ticket_types (id, event_id, position, name, price_cents, quantity) VALUES (?, ?, ?, ?, ?, ?)').run(t.id, e.id, position, t.name, t.priceCents, t.quantity);
        });
      });
    },
    async getEvent(id) {
      return loadEvent(sql, id);
    },
    async updateEvent(id, patch: EventPatch, now, jobs = []) {
      return immediate((): UpdateEventResult => {
        const current = loadEvent(sql, id);
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
        const revision = revisionAfterEdit(current, merged);
        const notice = noticeAfterEdit(current, merged, pendingNotice(sql, id));
        q(`UPDATE events SET name = ?, description = ?, category = ?, location = ?, starts_at = ?, ends_at = ?, open_ended = ?, timezone = ?, capacity = ?,
           max_tickets_per_account = ?, attendee_cancellation_cutoff_hours = ?, revision = ?, change_notice = ?, search_text = ?, updated_at = ? WHERE id = ?`).run(
          merged.name, merged.description, merged.category, merged.location, merged.startsAt, merged.endsAt, merged.openEnded ? 1 : 0, merged.timezone, merged.capacity,
          merged.maxTicketsPerAccount, merged.attendeeCancellationCutoffHours, revision, noticeText(notice), searchText(merged), now, id,
        );
        // A raised capacity (or quantity) goes to the waiting list first.
        offerFreedSpots(sql, id, now);
        insertJobs(sql, jobs, now);
        return eventResult(sql, id);
      });
    },
    async publishEvent(id, now) {
      return immediate((): UpdateEventResult => {
        const changed = q(`UPDATE events SET status = 'published', updated_at = ? WHERE id = ? AND status IN (${sqlList(sourcesOf('event', 'published'))})`).run(now, id).changes;
        if (changed === 0) return loadEvent(sql, id) ? { ok: false, reason: 'invalid_state' } : { ok: false, reason: 'not_found' };
        return eventResult(sql, id);
      });
    },
    async cancelEvent(id, reason, now, jobs) {
      return immediate((): UpdateEventResult => {
        const changed = q(`UPDATE events SET status = 'cancelled', cancel_reason = ?, updated_at = ? WHERE id = ? AND status IN (${sqlList(sourcesOf('event', 'cancelled'))})`).run(reason, now, id).changes;
        if (changed === 0) return loadEvent(sql, id) ? { ok: false, reason: 'invalid_state' } : { ok: false, reason: 'not_found' };
        // Its waiting list closes: offers end and give their spots back.
        offerFreedSpots(sql, id, now);
        insertJobs(sql, jobs, now);
        return eventResult(sql, id);
      });
    },
    async getEventChangeNotice(eventId) {
      const event = loadEvent(sql, eventId);
      const before = pendingNotice(sql, eventId);
      if (!event || !before || scheduleChanges(before, event).length === 0) return null;
      return { revision: event.revision, before, after: scheduleOf(event) };
    },
    async settleEventChangeNotice(eventId, announced) {
      await immediate(() => {
        const event = loadEvent(sql, eventId);
        const before = pendingNotice(sql, eventId);
        if (!event || !before || scheduleChanges(before, announced.before).length > 0) return;
        q('UPDATE events SET change_notice = ? WHERE id = ?').run(noticeText(noticeAfterAnnouncement(event, announced.after)), eventId);
      });
    },
    async getChangeMailedRevision(registrationId) {
      const row = q('SELECT revision FROM event_change_mails WHERE registration_id = ?').get(registrationId) as { revision: number } | undefined;
      return row?.revision ?? 0;
    },
    async recordChangeMailed(registrationId, revision) {
      await immediate(() =>
        q(`INSERT INTO event_change_mails (registration_id, revision) VALUES (?, ?)
           ON CONFLICT (registration_id) DO UPDATE SET revision = max(revision, excluded.revision)`).run(registrationId, revision),
      );
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
      // Local days: the index narrows to UTC instants that hold them in every zone; each row's own zone decides.
      const days = utcRangeOfLocalDays(s);
      for (const from of [s.from, days.from]) {
        if (from === undefined) continue;
        where.push('starts_at >= ?');
        params.push(from);
      }
      for (const to of [s.to, days.to]) {
        if (to === undefined) continue;
        where.push('starts_at <= ?');
        params.push(to);
      }
      const select = `SELECT * FROM events WHERE ${where.join(' AND ')} AND (starts_at, id) > (?, ?) ORDER BY starts_at, id LIMIT ?`;
      let after = decodeCursor(s.cursor) ?? ['', ''];
      const kept: EventRow[] = [];
      // Rows the local-day check drops leave a batch short: read on until a full page (and one more) is kept.
      for (;;) {
        const rows = q(select).all(...params, after[0], after[1], s.limit + 1) as EventRow[];
        kept.push(...rows.filter((r) => startsOnLocalDays({ startsAt: r.starts_at, timezone: r.timezone }, s)));
        const last = rows[rows.length - 1];
        if (kept.length > s.limit || rows.length <= s.limit || !last) break;
        after = [last.starts_at, last.id];
      }
      const { items, nextCursor } = page(kept, s.limit, (r) => [r.starts_at, r.id]);
      return { items: loadEvents(sql, items), nextCursor };
    },
    async listEventsByOrganizer(organizerId, limit, cursor) {
      const after = decodeCursor(cursor);
      const rows = (after
        ? q('SELECT * FROM events WHERE organizer_id = ? AND (created_at, id) < (?, ?) ORDER BY created_at DESC, id DESC LIMIT ?').all(organizerId, after[0], after[1], limit + 1)
        : q('SELECT * FROM events WHERE organizer_id = ? ORDER BY created_at DESC, id DESC LIMIT ?').all(organizerId, limit + 1)) as EventRow[];
      const { items, nextCursor } = page(rows, limit, (r) => [r.created_at, r.id]);
      return { items: loadEvents(sql, items), nextCursor };
    },
  };
}
