import {
  ORGANIZER_DOOR,
  admission,
  withDoorDefaults,
  isDoubleAdmission,
  sourcesOf,
  type CheckInConflict,
  type CheckInList,
  type DoorStore,
  type DoorTicket,
  type FirstAdmission,
  type ScannerLink,
} from '@ticketbooth/core';
import { sqlList, type Sql } from './db.js';
import { toCheckIn, toTicket, type CheckInRow, type TicketRow } from './rows.js';

interface ConflictRow {
  id: string; event_id: string; checkin_id: string; ticket_id: string; first_checked_in_at: string; first_by: string;
  later_scanned_at: string; later_by: string; later_device_id: string | null; recorded_at: string;
  attendee_name: string; ticket_type_name: string;
}
interface ListRow { id: string; event_id: string; name: string; ticket_type_ids: string; created_at: string }
interface LinkRow {
  id: string; event_id: string; name: string; checkin_list_id: string | null; secret_hash: string; expires_at: string | null;
  created_at: string; revoked_at: string | null; last_seen_at: string | null; scan_count: number;
}

const toList = (r: ListRow): CheckInList => ({
  id: r.id, eventId: r.event_id, name: r.name, ticketTypeIds: JSON.parse(r.ticket_type_ids) as string[], createdAt: r.created_at,
});
const toLink = (r: LinkRow): ScannerLink => ({
  id: r.id, eventId: r.event_id, name: r.name, checkinListId: r.checkin_list_id, secretHash: r.secret_hash, expiresAt: r.expires_at,
  createdAt: r.created_at, revokedAt: r.revoked_at, lastSeenAt: r.last_seen_at, scanCount: r.scan_count,
});
const toConflict = (r: ConflictRow): CheckInConflict => ({
  id: r.id, eventId: r.event_id, ticketId: r.ticket_id, attendeeName: r.attendee_name, ticketTypeName: r.ticket_type_name,
  firstCheckedInAt: r.first_checked_in_at, firstBy: r.first_by, laterScannedAt: r.later_scanned_at, laterBy: r.later_by,
  laterDeviceId: r.later_device_id, recordedAt: r.recorded_at,
});
/** Admissions from before doors were named were made with the organizer's login. */
const firstAdmissionOf = (t: TicketRow): FirstAdmission => ({ firstCheckedInAt: t.checked_in_at ?? t.changed_at, firstBy: t.checked_in_by ?? ORGANIZER_DOOR });

const CONFLICT_SELECT = `SELECT c.*, t.attendee_name, t.ticket_type_name FROM checkin_conflicts c JOIN tickets t ON t.id = c.ticket_id`;
/** Rows per read of the door data: bounded statements, one answer. */
const DOOR_PAGE = 2000;

export function sqliteDoor({ q, immediate }: Sql): DoorStore {
  const ticketRow = (id: string | null) => (id ? (q('SELECT * FROM tickets WHERE id = ?').get(id) as TicketRow | undefined) ?? null : null);
  return {
    async checkIn(scan) {
      const input = withDoorDefaults(scan);
      return immediate(() => {
        if (input.nonce !== null) {
          const seen = q('SELECT * FROM checkins WHERE event_id = ? AND nonce = ?').get(input.eventId, input.nonce) as CheckInRow | undefined;
          if (seen) {
            const conflict = q('SELECT first_checked_in_at, first_by FROM checkin_conflicts WHERE checkin_id = ?').get(seen.id) as
              | { first_checked_in_at: string; first_by: string }
              | undefined;
            const row = ticketRow(seen.ticket_id);
            return {
              result: seen.result,
              ticket: row ? toTicket(row) : null,
              conflict: conflict ? { firstCheckedInAt: conflict.first_checked_in_at, firstBy: conflict.first_by } : null,
            };
          }
        }
        let result = input.presetResult;
        let row = result ? null : ticketRow(input.ticketId);
        if (!result) {
          result = admission(row ? toTicket(row) : null, input.eventId, input.listTypes);
          if (result === 'admitted' && row) {
            // Conditional too, so an admission never rests on the read alone.
            const admitted = q(`UPDATE tickets SET status = 'used', checked_in_at = ?, checked_in_by = ?, changed_at = ? WHERE id = ? AND status IN (${sqlList(sourcesOf('ticket', 'used'))})`)
              .run(input.at, input.door, input.now, row.id).changes === 1;
            if (!admitted) result = 'already_used';
            row = ticketRow(row.id);
          }
        }
        q('INSERT INTO checkins (id, event_id, ticket_id, nonce, result, at, by_user, door, device_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)').run(
          input.id, input.eventId, row?.id ?? null, input.nonce, result, input.at, input.by, input.door, input.deviceId,
        );
        let conflict: FirstAdmission | null = null;
        if (row && isDoubleAdmission(input.resultShown, result)) {
          conflict = firstAdmissionOf(row);
          q(`INSERT INTO checkin_conflicts (id, event_id, checkin_id, ticket_id, first_checked_in_at, first_by, later_scanned_at, later_by, later_device_id, recorded_at)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(
            `cfl_${input.id}`, input.eventId, input.id, row.id, conflict.firstCheckedInAt, conflict.firstBy, input.at, input.door, input.deviceId, input.now,
          );
        }
        return { result, ticket: row ? toTicket(row) : null, conflict };
      });
    },
    async listCheckIns(eventId, limit) {
      return (q('SELECT * FROM checkins WHERE event_id = ? ORDER BY at DESC, id DESC LIMIT ?').all(eventId, limit) as CheckInRow[]).map(toCheckIn);
    },
    async getTicketByCode(eventId, code) {
      const row = q('SELECT * FROM tickets WHERE event_id = ? AND code = ?').get(eventId, code) as TicketRow | undefined;
      return row ? toTicket(row) : null;
    },
    async listDoorTickets(eventId, since) {
      const out: DoorTicket[] = [];
      let after: [string, string] = [since ?? '', ''];
      for (;;) {
        const rows = q(`SELECT id, code, attendee_name, ticket_type_id, ticket_type_name, status, checked_in_at, checked_in_by, changed_at FROM tickets
                        WHERE event_id = ? AND (changed_at, id) > (?, ?) ORDER BY changed_at, id LIMIT ?`)
          .all(eventId, after[0], after[1], DOOR_PAGE) as Pick<TicketRow, 'id' | 'code' | 'attendee_name' | 'ticket_type_id' | 'ticket_type_name' | 'status' | 'checked_in_at' | 'checked_in_by' | 'changed_at'>[];
        for (const r of rows) {
          out.push({ id: r.id, code: r.code, attendeeName: r.attendee_name, ticketTypeId: r.ticket_type_id, ticketTypeName: r.ticket_type_name, status: r.status, checkedInAt: r.checked_in_at, checkedInBy: r.checked_in_by, changedAt: r.changed_at });
        }
        if (rows.length < DOOR_PAGE) return out;
        const last = rows[rows.length - 1]!;
        after = [last.changed_at, last.id];
      }
    },
    async doorCounts(eventId) {
      return q(`SELECT ticket_type_id AS ticketTypeId, sum(status != 'cancelled') AS expected, sum(status = 'used') AS checkedIn
                FROM tickets WHERE event_id = ? GROUP BY ticket_type_id`).all(eventId) as { ticketTypeId: string; expected: number; checkedIn: number }[];
    },
    async listCheckInConflicts(eventId, limit) {
      return (q(`${CONFLICT_SELECT} WHERE c.event_id = ? ORDER BY c.recorded_at DESC, c.id DESC LIMIT ?`).all(eventId, limit) as ConflictRow[]).map(toConflict);
    },

    async insertCheckInList(list) {
      await immediate(() => q('INSERT INTO checkin_lists (id, event_id, name, ticket_type_ids, created_at) VALUES (?, ?, ?, ?, ?)')
        .run(list.id, list.eventId, list.name, JSON.stringify(list.ticketTypeIds), list.createdAt));
    },
    async getCheckInList(id) {
      const row = q('SELECT * FROM checkin_lists WHERE id = ?').get(id) as ListRow | undefined;
      return row ? toList(row) : null;
    },
    async listCheckInLists(eventId) {
      return (q('SELECT * FROM checkin_lists WHERE event_id = ? ORDER BY created_at, id').all(eventId) as ListRow[]).map(toList);
    },

    async insertScannerLink(link) {
      await immediate(() => q(`INSERT INTO scanner_links (id, event_id, name, checkin_list_id, secret_hash, expires_at, created_at, revoked_at, last_seen_at, scan_count)
                              VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(
        link.id, link.eventId, link.name, link.checkinListId, link.secretHash, link.expiresAt, link.createdAt, link.revokedAt, link.lastSeenAt, link.scanCount,
      ));
    },
    async getScannerLinkBySecretHash(secretHash) {
      const row = q('SELECT * FROM scanner_links WHERE secret_hash = ?').get(secretHash) as LinkRow | undefined;
      return row ? toLink(row) : null;
    },
    async listScannerLinks(eventId) {
      return (q('SELECT * FROM scanner_links WHERE event_id = ? AND revoked_at IS NULL ORDER BY created_at, id').all(eventId) as LinkRow[]).map(toLink);
    },
    async revokeScannerLink(eventId, linkId, now) {
      return immediate(() => q('UPDATE scanner_links SET revoked_at = ? WHERE id = ? AND event_id = ? AND revoked_at IS NULL').run(now, linkId, eventId).changes === 1);
    },
    async touchScannerLink(linkId, at, scans) {
      await immediate(() => q('UPDATE scanner_links SET last_seen_at = max(coalesce(last_seen_at, ?), ?), scan_count = scan_count + ? WHERE id = ?').run(at, at, scans, linkId));
    },
  };
}
