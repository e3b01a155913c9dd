import type { Ticket, TicketStore } from '@ticketbooth/core';
import { newestOfUser } from './cursor.js';
import type { Sql } from './db.js';
import { toTicket, type TicketRow } from './rows.js';

/** Inserts a registration's tickets (in order) inside the caller's transaction. */
export function insertTickets({ q }: Sql, tickets: Ticket[]): void {
  tickets.forEach((t, position) => {
    q(`INSERT INTO tickets (id, registration_id, event_id, user_id, ticket_type_id, ticket_type_name, attendee_name, status, qr, code, checked_in_at, created_at, changed_at, position)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(
      t.id, t.registrationId, t.eventId, t.userId, t.ticketTypeId, t.ticketTypeName, t.attendeeName, t.status, t.qr, t.code, t.checkedInAt, t.createdAt, t.createdAt, position,
    );
  });
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
