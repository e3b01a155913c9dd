import { rmSync } from 'node:fs';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../packages/api/test/support/client.js';
import { captureAndAudit, launchChromium } from './support/browser.js';
import { logIn } from './support/pages.js';
import { buildWeb, startApp, type RunningApp } from './support/server.js';

/** A sold-out event's waiting list, as an attendee meets it: join, get the offer mail, claim it. */
describe('the waiting list, in a real browser', () => {
  const run = Date.now().toString(36);
  // ApiClient.signUpVerified's password, for logging the same account in through the pages.
  const PASSWORD = 'correct horse battery';
  let webDir = '';
  let app: RunningApp;
  let browser: Browser;
  let context: BrowserContext | undefined;

  beforeAll(async () => {
    webDir = buildWeb();
    app = await startApp(webDir);
    browser = await launchChromium();
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await app?.stop();
    if (webDir) rmSync(webDir, { recursive: true, force: true });
  });

  it('an attendee joins the list of a sold-out event, sees their position, and claims the offer from the mailbox', async () => {
    const organizer = await new ApiClient(app.url).signUpVerified('organizer', 'Olga Organizer');
    const event = await organizer.post('/api/events', {
      name: `Sold-out gig ${run}`, description: 'One spot only.', category: 'Music', location: 'Doug Fir, Portland',
      startsAt: '2030-03-01T03:30:00.000Z', endsAt: '2030-03-01T06:30:00.000Z', timezone: 'America/Los_Angeles', currency: 'USD',
      capacity: 1, ticketTypes: [{ name: 'Standard', priceCents: 0 }], publish: true,
    });
    expect(event.status, event.text).toBe(201);
    const buyer = await new ApiClient(app.url).signUpVerified('attendee', 'Bea Buyer');
    const taken = await buyer.post(`/api/events/${event.body.id}/registrations`, { quantity: 1 });
    expect(taken.status, taken.text).toBe(201);
    const waiter = await new ApiClient(app.url).signUpVerified('attendee', 'Wanda Waiting');

    context = await browser.newContext({ timezoneId: 'America/Los_Angeles', viewport: { width: 1280, height: 844 } });
    const page = await context.newPage();
    await page.goto(`${app.url}/login`);
    await logIn(page, waiter.user!.email, PASSWORD);
    await page.goto(`${app.url}/events/${event.body.id}`);
    await expect.poll(() => page.getByTestId('spots-remaining').innerText()).toBe('Sold out');
    await page.getByLabel('Tickets wanted').selectOption('1');
    await page.getByRole('button', { name: 'Join waiting list' }).click();
    await expect.poll(() => page.getByTestId('waitlist-position').innerText()).toContain('You are number 1 on the waiting list');
    expect(await captureAndAudit(page, 'event-waiting-list')).toEqual([]);

    // The spot comes back: the server's worker mails the offer within a second or so.
    expect((await buyer.post(`/api/registrations/${taken.body.id}/cancel`)).status).toBe(200);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Mailbox' }).click();
    await page.getByLabel('Recipient').fill(waiter.user!.email);
    const offerMail = page.locator('.mail', { hasText: 'Spots for you' }).first();
    await expect
      .poll(async () => {
        await page.getByRole('button', { name: 'Show mail' }).click();
        return offerMail.count();
      }, { timeout: 30_000 })
      .toBeGreaterThan(0);
    const link = /https?:\/\/\S+\/waitlist-offers\/\S+/.exec(await offerMail.locator('.mail-text').innerText())?.[0];
    expect(link).toBeDefined();

    await page.goto(link!);
    await expect.poll(() => page.getByTestId('offer-details').innerText()).toContain(`Sold-out gig ${run}`);
    await page.getByRole('button', { name: 'Claim spots' }).click();
    await page.waitForURL(/\/tickets$/);
    await expect.poll(() => page.getByText(`Sold-out gig ${run}`).count()).toBeGreaterThan(0);
    const mine = await waiter.get('/api/me/registrations');
    expect(mine.body.items.map((r: { eventId: string; status: string }) => [r.eventId, r.status])).toEqual([[event.body.id, 'confirmed']]);
  });
});
