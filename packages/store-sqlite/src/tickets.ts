import { MAX_CODE_DRAWS, type RedrawnCodes, type Ticket, type TicketStore } from '@ticketbooth/core';
import { newestOfUser } from './cursor.js';
import type { Sql } from './db.js';
import { toTicket, type TicketRow } from './rows.js';

/** The unique index on (event_id, code) refused the insert: the code is taken at the event. */
const codeTaken = (e: unknown): boolean =>
  e instanceof Error && (e as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE' && e.message.includes('tickets.code');

/**
 * Inserts a registration's tickets (in order) inside the caller's transaction. A ticket whose code
 * is taken at its event is inserted with a code drawn anew; the answer lists those codes.
 */
export function insertTickets({ q, newTicketCode }: Sql, tickets: Ticket[]): RedrawnCodes | undefined {
  let redrawn: RedrawnCodes | undefined;
  tickets.forEach((t, position) => {
    let code = t.code;
    for (let draw = 0; ; draw++) {
      try {
        q(`INSERT INTO tickets (id, registration_id, event_id, user_id, ticket_type_id, ticket_type_name, attendee_name, status, qr, code, checked_in_at, created_at, changed_at, position)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(
          t.id, t.registrationId, t.eventId, t.userId, t.ticketTypeId, t.ticketTypeName, t.attendeeName, t.status, t.qr, code, t.checkedInAt, t.createdAt, t.createdAt, position,
        );
        break;
      } catch (e) {
        // A failed statement leaves the transaction as it was: only this insert is undone.
        if (!codeTaken(e) || draw === MAX_CODE_DRAWS) throw e;
        code = newTicketCode();
      }
    }
    if (code !== t.code) (redrawn ??= {})[t.id] = code;
  });
  return redrawn;
}

export function sqliteTickets({ q }: Sql): Omit<TicketStore, 'listTicketsByRegistration'> {
  return {
    async getTicket(id) {
      const row = q('SELECT * FROM tickets WHERE id = ?').get(id) as TicketRow | undefined;
      return row ? toTicket(row) : null;
    },
    async listTicketsByUser(userId, limit, cursor) {
      const { items, nextCursor } = newestOfUser<TicketRow>(q, 'tickets', userId, limit, cursor);
      return { items: items.map(toTicket), nextCursor };
    },
  };
}
