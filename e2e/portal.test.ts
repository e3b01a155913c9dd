import { rmSync } from 'node:fs';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS } from '../packages/api/src/home/demo-data.js';
import { captureAndAudit, launchChromium } from './support/browser.js';
import { fillEventDetails, logIn } from './support/pages.js';
import { buildWeb, startApp, type RunningApp } from './support/server.js';

const PHONE = { width: 390, height: 844 };

/** The portal as a newcomer meets it: the demo on first start, on a phone, in Debian's Chromium. */
describe('the portal on a phone, with the demo data', () => {
  let webDir = '';
  let app: RunningApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    webDir = buildWeb();
    app = await startApp(webDir, { DEMO_DATA: 'true' });
    browser = await launchChromium();
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    if (webDir) rmSync(webDir, { recursive: true, force: true });
  });

  /** A fresh phone (no session): each test starts logged out. */
  async function freshPhone(): Promise<Page> {
    await context?.close();
    context = await browser.newContext({ acceptDownloads: true, viewport: PHONE });
    page = await context.newPage();
    return page;
  }

  /** The demo attendee, logged in on a fresh phone, with `quantity` tickets of the event chosen. */
  async function attendeeChoosing(eventName: string, quantity: number): Promise<Page> {
    const p = await freshPhone();
    await p.goto(`${app.url}/login`);
    await logIn(p, DEMO_ACCOUNTS.attendee.email, DEMO_ACCOUNTS.attendee.password);
    await p.goto(app.url);
    await p.getByRole('link', { name: eventName }).click();
    await p.locator('select[id^="qty-"]').first().selectOption(String(quantity));
    return p;
  }

  /** How many lines the text of an element takes: a word or an amount broken in two takes two. */
  const lineCount = (element: Locator) =>
    element.evaluate((el) => {
      const range = document.createRange();
      range.selectNodeContents(el);
      return new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top))).size;
    });

  const aboveTheFold = async (p: Page, selector: string) => {
    const boxes = await Promise.all((await p.locator(selector).all()).map((l) => l.boundingBox()));
    return boxes.filter((b) => b !== null && b.y >= 0 && b.y + b.height <= PHONE.height).length;
  };

  it('shows at least two whole event cards above the fold, and a chip filters at once', async () => {
    const p = await freshPhone();
    await p.goto(app.url);
    await p.locator('.event-card').nth(1).waitFor();
    expect(await aboveTheFold(p, '.event-card')).toBeGreaterThanOrEqual(2);

    await p.getByRole('group', { name: 'Category' }).getByRole('button', { name: 'Charity' }).click();
    await expect.poll(() => p.locator('.event-card').allInnerTexts()).toEqual([expect.stringContaining('Annual Charity Gala')]);
    expect(new URL(p.url()).searchParams.get('category')).toBe('Charity');
    expect(await p.getByRole('button', { name: 'Charity' }).getAttribute('aria-pressed')).toBe('true');

    // Typing filters too, after a pause, with no button pressed.
    await p.getByRole('group', { name: 'Category' }).getByRole('button', { name: 'All' }).click();
    await p.getByLabel('Search').fill('marathon');
    await expect.poll(() => p.locator('.event-card').allInnerTexts()).toEqual([expect.stringContaining('Bay Area Marathon')]);
    expect(await captureAndAudit(p, 'portal-home')).toEqual([]);
  });

  it('says plainly that a date range runs backwards', async () => {
    const p = await freshPhone();
    await p.goto(app.url);
    await p.getByRole('button', { name: 'Filters' }).click();
    await p.getByLabel('From').fill('2027-02-10');
    await p.getByLabel('To').fill('2027-01-01');
    await p.getByText('is before the “From” date').waitFor();
    expect(await p.locator('.event-card').count()).toBe(0);
    await p.getByRole('button', { name: 'Swap the dates' }).click();
    await expect.poll(() => new URL(p.url()).searchParams.get('from')).toBe('2027-01-01');
  });

  it('lists events at /events, and a missing event page leads back to them', async () => {
    const p = await freshPhone();
    await p.goto(`${app.url}/events`);
    await p.getByRole('heading', { name: 'Upcoming events' }).waitFor();
    await p.goto(`${app.url}/events/evt_missing`);
    await p.getByRole('link', { name: 'See upcoming events' }).click();
    await p.locator('.event-card').first().waitFor();
  });

  it('shows the demo organizer a dashboard with a chart and registrants on first start, and My events by date', async () => {
    const p = await freshPhone();
    await p.goto(`${app.url}/login`);
    await logIn(p, DEMO_ACCOUNTS.organizer.email, DEMO_ACCOUNTS.organizer.password);
    await p.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My events' }).click();
    const published = p.locator('section', { has: p.getByRole('heading', { name: 'Published' }) }).locator('.card-title');
    await published.first().waitFor();
    // The soonest first (the comedy night is in ten days), last week's meetup last.
    const names = await published.allInnerTexts();
    expect(names[0]).toBe('Stand-Up Comedy Night');
    expect(names.at(-1)).toBe('Bay Area JS Meetup');

    await p.getByRole('link', { name: 'Tech Summit 2026' }).click();
    await p.locator('.chart svg .bar').first().waitFor();
    expect(await p.locator('.chart svg .bar').count()).toBeGreaterThanOrEqual(5);
    expect(await p.getByRole('region', { name: 'Registrants table' }).locator('tbody tr').count()).toBeGreaterThanOrEqual(5);
    expect(await p.getByTestId('stats').innerText()).not.toMatch(/^Sold\s+0 \//);
    // On a phone the tables scroll sideways instead of breaking words and amounts ("$897. / 00",
    // an email in six lines, "admissio / n"); a registrant is one line.
    const firstRegistrant = p.getByRole('region', { name: 'Registrants table' }).locator('tbody tr').first();
    for (const column of [2, 3, 4, 5, 7]) expect.soft(await lineCount(firstRegistrant.locator(`td:nth-child(${column})`))).toBe(1);
    const byType = p.getByTestId('sales-by-type').locator('tbody tr').first();
    expect.soft(await lineCount(byType.locator('td').nth(1))).toBe(1);
    expect.soft(await lineCount(byType.locator('th'))).toBeLessThanOrEqual(2);
    // Quiet days are days: a bar for each day with sales, a point of the revenue line for every day.
    expect.soft(await p.locator('.chart svg .bar').count()).toBeLessThan(await p.locator('.chart svg .revenue-dot').count());
    // axe's landmark-unique (moderate, so not among the serious ones): the table's scroll region
    // once had its section's name.
    expect(await captureAndAudit(p, 'portal-dashboard')).toEqual([]);
    const landmarks = await p.evaluate(async () => {
      const axe = (window as unknown as { axe: { run(o: object): Promise<{ violations: { id: string }[] }> } }).axe;
      return (await axe.run({ runOnly: ['landmark-unique'] })).violations.map((v) => v.id);
    });
    expect(landmarks).toEqual([]);

    // On an event page, an organizer account gets no working quantity pickers.
    await p.goto(`${app.url}/events/${new URL(p.url()).pathname.split('/').pop()}`);
    await p.getByText('Organizer accounts cannot register').waitFor();
    const ticketRow = p.getByRole('region', { name: 'Tickets' }).locator('tbody tr').first();
    expect.soft(await lineCount(ticketRow.locator('td').first())).toBe(1);
    expect.soft(await lineCount(ticketRow.locator('th'))).toBeLessThanOrEqual(2);
    const pickers = await p.locator('select[id^="qty-"]').all();
    expect(pickers.length).toBeGreaterThan(0);
    for (const picker of pickers) expect(await picker.isDisabled()).toBe(true);

    // The sold-out retreat's dashboard shows who waits for a spot, in order.
    await p.goto(`${app.url}/organizer`);
    await p.getByRole('link', { name: 'Weekend Wellness Yoga Retreat' }).click();
    await p.getByTestId('waitlist-summary').filter({ hasText: /^\d+ waiting/ }).waitFor();
    const waiting = p.locator('section', { has: p.getByRole('heading', { name: 'Waiting list' }) }).locator('tbody tr');
    expect(await waiting.count()).toBeGreaterThanOrEqual(3);
    expect(await waiting.first().locator('td').first().innerText()).toBe('1');
  });

  it('an attendee pays with a keypad-typed expiry, sees the unit price, the paid notice once, and downloads named PDFs', async () => {
    const p = await attendeeChoosing('Startup Pitch Night', 2);
    await p.getByRole('button', { name: 'Register' }).click();
    await p.waitForURL(/\/checkout\//);
    expect(await p.getByTestId('unit-price').innerText()).toBe('$49.00');
    expect(await p.getByTestId('line-amount').innerText()).toBe('$98.00');
    expect(await p.getByTestId('hold-notice').innerText()).toMatch(/^Your spots are held for \d+:\d\d/);
    expect(await captureAndAudit(p, 'portal-checkout')).toEqual([]);

    const expiry = p.getByLabel('Expiry (MM/YY)');
    expect(await expiry.getAttribute('inputmode')).toBe('numeric');
    await p.getByLabel('Card number').fill('4242 4242 4242 4242');
    await expiry.fill('1230');
    await p.getByLabel('CVC').fill('123');
    await p.getByRole('button', { name: /^Pay / }).click();
    await p.getByText('Payment received').waitFor();
    await expect.poll(() => new URL(p.url()).search).toBe('');
    await p.reload();
    await p.getByRole('heading', { name: 'Startup Pitch Night' }).waitFor();
    expect(await p.getByText('Payment received').count()).toBe(0);

    const order = p.locator('li.card', { has: p.getByRole('heading', { name: 'Startup Pitch Night' }) });
    const [all] = await Promise.all([p.waitForEvent('download'), order.getByRole('button', { name: 'Download all tickets' }).click()]);
    expect(all.suggestedFilename()).toBe('startup-pitch-night-tickets.pdf');
    const [one] = await Promise.all([p.waitForEvent('download'), order.getByRole('button', { name: 'Download PDF' }).first().click()]);
    expect(one.suggestedFilename()).toBe('startup-pitch-night-demo-attendee.pdf');
  });

  it('says the hold ran out in words, not "held for Time is up"', async () => {
    const p = await attendeeChoosing('Annual Charity Gala', 1);
    expect(await captureAndAudit(p, 'portal-event')).toEqual([]);
    // The hold runs out in three seconds: the server's answer, with an earlier expiry.
    await p.route('**/api/registrations/*', async (route) => {
      const response = await route.fetch();
      const body = await response.json();
      await route.fulfill({ response, json: { ...body, holdExpiresAt: new Date(Date.now() + 3000).toISOString() } });
    });
    await p.getByRole('button', { name: 'Register' }).click();
    await p.getByText('The hold ran out and your spots were released.').waitFor({ timeout: 30_000 });
    expect(await p.locator('main').innerText()).not.toContain('held for Time is up');
    expect(await p.getByTestId('hold-notice').count()).toBe(0);
  });

  it('takes a pasted code with spaces on the verify page, and shows one message at a time', async () => {
    const p = await freshPhone();
    await p.goto(`${app.url}/verify?email=${encodeURIComponent('nobody-here@example.test')}`);
    const code = p.getByLabel('Code');
    await code.focus();
    // Text arriving at once, as a paste does: a maxLength of 6 would have cut it to " 10469".
    await p.keyboard.insertText(' 104690 ');
    expect(await code.inputValue()).toBe('104690');

    await p.getByRole('button', { name: 'Send a new code' }).click();
    await p.getByText('We sent a new code').waitFor();
    await p.getByRole('button', { name: 'Verify' }).click();
    await p.locator('.alert-error').waitFor();
    expect(await p.locator('.alert:visible').count()).toBe(1);
  });
  it('says an expired code expired, not that it is wrong', async () => {
    const p = await freshPhone();
    // The server's answer to a right code typed too late (local-identity.test.ts proves it gives this).
    await p.route('**/api/auth/verify-email', (route) =>
      route.fulfill({ status: 400, json: { error: { code: 'invalid_code', message: 'That code has expired. Ask for a new one.', details: { reason: 'expired' } } } }));
    await p.goto(`${app.url}/verify?email=${encodeURIComponent('late-reader@example.test')}`);
    await p.getByLabel('Code').fill('104690');
    await p.getByRole('button', { name: 'Verify' }).click();
    expect(await p.locator('.alert-error').innerText()).toBe('That code has expired. Ask for a new code and enter the one in the newest email.');
  });

  it('the create form says a too-long name inline without sending it, and an empty "Ends" stays empty on the event page', async () => {
    const p = await freshPhone();
    await p.goto(`${app.url}/login`);
    await logIn(p, DEMO_ACCOUNTS.organizer.email, DEMO_ACCOUNTS.organizer.password);
    await p.goto(`${app.url}/organizer/new`);
    const creations: string[] = [];
    p.on('request', (r) => {
      if (r.method() === 'POST' && new URL(r.url()).pathname === '/api/events') creations.push(r.url());
    });
    const startsAt = `${new Date(Date.now() + 40 * 24 * 3600_000).toISOString().slice(0, 10)}T18:30`;
    await p.getByLabel('Event name').fill('N'.repeat(201));
    await fillEventDetails(p, {
      description: 'Five minutes each, sign up at the door.', category: 'Music', location: 'The Back Room',
      startsAt, capacity: 40, ticketType: { name: 'Entry', price: '0' },
    });
    await p.getByRole('button', { name: 'Save and publish' }).click();
    await p.getByText('can be at most 200 characters (now 201).').waitFor();
    expect(await p.getByLabel('Event name').getAttribute('aria-invalid')).toBe('true');
    expect(await p.locator('main').innerText()).not.toContain('Too big');
    expect(creations).toEqual([]);

    await p.getByLabel('Event name').fill('Open Mic Night');
    await p.getByRole('button', { name: 'Save and publish' }).click();
    await p.waitForURL(/\/organizer\/events\/[^/]+$/);
    const id = new URL(p.url()).pathname.split('/').pop()!;
    expect(((await (await fetch(`${app.url}/api/events/${id}`)).json()) as { endsAt: string | null }).endsAt).toBeNull();
    await p.goto(`${app.url}/events/${id}`);
    // The start alone: no end invented two hours later.
    expect(await p.getByTestId('event-when').innerText()).toMatch(/^\w{3} \d{1,2} \w{3} \d{4}, 18:30 \([^)]+\)$/);
  });

  it('shows the Mailbox link at a loopback address only, not at the address a phone on the LAN uses', async () => {
    // The LAN name resolves to the same server: only the address in the bar differs.
    const lanBrowser = await launchChromium(['--host-resolver-rules=MAP tickets.lan 127.0.0.1']);
    try {
      const lan = await (await lanBrowser.newContext({ viewport: PHONE })).newPage();
      await lan.goto(app.url.replace('127.0.0.1', 'tickets.lan'));
      await lan.locator('.event-card').first().waitFor();
      const nav = lan.getByRole('navigation', { name: 'Main' });
      await nav.getByRole('link', { name: 'Log in' }).waitFor();
      expect(await nav.getByRole('link', { name: 'Mailbox' }).count()).toBe(0);
      await lan.goto(app.url);
      await nav.getByRole('link', { name: 'Mailbox' }).waitFor();
    } finally {
      await lanBrowser.close();
    }
  });
});
