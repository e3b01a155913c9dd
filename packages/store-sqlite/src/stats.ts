import type { EventStore } from '@ticketbooth/core';
import type { Sql } from './db.js';

export function sqliteStats({ q }: Sql): Pick<EventStore, 'eventStats'> {
  return {
    async eventStats(eventId) {
      const counts = q(`SELECT count(*) AS registrations, coalesce(sum(status = 'confirmed'), 0) AS confirmed,
                               coalesce(sum(CASE WHEN status = 'confirmed' THEN amount_cents - refunded_cents ELSE 0 END), 0) AS revenue
                        FROM registrations WHERE event_id = ?`).get(eventId) as { registrations: number; confirmed: number; revenue: number };
      const totals = q('SELECT coalesce(sum(sold), 0) AS sold, coalesce(sum(held), 0) AS held FROM ticket_types WHERE event_id = ?').get(eventId) as { sold: number; held: number };
      const checkedIn = (q('SELECT count(*) AS n FROM tickets WHERE event_id = ? AND checked_in_at IS NOT NULL').get(eventId) as { n: number }).n;
      const timeline = q(`SELECT substr(created_at, 1, 10) AS date, count(*) AS registrations, sum(amount_cents - refunded_cents) AS revenueCents
                          FROM registrations WHERE event_id = ? AND status = 'confirmed' GROUP BY date ORDER BY date`).all(eventId) as { date: string; registrations: number; revenueCents: number }[];
      return { registrations: counts.registrations, confirmed: counts.confirmed, revenueCents: counts.revenue, sold: totals.sold, held: totals.held, checkedIn, timeline };
    },
  };
}
