import type { EventWithCounts, Logger, Principal, Services } from '@ticketbooth/core';
import { DAY_MS, HISTORY_DAYS, historySeeder, playDemoHistory } from './demo-history.js';
import { addDemoImage } from './demo-images.js';
import { playSoldOut, SOLD_OUT_EVENT } from './demo-sold-out.js';

/** Demo accounts: printed at start and in the README; never loaded in production. */
export const DEMO_ACCOUNTS = {
  organizer: { email: 'organizer@demo.ticketbooth.dev', password: 'demo-organizer-pass', name: 'Demo Organizer' },
  attendee: { email: 'attendee@demo.ticketbooth.dev', password: 'demo-attendee-pass', name: 'Demo Attendee' },
} as const;

interface DemoEvent {
  name: string;
  category: string;
  location: string;
  timezone: string;
  daysFromNow: number;
  startHour: number;
  hours: number;
  capacity: number;
  priceUsd: number;
  description: string;
}

/** The ten events of the original system, with prices in USD, and last week's meetup. */
const DEMO_EVENTS: DemoEvent[] = [
  { name: 'Tech Summit 2026', category: 'Technology', location: 'Moscone Center, San Francisco, CA', timezone: 'America/Los_Angeles', daysFromNow: 30, startHour: 9, hours: 9, capacity: 500, priceUsd: 299,
    description: 'A full day of talks and workshops on cloud, AI and developer tooling, with speakers from leading engineering teams.' },
  { name: 'Summer Music Festival', category: 'Music', location: 'Golden Gate Park, San Francisco, CA', timezone: 'America/Los_Angeles', daysFromNow: 200, startHour: 12, hours: 10, capacity: 2000, priceUsd: 199,
    description: 'Three stages of indie, electronic and folk acts, food trucks and a sunset headliner.' },
  { name: 'Startup Pitch Night', category: 'Business', location: 'WeWork, 600 California St, San Francisco, CA', timezone: 'America/Los_Angeles', daysFromNow: 14, startHour: 18, hours: 3, capacity: 120, priceUsd: 49,
    description: 'Ten early-stage founders pitch to a panel of investors. Networking and drinks afterwards.' },
  { name: 'Gourmet Food & Wine Tasting', category: 'Food & Drink', location: 'Ferry Building, San Francisco, CA', timezone: 'America/Los_Angeles', daysFromNow: 45, startHour: 17, hours: 4, capacity: 80, priceUsd: 175,
    description: 'Chef-paired tasting menu with wines from Napa and Sonoma producers, guided by a sommelier.' },
  { name: 'Bay Area Marathon 2026', category: 'Sports', location: 'Embarcadero, San Francisco, CA', timezone: 'America/Los_Angeles', daysFromNow: 120, startHour: 6, hours: 7, capacity: 3000, priceUsd: 85,
    description: 'A certified 42.195 km course along the waterfront and across the bay, with half-marathon and 10K options.' },
  { name: 'Stand-Up Comedy Night', category: 'Comedy', location: 'Cobb\u2019s Comedy Club, San Francisco, CA', timezone: 'America/Los_Angeles', daysFromNow: 10, startHour: 20, hours: 2, capacity: 150, priceUsd: 45,
    description: 'Five touring comedians, one headliner, two drink minimum. Ages 21 and up.' },
  { name: 'Modern Art Exhibition', category: 'Arts', location: 'SFMOMA, 151 Third St, San Francisco, CA', timezone: 'America/Los_Angeles', daysFromNow: 21, startHour: 10, hours: 8, capacity: 400, priceUsd: 35,
    description: 'A curated exhibition of contemporary painting, sculpture and installation, with a guided tour at noon.' },
  { name: 'Weekend Wellness Yoga Retreat', category: 'Health & Wellness', location: 'Esalen, Big Sur, CA', timezone: 'America/Los_Angeles', daysFromNow: 60, startHour: 8, hours: 56, capacity: 40, priceUsd: 450,
    description: 'Two days of yoga, meditation and hikes on the coast, meals included.' },
  { name: 'Esports Championship 2026', category: 'Gaming', location: 'Chase Center, San Francisco, CA', timezone: 'America/Los_Angeles', daysFromNow: 75, startHour: 11, hours: 10, capacity: 1500, priceUsd: 65,
    description: 'The regional finals: eight teams, live casting and a fan zone with free-play stations.' },
  { name: 'Annual Charity Gala', category: 'Charity', location: 'Fairmont Hotel, San Francisco, CA', timezone: 'America/Los_Angeles', daysFromNow: 90, startHour: 19, hours: 5, capacity: 250, priceUsd: 500,
    description: 'Black-tie dinner and auction; proceeds go to local children\u2019s hospitals.' },
  // Last week's: its door shows the check-ins (never listed: it has ended).
  { name: 'Bay Area JS Meetup', category: 'Technology', location: 'GitHub HQ, 88 Colin P Kelly Jr St, San Francisco, CA', timezone: 'America/Los_Angeles', daysFromNow: -7, startHour: 18, hours: 3, capacity: 60, priceUsd: 0,
    description: 'Lightning talks on TypeScript, the web platform and tooling, with pizza.' },
];

async function ensureDemoUser(services: Services, account: { email: string; password: string; name: string }, role: 'organizer' | 'attendee'): Promise<Principal> {
  const { store, identity } = services.deps;
  const existing = await store.getUserByEmail(account.email);
  const user = existing ?? (await identity.signUp({ ...account, role }));
  if (!user.emailVerified) await store.markEmailVerified(user.id);
  return { userId: user.id, role };
}

/** Loads the demo accounts and events once: a second start finds them and adds nothing. */
export async function loadDemoData(services: Services, logger: Logger): Promise<void> {
  const alreadyLoaded = await services.deps.store.getUserByEmail(DEMO_ACCOUNTS.organizer.email);
  const organizer = await ensureDemoUser(services, DEMO_ACCOUNTS.organizer, 'organizer');
  await ensureDemoUser(services, DEMO_ACCOUNTS.attendee, 'attendee');
  if (alreadyLoaded) return;
  const now = services.deps.clock.now();
  // Published six weeks ago, through services whose clock then walks the history up to now.
  const seeder = await historySeeder(services, now.getTime() - HISTORY_DAYS * DAY_MS);
  const events: EventWithCounts[] = [];
  for (const [index, e] of DEMO_EVENTS.entries()) {
    const start = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + e.daysFromNow, e.startHour + 8));
    const event = await seeder.seeded.events.create(organizer, {
      name: e.name,
      description: e.description,
      category: e.category,
      location: e.location,
      startsAt: start.toISOString(),
      endsAt: new Date(start.getTime() + e.hours * 3_600_000).toISOString(),
      timezone: e.timezone,
      currency: 'USD',
      capacity: e.capacity,
      priceCents: e.priceUsd * 100,
      publish: true,
    });
    await addDemoImage(seeder.seeded, organizer, event, index);
    events.push(event);
  }
  await playDemoHistory(seeder, organizer, events, now.getTime());
  const soldOut = events.find((e) => e.name === SOLD_OUT_EVENT);
  if (soldOut) await playSoldOut(seeder, soldOut, now.getTime());
  logger.info({ events: DEMO_EVENTS.length }, 'demo data loaded');
}
