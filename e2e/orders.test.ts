import { rmSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, TEST_CARDS, eventInput } from '../packages/api/test/support/client.js';
import { captureAndAudit, launchChromium } from './support/browser.js';
import { logIn } from './support/pages.js';
import { buildWeb, startApp, type RunningApp } from './support/server.js';

/** The organizer's order tools on a phone: one ticket of an order refunded, and the attendee sees it. */
describe('order tools, in a real browser', () => {
  // ApiClient.signUpVerified's password, for logging the same accounts in through the pages.
  const PASSWORD = 'correct horse battery';
  let webDir = '';
  let app: RunningApp;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  async function phonePage(): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
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

  it('the organizer refunds one ticket of a 3-ticket order from a phone, and the attendee’s My tickets shows it cancelled', async () => {
    const organizer = await new ApiClient(app.url).signUpVerified('organizer', 'Olga Organizer');
    const attendee = await new ApiClient(app.url).signUpVerified('attendee', 'Ada Attendee');
    const event = await organizer.post('/api/events', eventInput({ name: 'Order tools night', capacity: 10, ticketTypes: [{ name: 'Standard', priceCents: 1500 }] }));
    expect(event.status, event.text).toBe(201);
    const registration = await attendee.post(`/api/events/${event.body.id}/registrations`, { quantity: 3 });
    const intent = await attendee.post(`/api/registrations/${registration.body.id}/payment-intents`);
    expect((await attendee.post(`/api/payment-intents/${intent.body.id}/confirm`, { card: TEST_CARDS.ok })).status).toBe(200);

    const page = await phonePage();
    await page.goto(`${app.url}/login`);
    await logIn(page, organizer.user!.email, PASSWORD);
    await page.goto(`${app.url}/organizer/events/${event.body.id}`);
    await page.getByTestId('sales-by-type').getByText('Standard').waitFor();
    await page.getByRole('link', { name: 'Ada Attendee' }).click();
    await page.waitForURL(/\/orders\//);
    await page.getByLabel('Select to refund').first().check();
    await page.getByRole('button', { name: 'Refund selected tickets (1)' }).click();
    await page.getByLabel('Reason (sent to the attendee, optional)').fill('Double booking');
    await page.getByRole('button', { name: 'Yes, refund' }).click();
    await page.getByText('1 ticket refunded; the attendee was told.').waitFor();
    await page.getByTestId('order-history').getByText('Double booking', { exact: false }).waitFor();
    expect(await page.locator('.ticket .pill', { hasText: 'Cancelled' }).count()).toBe(1);
    expect(await captureAndAudit(page, 'order-details-phone')).toEqual([]);

    const attendeePage = await phonePage();
    await attendeePage.goto(`${app.url}/login`);
    await logIn(attendeePage, attendee.user!.email, PASSWORD);
    await attendeePage.goto(`${app.url}/tickets`);
    await attendeePage.locator('.ticket').first().waitFor();
    const statuses = await attendeePage.locator('.ticket .pill').allInnerTexts();
    expect(statuses.sort()).toEqual(['Cancelled', 'Valid', 'Valid']);
  });
});
