import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../packages/api/test/support/client.js';
import { captureAndAudit } from './support/browser.js';
import { useBrowserApp } from './support/browser-app.js';
import { logIn } from './support/pages.js';

/** What a visitor trusts at a real event: its own clock, honest states, and being led back where they were. */
describe('trust at a real event, in a real browser', () => {
  const app = useBrowserApp();
  const run = Date.now().toString(36);
  // ApiClient.signUpVerified's password, for logging the same accounts in through the pages.
  const PASSWORD = 'correct horse battery';
  let organizer: ApiClient;

  const newPage = (options: { timezoneId?: string; width?: number } = {}): Promise<Page> =>
    app.newPage({ timezoneId: options.timezoneId ?? 'Asia/Tokyo', viewport: { width: options.width ?? 1280, height: 844 } });

  async function createEvent(fields: Record<string, unknown> = {}): Promise<{ id: string; ticketTypes: { id: string }[] }> {
    const res = await organizer.post('/api/events', {
      name: `Event ${run}`, description: 'An evening.', category: 'Music', location: 'Doug Fir, Portland',
      startsAt: '2030-03-01T03:30:00.000Z', endsAt: '2030-03-01T06:30:00.000Z', timezone: 'America/Los_Angeles', currency: 'USD',
      capacity: 10, ticketTypes: [{ name: 'Standard', priceCents: 0 }], publish: true, ...fields,
    });
    expect(res.status, res.text).toBe(201);
    return res.body;
  }

  async function register(attendee: ApiClient, event: { id: string; ticketTypes: { id: string }[] }) {
    const res = await attendee.post(`/api/events/${event.id}/registrations`, { lines: [{ ticketTypeId: event.ticketTypes[0].id, quantity: 1 }] }, { 'Idempotency-Key': randomUUID() });
    expect(res.status, res.text).toBe(201);
    return res.body as { id: string; tickets: { id: string; qr: string }[] };
  }

  beforeAll(async () => {
    organizer = await new ApiClient(app.url).signUpVerified('organizer', 'Tomo Organizer');
  });

  it("a browser in Tokyo creates a Portland event at 19:30 in its zone, and every page shows 19:30 (America/Los_Angeles)", async () => {
    const page = await newPage({ timezoneId: 'Asia/Tokyo' });
    const name = `Portland jazz ${run}`;
    await page.goto(`${app.url}/login`);
    await logIn(page, organizer.user!.email, PASSWORD);
    await page.goto(`${app.url}/organizer/new`);
    // The picker starts on the browser's zone.
    expect(await page.getByLabel('Time zone').inputValue()).toBe('Asia/Tokyo');
    await page.getByLabel('Event name').fill(name);
    await page.getByLabel('Location').fill('Doug Fir, Portland');
    await page.getByLabel('Time zone').fill('America/Los_Angles');
    await page.getByLabel('Starts').fill('2030-01-15T19:30');
    await page.getByLabel('Ends (optional)').fill('2030-01-15T22:30');
    await page.getByRole('button', { name: 'Save and publish' }).click();
    await page.getByText('Choose a time zone from the list, like Europe/Berlin.').waitFor();
    await page.getByLabel('Time zone').fill('America/Los_Angeles');
    expect(await captureAndAudit(page, 'event-form-time-zone')).toEqual([]);
    await page.getByRole('button', { name: 'Save and publish' }).click();
    await page.waitForURL(/\/organizer\/events\/[^/]+$/);
    const id = page.url().split('/').pop()!;

    const stored = (await new ApiClient(app.url).get(`/api/events/${id}`)).body as { startsAt: string; endsAt: string; timezone: string };
    expect(stored).toMatchObject({ startsAt: '2030-01-16T03:30:00.000Z', endsAt: '2030-01-16T06:30:00.000Z', timezone: 'America/Los_Angeles' });
    const when = 'Tue 15 Jan 2030, 19:30 – 22:30 (America/Los_Angeles)';
    await expect.poll(() => page.getByText(when).count()).toBe(1);

    await page.getByRole('link', { name: 'Edit' }).click();
    await expect.poll(() => page.getByLabel('Starts').inputValue()).toBe('2030-01-15T19:30');
    expect(await page.getByLabel('Time zone').inputValue()).toBe('America/Los_Angeles');

    const visitor = await newPage({ timezoneId: 'Asia/Tokyo', width: 390 });
    await visitor.goto(`${app.url}/events/${id}`);
    await visitor.getByTestId('event-when').waitFor();
    expect(await visitor.getByTestId('event-when').innerText()).toBe(when);
    await visitor.goto(`${app.url}/?q=${encodeURIComponent(name)}`);
    const card = visitor.locator('.event-card', { hasText: name });
    await card.waitFor();
    expect(await card.locator('time').innerText()).toBe(when);
  });

  it('says "1 spot left", then "Sold out" without pickers, then shows a cancelled event without pickers; a long name wraps on a phone', async () => {
    const longWord = 'Donaudampfschifffahrtsgesellschaftskapitänsmützenfestival';
    const name = `${longWord}${longWord} ${run}`;
    const event = await createEvent({ name, capacity: 2 });
    await register(await new ApiClient(app.url).signUpVerified('attendee'), event);
    const page = await newPage({ width: 390 });

    await page.goto(`${app.url}/?q=${encodeURIComponent(name)}`);
    const card = page.locator('.event-card', { hasText: longWord });
    await card.waitFor();
    expect(await card.locator('.pill').innerText()).toBe('1 spot left');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

    await register(await new ApiClient(app.url).signUpVerified('attendee'), event);
    await page.goto(`${app.url}/events/${event.id}`);
    await page.getByTestId('spots-remaining').waitFor();
    expect(await page.getByTestId('spots-remaining').innerText()).toBe('Sold out');
    expect(await page.getByText('Sold out: every spot is taken.').isVisible()).toBe(true);
    expect(await page.locator('select').count()).toBe(0);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    expect(await captureAndAudit(page, 'event-sold-out')).toEqual([]);
    await page.goto(`${app.url}/?q=${encodeURIComponent(name)}`);
    await card.waitFor();
    expect(await card.locator('.pill').innerText()).toBe('Sold out');

    expect((await organizer.post(`/api/events/${event.id}/cancel`, { reason: 'The boat sank.' })).status).toBe(200);
    await page.goto(`${app.url}/events/${event.id}`);
    await page.getByText('This event was cancelled. The boat sank.').waitFor();
    expect(await page.locator('select').count()).toBe(0);
    expect(await page.getByRole('heading', { name: 'Tickets' }).count()).toBe(0);
  });

  it('My tickets: no QR on a cancelled ticket, no Cancel once a ticket was used; re-registering leads to the pending checkout; an expired card says it expired', async () => {
    const attendee = await new ApiClient(app.url).signUpVerified('attendee', 'Vera Visitor');
    const free = await createEvent({ name: `Open rehearsal ${run}` });
    const admitted = await register(attendee, free);
    const letGo = await register(attendee, free);
    expect((await organizer.post(`/api/events/${free.id}/checkins`, { qr: admitted.tickets[0].qr })).body.result).toBe('admitted');
    expect((await attendee.post(`/api/registrations/${letGo.id}/cancel`)).status).toBe(200);

    const page = await newPage({ width: 390 });
    await page.goto(`${app.url}/login`);
    await logIn(page, attendee.user!.email, PASSWORD);
    await page.goto(`${app.url}/tickets`);
    const cardOf = (ticketId: string) => page.locator('li.card', { has: page.locator(`[data-ticket-id="${ticketId}"]`) });
    await cardOf(admitted.tickets[0].id).waitFor();
    expect(await cardOf(admitted.tickets[0].id).locator('.ticket-used').innerText()).toBe('Used');
    expect(await cardOf(admitted.tickets[0].id).getByRole('button', { name: 'Cancel registration' }).count()).toBe(0);
    expect(await cardOf(admitted.tickets[0].id).locator('canvas').count()).toBe(1);
    expect(await cardOf(letGo.tickets[0].id).locator('.ticket-cancelled').innerText()).toBe('Cancelled');
    expect(await cardOf(letGo.tickets[0].id).locator('canvas').count()).toBe(0);
    expect(await captureAndAudit(page, 'my-tickets-used-and-cancelled')).toEqual([]);

    const paid = await createEvent({ name: `Paid concert ${run}`, ticketTypes: [{ name: 'Standard', priceCents: 2500 }] });
    await page.goto(`${app.url}/events/${paid.id}`);
    await page.getByLabel('Quantity of Standard').selectOption('1');
    await page.getByRole('button', { name: 'Register' }).click();
    await page.waitForURL(/\/checkout\/[^/?]+$/);
    const checkout = page.url();
    await page.getByRole('timer').waitFor();
    await page.goBack();
    await page.getByLabel('Quantity of Standard').selectOption('1');
    await page.getByRole('button', { name: 'Register' }).click();
    await page.waitForURL(`${checkout}?existing=1`);
    await page.getByText('You already have this registration for the event awaiting payment', { exact: false }).waitFor();

    await page.getByLabel('Card number').fill('4242 4242 4242 4242');
    await page.getByLabel('Expiry (MM/YY)').fill('01/20');
    await page.getByLabel('CVC').fill('123');
    await page.getByRole('button', { name: /^Pay / }).click();
    await expect.poll(() => page.getByRole('alert').filter({ hasText: 'expired' }).count()).toBe(1);
    expect(await page.getByRole('alert').filter({ hasText: 'expired' }).innerText()).toBe('Your card has expired. No money was taken; check the expiry date or use another card.');
    expect(await captureAndAudit(page, 'checkout-expired-card')).toEqual([]);
  });

  it('a visitor signs up from an event page and is back on it, logged in, after verifying', async () => {
    const event = await createEvent({ name: `Open studio ${run}` });
    const email = `sam-${run}@example.test`;
    const page = await newPage({ width: 390 });
    await page.goto(`${app.url}/events/${event.id}`);
    await page.getByRole('region', { name: 'Tickets' }).getByRole('link', { name: 'Sign up' }).click();
    await page.waitForURL(/\/signup\?next=/);
    await page.getByLabel('Attend events').check();
    // A long name: the header's log-out button must stay one line on the phone.
    await page.getByLabel('Your name').fill('Samantha Alexandra Christodoulopoulou-Wójcik');
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.waitForURL(/\/verify\?email=.+&next=/);
    await page.getByLabel('Code').fill(await new ApiClient(app.url).latestCode(email));
    await page.getByRole('button', { name: 'Verify' }).click();
    // No second log-in: verifying logs in with the password typed at sign-up (held in memory only).
    await page.waitForURL(`${app.url}/events/${event.id}`);
    const logOut = page.getByRole('button', { name: /Log out/ });
    await logOut.waitFor();
    const box = (await logOut.boundingBox())!;
    expect(box.height).toBeLessThanOrEqual(48);
    expect(box.x + box.width).toBeLessThanOrEqual(390);
    await page.getByRole('button', { name: 'Register' }).waitFor();
    expect(await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }))).not.toContain('correct horse');
  });
});
