import { createServices, randomIds, type Clock, type EventWithCounts, type Principal, type Services } from '@ticketbooth/core';

/**
 * A believable past for the demo organizer's events, made through the real services on a clock
 * that walks through the past weeks: people register on different days, pay by test card, one
 * cancels, and last week's meetup admitted most of its attendees at the door. Nothing is faked in
 * the stats: the dashboard counts what the store holds.
 */

/** A clock the seed moves by hand: each step of the history happens at its own time. */
class SeedClock implements Clock {
  constructor(private at: number) {}
  now(): Date {
    return new Date(this.at);
  }
  set(at: number): void {
    this.at = at;
  }
}

export const DAY_MS = 86_400_000;
/** How far back the history starts: the events were published then. */
export const HISTORY_DAYS = 42;
const TEST_CARD = { number: '4242424242424242', expMonth: 12, expYear: 2034, cvc: '123' };

const PEOPLE = [
  'Maya Chen', 'Liam O’Brien', 'Sofia Rossi', 'Noah Schmidt', 'Amara Okafor', 'Lucas Martin', 'Yuki Tanaka', 'Elena García',
  'Omar Haddad', 'Chloé Dubois', 'Arjun Patel', 'Hannah Müller', 'Diego Fernández', 'Aisha Rahman', 'Jonas Berg', 'Priya Nair',
  'Mateo Silva', 'Zoë Ångström', 'Kwame Mensah', 'Isabel Costa', 'Ethan Walker', 'Leila Karimi', 'Tomás Novak', 'Grace Kim',
];

/** Which events get a history, and how busy each was: registrations and the tickets each takes. */
const BUSY: Record<string, { registrations: number; maxTickets: number }> = {
  'Tech Summit 2026': { registrations: 22, maxTickets: 3 },
  'Startup Pitch Night': { registrations: 14, maxTickets: 2 },
  'Stand-Up Comedy Night': { registrations: 18, maxTickets: 4 },
  'Annual Charity Gala': { registrations: 9, maxTickets: 2 },
  'Gourmet Food & Wine Tasting': { registrations: 11, maxTickets: 2 },
  'Modern Art Exhibition': { registrations: 12, maxTickets: 3 },
  'Bay Area JS Meetup': { registrations: 20, maxTickets: 2 },
};

/** The same history on every first start: a small deterministic generator (mulberry32). */
export function numbers(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export interface Seeder {
  clock: SeedClock;
  /** The services on the seed clock: what they write is dated by it. */
  seeded: Services;
  people: Principal[];
}

/** The services on a seed clock starting at `startedAt`, and the people who register. */
export async function historySeeder(services: Services, startedAt: number): Promise<Seeder> {
  const clock = new SeedClock(startedAt);
  const seeded = createServices({ ...services.deps, clock });
  const { store } = services.deps;
  const people: Principal[] = [];
  for (const [i, name] of PEOPLE.entries()) {
    const email = `${name.normalize('NFKD').replace(/[^A-Za-z ]/g, '').toLowerCase().replace(/ +/g, '.')}@demo.ticketbooth.dev`;
    const existing = await store.getUserByEmail(email);
    const user = existing ?? { id: randomIds.newId('usr'), email, name, role: 'attendee' as const, emailVerified: true, createdAt: new Date(startedAt + i * 3_600_000).toISOString() };
    // Registrants only: they have no password and cannot log in.
    if (!existing) await store.insertUser(user);
    people.push({ userId: user.id, role: 'attendee' });
  }
  return { clock, seeded, people };
}

/** One person's registration in the history: when, who, and for how many tickets. */
export interface Signup {
  at: number;
  principal: Principal;
  quantity: number;
}

/** Registers each signup at its time, paid by test card when the event costs money; returns the confirmed ones. */
export async function registerAll(seeder: Seeder, event: EventWithCounts, signups: Signup[]): Promise<{ id: string; principal: Principal; ticketIds: string[] }[]> {
  const { clock, seeded } = seeder;
  const confirmed = [];
  for (const { at, principal, quantity } of signups) {
    clock.set(at);
    const registration = await seeded.registrations.register(principal, event.id, { quantity });
    if (registration.status === 'pending_payment') {
      const intent = await seeded.payments.createIntent(principal, registration.id);
      clock.set(at + 90_000);
      await seeded.payments.confirm(principal, intent.id, TEST_CARD);
    }
    const view = await seeded.registrations.get(principal, registration.id);
    if (view.status === 'confirmed') confirmed.push({ id: view.id, principal, ticketIds: view.tickets.map((t) => t.id) });
  }
  return confirmed;
}

/** Registrations of a busy event spread over the days between `from` and `until`, more of them as the day nears. */
function seedRegistrations(seeder: Seeder, event: EventWithCounts, window: { from: number; until: number }) {
  const busy = BUSY[event.name];
  if (!busy) return Promise.resolve([]);
  const { people } = seeder;
  const random = numbers(event.name.length * 7919 + busy.registrations);
  const span = window.until - window.from;
  // Sorted times: sqrt skews them towards the end, as sales pick up before an event.
  const times = Array.from({ length: Math.min(busy.registrations, people.length) }, () => window.from + Math.sqrt(random()) * span).sort((a, b) => a - b);
  const signups = times.map((at, i) => ({ at, principal: people[(i * 5 + event.name.length) % people.length]!, quantity: 1 + Math.floor(random() * busy.maxTickets) }));
  return registerAll(seeder, event, signups);
}

/**
 * Plays the history of `events` (created on `seeder`'s clock when it started) up to `now`: the
 * registrations, one cancelled order, and the door of the events that already happened. Leaves
 * the seed clock at `now`.
 */
export async function playDemoHistory(seeder: Seeder, organizer: Principal, events: EventWithCounts[], now: number): Promise<void> {
  const { clock, seeded } = seeder;
  const startedAt = clock.now().getTime();
  for (const event of events) {
    const starts = Date.parse(event.startsAt);
    const confirmed = await seedRegistrations(seeder, event, { from: startedAt + DAY_MS, until: Math.min(now - 3_600_000, starts - 3_600_000) });
    if (event.name === 'Stand-Up Comedy Night' && confirmed[1]) {
      // Plans changed: a paid order cancelled (and refunded by the outbox) a few days ago.
      clock.set(now - 3 * DAY_MS);
      await seeded.registrations.cancel(confirmed[1].principal, confirmed[1].id);
    }
    if (starts < now) {
      // The door: most people came, a few arriving each minute after doors opened.
      const tickets = confirmed.flatMap((r) => r.ticketIds);
      for (const [i, ticketId] of tickets.entries()) {
        if (i % 4 === 3) continue;
        clock.set(starts - 15 * 60_000 + i * 50_000);
        await seeded.door.scan(organizer, event.id, { ticketId }, null);
      }
    }
  }
  clock.set(now);
}
