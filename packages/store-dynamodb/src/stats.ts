import { totals, type EventStats } from '@ticketbooth/core';
import type { Db } from './db.js';
import { queryEventIndex } from './event-index.js';
import { getEvent } from './events.js';
import { partitions, toRegistration } from './items.js';

/** Reads the event's registrations through gsi2 (an organizer-only, paginated read of its partitions). */
export async function eventStats(db: Db, eventId: string): Promise<EventStats> {
  const [event, items] = await Promise.all([
    getEvent(db, eventId),
    queryEventIndex(db, eventId, partitions.eventRegistrations, (pk) => ({ IndexName: 'gsi2', KeyConditionExpression: 'gsi2pk = :pk', ExpressionAttributeValues: { ':pk': pk } })),
  ]);
  const { sold, held } = event ? totals(event) : { sold: 0, held: 0 };
  const days = new Map<string, { registrations: number; revenueCents: number }>();
  let confirmed = 0;
  let revenueCents = 0;
  let checkedIn = 0;
  for (const item of items) {
    const registration = toRegistration(item);
    checkedIn += (item.checkedIn as number | undefined) ?? 0;
    if (registration.status !== 'confirmed') continue;
    confirmed++;
    // What tickets refunded one by one paid back is no longer revenue.
    const paid = registration.amountCents - ((item.refundedCents as number | undefined) ?? 0);
    revenueCents += paid;
    const date = registration.createdAt.slice(0, 10);
    const day = days.get(date) ?? { registrations: 0, revenueCents: 0 };
    day.registrations++;
    day.revenueCents += paid;
    days.set(date, day);
  }
  const timeline = [...days.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([date, d]) => ({ date, ...d }));
  return { registrations: items.length, confirmed, sold, held, revenueCents, checkedIn, timeline };
}
