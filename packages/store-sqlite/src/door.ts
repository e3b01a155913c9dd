import { admission, sourcesOf, type DoorStore } from '@ticketbooth/core';
import { sqlList, type Sql } from './db.js';
import { toCheckIn, toTicket, type CheckInRow, type TicketRow } from './rows.js';

export function sqliteDoor({ q, immediate }: Sql): DoorStore {
  return {
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
          result = admission(ticket, input.eventId);
          if (result === 'admitted' && ticket) {
            // Conditional too, so an admission never rests on the read alone.
            if (q(`UPDATE tickets SET status = 'used', checked_in_at = ? WHERE id = ? AND status IN (${sqlList(sourcesOf('ticket', 'used'))})`).run(input.at, ticket.id).changes === 1) {
              ticket = ticketOf(ticket.id);
            } else result = 'already_used';
          }
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
  };
}
