import { rmSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../packages/api/test/support/client.js';
import { captureAndAudit, launchChromium } from './support/browser.js';
import { logIn } from './support/pages.js';
import { buildWeb, startApp, type RunningApp } from './support/server.js';

describe('promo codes, in a real browser', () => {
  // ApiClient.signUpVerified's password, for logging the same accounts in through the pages.
  const PASSWORD = 'correct horse battery';
  let webDir = '';
  let app: RunningApp;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  async function newPage(): Promise<Page> {
    const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 900 } });
    contexts.push(context);
    return context.newPage();
  }

  beforeAll(async () => {
    webDir = buildWeb();
    app = await startApp(webDir);
    browser = await launchChromium();
  });

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await app?.stop();
    if (webDir) rmSync(webDir, { recursive: true, force: true });
  });

  it('the organizer creates a code on the dashboard; the attendee applies it on the event page and sees the discounted total, then registers at it', async () => {
    const organizer = await new ApiClient(app.url).signUpVerified('organizer', 'Pia Promoter');
    const attendee = await new ApiClient(app.url).signUpVerified('attendee', 'Ari Attendee');
    const created = await organizer.post('/api/events', {
      name: 'Promo Night', description: 'An evening.', category: 'Music', location: 'Hall 2', startsAt: '2030-03-01T19:00:00.000Z',
      timezone: 'UTC', currency: 'USD', capacity: 20, ticketTypes: [{ name: 'Standard', priceCents: 2000 }], publish: true,
    });
    expect(created.status, created.text).toBe(201);
    const eventId = created.body.id as string;

    const organizerPage = await newPage();
    await organizerPage.goto(`${app.url}/login`);
    await logIn(organizerPage, organizer.user!.email, PASSWORD);
    await organizerPage.goto(`${app.url}/organizer/events/${eventId}`);
    await organizerPage.getByLabel('Code', { exact: true }).fill('friends25');
    await organizerPage.getByLabel('Percent').fill('25');
    await organizerPage.getByLabel('Max uses (optional)').fill('10');
    await organizerPage.getByRole('button', { name: 'Create code' }).click();
    const row = organizerPage.getByTestId('promo-codes').getByRole('row', { name: /FRIENDS25/ });
    await row.waitFor();
    expect(await row.innerText()).toMatch(/25%\s+0 \/ 10\s+Active/);
    expect(await captureAndAudit(organizerPage, 'dashboard-promo-codes')).toEqual([]);

    const page = await newPage();
    await page.goto(`${app.url}/login`);
    await logIn(page, attendee.user!.email, PASSWORD);
    await page.goto(`${app.url}/events/${eventId}`);
    await page.getByLabel('Quantity of Standard').selectOption('2');
    expect(await page.getByTestId('order-total').innerText()).toBe('$40.00');
    await page.getByLabel('Promo code').fill('nope');
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.getByText('This promo code is not valid for these tickets right now.').waitFor();
    await page.getByLabel('Promo code').fill('Friends25');
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.getByTestId('promo-discount').waitFor();
    expect(await page.getByTestId('promo-discount').innerText()).toBe('FRIENDS25: −$10.00');
    expect(await page.getByTestId('order-total').innerText()).toBe('$30.00');
    expect(await captureAndAudit(page, 'event-promo-code')).toEqual([]);

    await page.getByRole('button', { name: 'Register' }).click();
    await page.waitForURL(/\/checkout\//);
    const registrationId = page.url().split('/checkout/')[1]!.split('?')[0]!;
    expect((await attendee.get(`/api/registrations/${registrationId}`)).body).toMatchObject({ amountCents: 3000, discountCents: 1000, promoCode: 'FRIENDS25' });
    expect((await organizer.get(`/api/events/${eventId}/promo-codes`)).body.items[0].uses).toBe(1);
  });
});
