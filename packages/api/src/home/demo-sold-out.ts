import type { EventWithCounts } from '@ticketbooth/core';
import { DAY_MS, numbers, registerAll, type Seeder } from './demo-history.js';

/** The demo event that sold out, so the organizer's dashboard shows a waiting list on first start. */
export const SOLD_OUT_EVENT = 'Weekend Wellness Yoga Retreat';
/** People who joined its waiting list after the last spot went. */
const WAITING = 5;
const MAX_TICKETS = 4;
/** It sold out a week ago; the waiting list filled in the days since. */
const SOLD_OUT_DAYS_AGO = 7;

/**
 * Sells every spot of `event` through the real registrations and payments, then puts a few more
 * people on its waiting list, each on a later day (the list's order is who came first).
 */
export async function playSoldOut(seeder: Seeder, event: EventWithCounts, now: number): Promise<void> {
  const { clock, seeded, people } = seeder;
  const random = numbers(event.capacity * 7919);
  // Orders of 1 to 4 tickets that add up to the capacity exactly: the last buyer takes what is left.
  const quantities: number[] = [];
  for (let left = event.capacity; left > 0; left -= quantities.at(-1)!) quantities.push(Math.min(left, 1 + Math.floor(random() * MAX_TICKETS)));
  if (quantities.length + WAITING > people.length) throw new Error(`The demo has too few people to sell out ${event.name}.`);

  const from = Date.parse(event.createdAt) + DAY_MS;
  const soldOutAt = now - SOLD_OUT_DAYS_AGO * DAY_MS;
  // sqrt: sales pick up towards the last spot.
  const at = (i: number) => from + (soldOutAt - from) * Math.sqrt((i + 1) / quantities.length);
  await registerAll(seeder, event, quantities.map((quantity, i) => ({ at: at(i), principal: people[i]!, quantity })));

  for (let i = 0; i < WAITING; i++) {
    clock.set(soldOutAt + ((i + 1) * SOLD_OUT_DAYS_AGO * DAY_MS) / (WAITING + 1));
    await seeded.waitlist.join(people[quantities.length + i]!, event.id, { quantity: 1 + (i % 2) });
  }
  clock.set(now);
}
