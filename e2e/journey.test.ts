import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captureAndAudit, fakeCameraArgs, launchChromium, SCREENSHOT_DIR } from './support/browser.js';
import { fillEventDetails, logIn, readCodeFromMailbox, signUpVerifyAndLogIn } from './support/pages.js';
import { decodeQrFromPdf, HELD_IN_VIEW_MS, writeQrVideo } from './support/qr-media.js';
import { getRaw } from '../packages/api/test/support/raw-http.js';
import { buildWeb, startApp, type RunningApp } from './support/server.js';

/** The whole product through its pages in Debian's Chromium, against the real server. */
describe('ticketbooth in a real browser', () => {
  const run = Date.now().toString(36);
  const eventName = `Nordic Rust Summit ${run}`;
  const organizer = { name: 'Olga Organizer', email: `olga-${run}@example.test`, password: 'organizer-pass-1', role: 'organizer' as const };
  const attendee = { name: 'Ada Attendee', email: `ada-${run}@example.test`, password: 'attendee-pass-1', role: 'attendee' as const };
  const work = mkdtempSync(join(tmpdir(), 'ticketbooth-e2e-files-'));

  let webDir = '';
  let app: RunningApp;
  let browser: Browser;
  let organizerContext: BrowserContext;
  let attendeeContext: BrowserContext;
  let organizerPage: Page;
  let attendeePage: Page;
  let eventId = '';
  let ticketQr = '';

  beforeAll(async () => {
    webDir = buildWeb();
    app = await startApp(webDir);
    browser = await launchChromium();
    organizerContext = await browser.newContext({ acceptDownloads: true, viewport: { width: 1280, height: 800 } });
    attendeeContext = await browser.newContext({ acceptDownloads: true, viewport: { width: 390, height: 844 } });
    organizerPage = await organizerContext.newPage();
    attendeePage = await attendeeContext.newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    rmSync(work, { recursive: true, force: true });
    if (webDir) rmSync(webDir, { recursive: true, force: true });
  });

  it('an organizer signs up with the code from the Mailbox, then creates and publishes an event with two ticket types', async () => {
    const page = organizerPage;
    await page.goto(`${app.url}/signup`);
    expect(await captureAndAudit(page, 'signup')).toEqual([]);
    await signUpVerifyAndLogIn(page, app.url, organizer);
    await page.waitForURL(/\/organizer$/);

    await page.getByRole('link', { name: 'Create event' }).click();
    await page.getByRole('button', { name: 'Save and publish' }).click();
    await expect.poll(() => page.getByText('Give the event a name.').isVisible()).toBe(true);
    expect(await page.getByLabel('Event name').getAttribute('aria-invalid')).toBe('true');

    const startsAt = new Date(Date.now() + 30 * 24 * 3600_000);
    const local = `${startsAt.toISOString().slice(0, 10)}T18:30`;
    await page.getByLabel('Event name').fill(eventName);
    expect(await page.getByText('Give the event a name.').count()).toBe(0);
    await fillEventDetails(page, {
      description: 'Two days of talks about Rust in production.', category: 'Technology', location: 'Kulturhuset, Stockholm',
      startsAt: local, capacity: 100, ticketType: { name: 'Standard', price: '25' },
    });
    await page.getByRole('button', { name: 'Add ticket type' }).click();
    await page.getByLabel('Ticket type 2 name').fill('VIP');
    await page.getByLabel('Ticket type 2 price').fill('99.00');
    await page.getByLabel('Ticket type 2 quantity').fill('20');
    expect(await captureAndAudit(page, 'event-form')).toEqual([]);
    await page.getByRole('button', { name: 'Save and publish' }).click();

    await page.waitForURL(/\/organizer\/events\/[^/]+$/);
    eventId = page.url().split('/').pop()!;
    await page.getByRole('heading', { name: eventName }).waitFor();
    await expect.poll(() => page.getByText('published', { exact: false }).first().isVisible()).toBe(true);

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My events' }).click();
    await page.getByRole('heading', { name: 'Published' }).waitFor();
    expect(await captureAndAudit(page, 'my-events')).toEqual([]);
  });

  it('an attendee finds the event by search, registers two tickets, is declined, then pays and downloads the PDF', async () => {
    const page = attendeePage;
    await signUpVerifyAndLogIn(page, app.url, attendee);

    await page.goto(app.url);
    await page.getByLabel('Search').fill(`rust summit ${run}`);
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByRole('link', { name: eventName }).waitFor();
    expect(await page.locator('.event-card').count()).toBe(1);
    expect(await captureAndAudit(page, 'events')).toEqual([]);

    await page.getByRole('link', { name: eventName }).click();
    await page.getByText('Spots remaining').waitFor();
    expect(await page.getByTestId('spots-remaining').innerText()).toBe('100 of 100');
    await page.getByLabel('Quantity of Standard').selectOption('1');
    await page.getByLabel('Quantity of VIP').selectOption('1');
    expect(await page.getByTestId('order-total').innerText()).toMatch(/124\.00/);
    expect(await captureAndAudit(page, 'event')).toEqual([]);
    await page.getByRole('button', { name: 'Register' }).click();

    await page.waitForURL(/\/checkout\//);
    await page.getByRole('timer').waitFor();
    expect(await page.getByRole('timer').innerText()).toMatch(/^1[45]:\d\d$/);
    expect(await page.getByTestId('checkout-total').innerText()).toMatch(/124\.00/);
    expect(await captureAndAudit(page, 'checkout')).toEqual([]);

    await page.getByLabel('Card number').fill('4000 0000 0000 0002');
    await page.getByLabel('Expiry (MM/YY)').fill('12/30');
    await page.getByLabel('CVC').fill('123');
    await page.getByRole('button', { name: /^Pay / }).click();
    await expect.poll(() => page.getByRole('alert').filter({ hasText: 'declined' }).count()).toBe(1);
    expect(await page.getByRole('alert').filter({ hasText: 'declined' }).innerText()).toContain('No money was taken');

    await page.getByLabel('Card number').fill('4242 4242 4242 4242');
    await page.getByRole('button', { name: /^Pay / }).click();
    await page.waitForURL(/\/tickets\?paid=1/);
    const tickets = page.locator('.ticket');
    await tickets.first().waitFor();
    expect(await tickets.count()).toBe(2);
    ticketQr = (await tickets.first().locator('canvas').getAttribute('data-qr'))!;
    expect(ticketQr.length).toBeGreaterThan(10);
    expect(await captureAndAudit(page, 'my-tickets')).toEqual([]);

    // The QR on screen is the API's ticket QR.
    const apiTickets = await page.evaluate(async () => {
      const refresh = await fetch('/api/auth/refresh', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ refreshToken: localStorage.getItem('ticketbooth.refreshToken') }),
      }).then((r) => r.json() as Promise<{ accessToken: string; refreshToken: string }>);
      localStorage.setItem('ticketbooth.refreshToken', refresh.refreshToken);
      const list = await fetch('/api/me/tickets', { headers: { authorization: `Bearer ${refresh.accessToken}` } });
      return ((await list.json()) as { items: { qr: string }[] }).items.map((t) => t.qr);
    });
    expect(apiTickets).toContain(ticketQr);

    const [download] = await Promise.all([page.waitForEvent('download'), tickets.first().getByRole('button', { name: 'Download PDF' }).click()]);
    const pdfPath = join(work, 'ticket.pdf');
    await download.saveAs(pdfPath);
    expect(readFileSync(pdfPath).subarray(0, 5).toString()).toBe('%PDF-');
    expect(decodeQrFromPdf(pdfPath)).toBe(ticketQr);

    const [calendar] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Add to calendar' }).click()]);
    const icsPath = join(work, 'event.ics');
    await calendar.saveAs(icsPath);
    expect(readFileSync(icsPath, 'utf8')).toContain('BEGIN:VCALENDAR');

    // The session survives a reload (refresh token in localStorage, access token re-issued).
    await page.reload();
    await page.locator('.ticket').first().waitFor();
    expect(await page.getByRole('button', { name: /Log out \(Ada Attendee\)/ }).isVisible()).toBe(true);
  });

  it("the organizer's door scanner admits the ticket from a fake camera once while it stays in view, then says ALREADY USED when it is entered again", async () => {
    expect(ticketQr).not.toBe('');
    const video = join(work, 'ticket-qr.y4m');
    writeQrVideo(ticketQr, video);
    const cameraBrowser = await launchChromium(fakeCameraArgs(video));
    try {
      const context = await cameraBrowser.newContext({ viewport: { width: 390, height: 844 } });
      await context.grantPermissions(['camera'], { origin: app.url });
      const page = await context.newPage();
      await page.goto(`${app.url}/login`);
      await logIn(page, organizer.email, organizer.password);
      await page.goto(`${app.url}/organizer/events/${eventId}/scan`);

      const result = page.getByTestId('scan-result');
      await expect.poll(() => result.innerText(), { timeout: 20_000, interval: 100 }).toContain('ADMITTED');
      await page.screenshot({ path: join(SCREENSHOT_DIR, 'scanner-admitted-390x844.png') });
      expect(await result.innerText()).toContain('Ada Attendee');
      await expect.poll(() => page.getByTestId('admitted-count').innerText()).toBe('1 / 100 admitted');
      // The ticket stays in front of the camera: it is not read again.
      await expect.poll(() => result.innerText(), { timeout: 5_000, interval: 100 }).toBe('');
      await page.waitForTimeout(HELD_IN_VIEW_MS);
      expect(await result.innerText()).toBe('');

      // A deliberate second scan of the same ticket (its QR text entered by hand).
      await page.getByLabel('Ticket code (manual entry)').fill(ticketQr);
      await page.getByRole('button', { name: 'Check in' }).click();
      await expect.poll(() => result.innerText(), { timeout: 10_000, interval: 100 }).toContain('ALREADY USED');
      await page.screenshot({ path: join(SCREENSHOT_DIR, 'scanner-already-used-390x844.png') });
      // Scanning pauses while a result is on screen, so the manual answer is not overwritten by the camera.
      await expect.poll(() => result.innerText(), { timeout: 5_000, interval: 100 }).toBe('');

      await page.getByLabel('Ticket code (manual entry)').fill('not-a-real-ticket');
      await page.getByRole('button', { name: 'Check in' }).click();
      await expect.poll(() => result.innerText(), { timeout: 10_000, interval: 100 }).toContain('INVALID');
      await page.screenshot({ path: join(SCREENSHOT_DIR, 'scanner-invalid-390x844.png') });

      // By keyboard: the full-screen result covers the button for pointer users until it is dismissed.
      await page.getByRole('button', { name: 'Pause scanning' }).focus();
      await page.keyboard.press('Enter');
      await page.getByRole('button', { name: 'Resume scanning' }).waitFor({ state: 'attached' });
      await expect.poll(() => result.innerText(), { timeout: 5_000 }).toBe('');
      await page.waitForTimeout(HELD_IN_VIEW_MS);
      expect(await result.innerText()).toBe('');
      expect(await captureAndAudit(page, 'scanner')).toEqual([]);
    } finally {
      await cameraBrowser.close();
    }
  });

  it('the dashboard shows the sale and the check-in, and the CSV download lists the attendee', async () => {
    const page = organizerPage;
    await page.goto(`${app.url}/organizer/events/${eventId}`);
    const stats = page.getByTestId('stats');
    await stats.waitFor();
    const text = await stats.innerText();
    expect(text).toContain('2 / 100');
    expect(text).toMatch(/124\.00/);
    expect(text).toContain('1 / 2');
    expect(await page.locator('.chart svg rect.bar').count()).toBeGreaterThan(0);
    const row = page.locator('tbody tr', { hasText: attendee.email });
    expect(await row.innerText()).toContain('Ada Attendee');

    await page.getByLabel('Search registrants').fill('nobody-like-this');
    expect(await page.locator('tbody tr', { hasText: attendee.email }).count()).toBe(0);
    await page.getByLabel('Search registrants').fill('ada');
    expect(await page.locator('tbody tr', { hasText: attendee.email }).count()).toBe(1);
    expect(await captureAndAudit(page, 'dashboard')).toEqual([]);

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download CSV' }).click()]);
    const csvPath = join(work, 'registrants.csv');
    await download.saveAs(csvPath);
    expect(readFileSync(csvPath, 'utf8')).toContain(attendee.email);
  });

  it('an organizer saves a draft, edits it, publishes it, and cancels it after confirming', async () => {
    const page = organizerPage;
    await page.goto(`${app.url}/organizer/new`);
    await page.getByLabel('Event name').fill(`Draft meetup ${run}`);
    await page.getByLabel('Location').fill('Online');
    await page.getByLabel('Starts').fill(`${new Date(Date.now() + 60 * 24 * 3600_000).toISOString().slice(0, 10)}T19:00`);
    await page.getByLabel('Ticket type 1 price').fill('12,5x');
    await page.getByRole('button', { name: 'Save as draft' }).click();
    await page.getByText('Enter a price like 25 or 25.50 (0 for free).').waitFor();
    await page.getByLabel('Ticket type 1 price').fill('0');
    await page.getByRole('button', { name: 'Save as draft' }).click();
    await page.waitForURL(/\/organizer\/events\/[^/]+$/);
    await page.getByRole('button', { name: 'Publish' }).waitFor();

    await page.getByRole('link', { name: 'Edit' }).click();
    await expect.poll(() => page.getByLabel('Event name').inputValue()).toBe(`Draft meetup ${run}`);
    await page.getByLabel('Event name').fill(`Renamed meetup ${run}`);
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('heading', { name: `Renamed meetup ${run}` }).waitFor();

    await page.getByRole('button', { name: 'Publish' }).click();
    await page.getByText('The event is published and on sale.').waitFor();
    await page.getByRole('button', { name: 'Cancel event' }).click();
    await page.getByText(/Cancel this event\? Every registration is cancelled/).waitFor();
    await page.getByLabel('Reason (sent to attendees, optional)').fill('The venue is unavailable.');
    await page.getByRole('button', { name: 'Yes, cancel the event' }).click();
    await page.getByText('The event is cancelled', { exact: false }).waitFor();
    await expect.poll(() => page.locator('.eyebrow').innerText()).toMatch(/^cancelled/i);
    expect(await page.getByRole('button', { name: 'Cancel event' }).count()).toBe(0);
  });

  it('an attendee cancels an unpaid registration from My tickets after confirming, then logs out', async () => {
    const page = attendeePage;
    await page.goto(`${app.url}/events/${eventId}`);
    await page.getByLabel('Quantity of Standard').selectOption('1');
    await page.getByRole('button', { name: 'Register' }).click();
    await page.waitForURL(/\/checkout\//);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My tickets' }).click();
    const pending = page.locator('li.card', { hasText: 'Awaiting payment' });
    await pending.getByRole('button', { name: 'Cancel registration' }).click();
    await pending.getByRole('button', { name: 'Yes, cancel it' }).click();
    await page.locator('li.card .pill', { hasText: 'Cancelled' }).waitFor();
    expect(await page.locator('li.card .pill', { hasText: 'Awaiting payment' }).count()).toBe(0);

    await page.getByRole('button', { name: 'Log out (Ada Attendee)' }).click();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Log in' }).waitFor();
    expect(await page.evaluate(() => localStorage.getItem('ticketbooth.refreshToken'))).toBeNull();
  });

  it('says clearly when a stored session has expired', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(app.url);
    await page.evaluate(() => localStorage.setItem('ticketbooth.refreshToken', 'a-revoked-or-expired-token'));
    await page.goto(`${app.url}/tickets`);
    await page.getByText('Your session has expired.').waitFor();
    await page.getByRole('heading', { name: 'Please log in' }).waitFor();
    expect(await page.evaluate(() => localStorage.getItem('ticketbooth.refreshToken'))).toBeNull();
    await context.close();
  });

  it('the API reference at /api/docs draws every operation and schema of the document, with nothing refused by the CSP', async () => {
    const page = await browser.newPage();
    const refusals: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') refusals.push(message.text());
    });
    page.on('pageerror', (error) => refusals.push(error.message));
    const doc = (await (await fetch(`${app.url}/api/openapi.json`)).json()) as { paths: Record<string, Record<string, unknown>>; components: { schemas: Record<string, unknown> } };
    const operations = Object.values(doc.paths).reduce((n, item) => n + Object.keys(item).length, 0);
    await page.goto(`${app.url}/api/docs`);
    await page.locator('.opblock').first().waitFor();
    expect(await page.locator('.opblock').count()).toBe(operations);
    await page.locator('#operations-Payments-confirmPayment').waitFor();
    // OpenAPI 3.1 schemas are drawn as JSON Schema 2020-12 articles, one per component at the top level.
    const models = await page.locator('.models article[data-json-schema-level="0"]').count();
    expect(models).toBe(Object.keys(doc.components.schemas).length);
    expect(refusals).toEqual([]);
    await page.close();
  });

  it('the home page goes network-idle with its scripts and styles compressed, and the browser finds a favicon', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const assets: { url: string; encoding: string | null }[] = [];
    page.on('response', async (response) => {
      if (/\/assets\/.+\.(?:js|css)$/.test(response.url())) assets.push({ url: response.url(), encoding: await response.headerValue('content-encoding') });
    });
    // Network-idle: no request open for 500 ms; a fetch whose body is never read keeps one open.
    await page.goto(app.url, { waitUntil: 'networkidle', timeout: 15_000 });
    await page.locator('h1').waitFor();
    expect(assets.length).toBeGreaterThanOrEqual(2);
    for (const asset of assets) expect(['br', 'gzip'], asset.url).toContain(asset.encoding);
    // Route-level code splitting: the home page fetches its own code only, never the scanner's decoder.
    const scripts = assets.filter((asset) => asset.url.endsWith('.js')).map((asset) => asset.url);
    expect(scripts.filter((url) => /Scanner|Dashboard|Checkout|Tickets/.test(url))).toEqual([]);
    const gzipBytes = await homeScriptGzipBytes(scripts);
    console.log(`home page JavaScript: ${scripts.length} files, ${(gzipBytes / 1024).toFixed(1)} KB gzip`);
    expect(gzipBytes).toBeLessThanOrEqual(120 * 1024);
    const icon = await page.evaluate(async () => {
      const link = document.querySelector<HTMLLinkElement>('link[rel="icon"]');
      const res = await fetch(link?.href ?? '/favicon.ico');
      return { type: res.headers.get('content-type'), start: (await res.text()).slice(0, 4) };
    });
    expect(icon).toEqual({ type: expect.stringMatching(/^image\/svg\+xml/), start: '<svg' });
    await context.close();
  });

  it('a forgotten password is reset with the code from the Mailbox; the Account page passes the audit', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    const who = { name: 'Rita Reset', email: `rita-${run}@example.test`, password: 'first passphrase 1', role: 'attendee' as const };
    await signUpVerifyAndLogIn(page, app.url, who);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Account' }).click();
    await page.getByRole('heading', { name: 'Your account', exact: true }).waitFor();
    expect(await captureAndAudit(page, 'account')).toEqual([]);
    await page.getByRole('button', { name: /Log out/ }).click();

    await page.goto(`${app.url}/login`);
    await page.getByRole('link', { name: 'Forgot password?' }).click();
    // The login page has an Email field too: fill only once the reset page (a lazy route) shows.
    await page.getByRole('heading', { name: 'Reset your password' }).waitFor();
    await page.getByLabel('Email').fill(who.email);
    await page.getByRole('button', { name: 'Send me a code' }).click();
    await page.getByLabel('Code').waitFor();
    // The code is read in a second tab, so the reset page keeps its step.
    const mailboxTab = await context.newPage();
    await mailboxTab.goto(app.url);
    const code = await readCodeFromMailbox(mailboxTab, who.email, /password reset code/);
    await mailboxTab.close();
    await page.getByLabel('Code').fill(code);
    await page.getByLabel('New password').fill('second passphrase 2');
    await page.getByRole('button', { name: 'Set the new password' }).click();
    await page.waitForURL(/\/login\?.*reset=1/);
    await page.getByText('Your password is set.').waitFor();
    await logIn(page, who.email, 'second passphrase 2');
    await context.close();
  });

  it('the public pages and the mailbox pass the accessibility audit at both sizes', async () => {
    const page = await browser.newPage();
    for (const [name, path] of [
      ['home', '/'],
      ['login', '/login'],
      ['verify', '/verify'],
      ['password-reset', '/password-reset'],
      ['mailbox', '/mailbox'],
      ['not-found', '/no-such-page'],
    ] as const) {
      await page.goto(`${app.url}${path}`);
      await page.locator('h1').waitFor();
      await page.waitForFunction(() => !document.body.innerText.includes('Loading'));
      expect(await captureAndAudit(page, name)).toEqual([]);
    }
    await page.close();
  });
});

/** What the home page's scripts weigh as gzip, fetched again from the server as a gzip-only client would. */
async function homeScriptGzipBytes(urls: string[]): Promise<number> {
  let total = 0;
  for (const url of urls) {
    const res = await getRaw(url, { 'accept-encoding': 'gzip' });
    expect(res.headers['content-encoding'], url).toBe('gzip');
    total += res.body.length;
  }
  return total;
}
