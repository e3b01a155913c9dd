import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SUGGESTED_CATEGORIES } from '@ticketbooth/core';
import { DEMO_ACCOUNTS } from '../src/home/demo-data.js';
import { startTestServer, type TestServer } from './support/server.js';
import { ApiClient } from './support/client.js';

interface Stats { sold: number; revenueCents: number; checkedIn: number; registrations: number; confirmed: number; timeline: { date: string; registrations: number }[] }

/** The demo looks alive on first start: its organizer's dashboard shows sales, a chart and a door. */
describe('demo data', () => {
  let t: TestServer;
  let organizer: ApiClient;
  let events: { id: string; name: string; startsAt: string; category: string }[];
  const stats = async (name: string) => (await organizer.get(`/api/events/${events.find((e) => e.name === name)!.id}/stats`)).body as Stats;

  beforeAll(async () => {
    t = await startTestServer({ env: { DEMO_DATA: 'true' } });
    organizer = t.client();
    await organizer.logIn(DEMO_ACCOUNTS.organizer.email, DEMO_ACCOUNTS.organizer.password);
    events = (await organizer.get('/api/organizer/events?limit=100')).body.items;
  }, 300_000);
  afterAll(() => t.stop());

  it('gives the organizer events with registrations spread over the past weeks, paid ones with revenue', async () => {
    const summit = await stats('Tech Summit 2026');
    expect(summit.sold).toBeGreaterThan(10);
    expect(summit.revenueCents).toBe(summit.sold * 29_900);
    expect(summit.timeline.length).toBeGreaterThanOrEqual(7);
    const days = summit.timeline.map((d) => Date.parse(d.date));
    expect(Math.max(...days) - Math.min(...days)).toBeGreaterThan(14 * 86_400_000);
    expect(Math.max(...days)).toBeLessThanOrEqual(t.clock.now().getTime());
  });

  it('has a cancelled order and a past event whose door admitted most of its attendees', async () => {
    const comedy = await stats('Stand-Up Comedy Night');
    expect(comedy.confirmed).toBeLessThan(comedy.registrations);
    const meetup = await stats('Bay Area JS Meetup');
    expect(meetup.checkedIn).toBeGreaterThan(meetup.sold / 2);
    expect(meetup.checkedIn).toBeLessThan(meetup.sold);
    // It has ended: not in the public listing.
    const listed = (await t.client().get('/api/events?limit=50')).body.items.map((e: { name: string }) => e.name);
    expect(listed).not.toContain('Bay Area JS Meetup');
    expect(listed).toContain('Annual Charity Gala');
  });

  it('has a sold-out event whose waiting list holds several people, in the order they joined', async () => {
    const retreat = events.find((e) => e.name === 'Weekend Wellness Yoga Retreat')!;
    const publicView = (await t.client().get(`/api/events/${retreat.id}`)).body;
    expect(publicView.spotsRemaining).toBe(0);
    expect((await stats(retreat.name)).sold).toBe(publicView.capacity);
    const waitlist = (await organizer.get(`/api/events/${retreat.id}/waitlist`)).body;
    expect(waitlist.count).toBeGreaterThanOrEqual(3);
    expect(waitlist.items.map((e: { position: number }) => e.position)).toEqual(waitlist.items.map((_: unknown, i: number) => i + 1));
    const joined = waitlist.items.map((e: { createdAt: string }) => Date.parse(e.createdAt));
    expect(joined).toEqual([...joined].sort((a, b) => a - b));
    expect(Math.max(...joined)).toBeLessThanOrEqual(t.clock.now().getTime());
  });

  it('tags every demo event with a category the filters offer', () => {
    for (const event of events) expect(SUGGESTED_CATEGORIES, event.name).toContain(event.category);
  });
});
