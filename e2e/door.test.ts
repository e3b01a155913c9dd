import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTicketSigner, generateSigningKey } from '@ticketbooth/tickets';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountWithToken, call } from './support/api.js';
import { captureAndAudit, launchChromium, launchPhone, seriousViolations } from './support/browser.js';
import { logIn } from './support/pages.js';
import { HELD_IN_VIEW_MS, writeQrVideo } from './support/qr-media.js';
import { buildWeb, startApp, type RunningApp } from './support/server.js';

/** Shots of each verdict at 390 px for the note; outside the repository. */
const SHOTS = process.env.DOOR_SHOTS_DIR ?? '/work/wt/door-web-shots';

interface ApiTicket {
  id: string;
  registrationId: string;
  qr: string;
  code: string;
  attendeeName: string;
  ticketTypeName: string;
}

/**
 * The volunteer's door in Chromium: a scanner link opened with no login, scans online and offline
 * (fake camera, context offline), a second offline door, the conflict on the organizer's page.
 * Each phone is a persistent profile relaunched with another camera video, as a QR held up.
 */
describe('the door team in a real browser', () => {
  const run = Date.now().toString(36);
  const organizer = { name: 'Olga Organizer', email: `olga-door-${run}@example.test`, password: 'organizer-pass-1', role: 'organizer' as const };
  const attendee = { name: 'Ada Attendee', email: `ada-door-${run}@example.test`, password: 'attendee-pass-1', role: 'attendee' as const };
  const work = mkdtempSync(join(tmpdir(), 'ticketbooth-door-'));
  const doorA = join(work, 'phone-a');
  const doorB = join(work, 'phone-b');
  const doorVip = join(work, 'phone-vip');

  let webDir = '';
  let app: RunningApp;
  let browser: Browser;
  let organizerPage: Page;
  let eventId = '';
  let organizerToken = '';
  let vipTypeId = '';
  let tickets: ApiTicket[] = [];
  let cancelled: ApiTicket;
  let linkA = '';
  let linkB = '';
  const problems: string[] = [];

  const video = (name: string, text: string): string => {
    const path = join(work, `${name}.y4m`);
    writeQrVideo(text, path);
    return path;
  };

  /** Opens the door page on a phone, camera showing `qr` (if any), and waits for its first verdict. */
  async function phone(profile: string, url: string, options: { qr?: string; offline: boolean }): Promise<{ context: BrowserContext; page: Page }> {
    const context = await launchPhone(profile, options.qr ? video(`qr-${Math.random().toString(36).slice(2)}`, options.qr) : undefined);
    try {
      if (options.offline) await context.setOffline(true);
      const page = context.pages()[0] ?? (await context.newPage());
      await page.goto(url);
      await page.getByTestId('network').waitFor();
      return { context, page };
    } catch (e) {
      await context.close(); // the profile can only be open once
      throw e;
    }
  }

  /** Delays each WebCrypto key import by 1.5 s: the door's loading outlasts the camera's start. */
  const slowKeyImport = () => {
    const subtle = SubtleCrypto.prototype as unknown as { importKey: (...args: unknown[]) => Promise<unknown> };
    const importKey = subtle.importKey;
    subtle.importKey = function (this: SubtleCrypto, ...args: unknown[]) {
      return new Promise((resolve) => setTimeout(resolve, 1500)).then(() => importKey.apply(this, args));
    };
  };

  const verdictOf = (page: Page) => page.getByTestId('scan-result');
  async function expectVerdict(page: Page, word: string, shot: string): Promise<string> {
    await expect.poll(() => verdictOf(page).innerText(), { timeout: 20_000, interval: 100 }).toContain(word);
    const text = await verdictOf(page).innerText();
    await page.screenshot({ path: join(SHOTS, `${shot}-390.png`) });
    return text;
  }

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    webDir = buildWeb();
    app = await startApp(webDir);
    browser = await launchChromium();

    organizerToken = await accountWithToken(app.url, organizer);
    const event = await call<{ id: string; ticketTypes: { id: string; name: string }[] }>(app.url, 'POST', '/api/events', organizerToken, {
      name: `Door night ${run}`,
      description: 'Doors open at seven.',
      category: 'Music',
      location: 'Kulturhuset, Stockholm',
      startsAt: new Date(Date.now() + 7 * 24 * 3600_000).toISOString(),
      currency: 'EUR',
      capacity: 50,
      ticketTypes: [
        { name: 'Standard', priceCents: 0 },
        { name: 'VIP', priceCents: 0 },
      ],
      publish: true,
    });
    eventId = event.id;
    const [standard, vip] = event.ticketTypes;
    vipTypeId = vip!.id;
    const attendeeToken = await accountWithToken(app.url, attendee);
    const register = (lines: { ticketTypeId: string; quantity: number }[]) => call<{ id: string }>(app.url, 'POST', `/api/events/${eventId}/registrations`, attendeeToken, { lines });
    const toCancel = await register([{ ticketTypeId: standard!.id, quantity: 1 }]);
    await register([{ ticketTypeId: standard!.id, quantity: 5 }, { ticketTypeId: vip!.id, quantity: 1 }]);
    const mine = await call<{ items: ApiTicket[] }>(app.url, 'GET', '/api/me/tickets?limit=100', attendeeToken);
    cancelled = mine.items.find((t) => t.registrationId === toCancel.id)!;
    // The API lists an order's tickets in no promised order: Standard first, the one VIP last.
    tickets = mine.items.filter((t) => t.registrationId !== toCancel.id).sort((a, b) => Number(a.ticketTypeName === 'VIP') - Number(b.ticketTypeName === 'VIP'));
    expect(tickets).toHaveLength(6);
    // Cancelled before any door opens, so the doors take it offline as cancelled.
    await call(app.url, 'POST', `/api/registrations/${toCancel.id}/cancel`, attendeeToken);

    organizerPage = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
    await organizerPage.goto(`${app.url}/login`);
    await logIn(organizerPage, organizer.email, organizer.password);
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    rmSync(work, { recursive: true, force: true });
    if (webDir) rmSync(webDir, { recursive: true, force: true });
  });

  it('the organizer makes a check-in list and two scanner links, each shown as a QR code and a URL', async () => {
    const page = organizerPage;
    await page.goto(`${app.url}/organizer/events/${eventId}`);
    await page.getByRole('link', { name: 'Door team' }).click();
    await page.getByRole('heading', { name: 'Door team' }).waitFor();
    await page.getByLabel('List name').fill('Main entrance');
    await page.getByRole('button', { name: 'Create list' }).click();
    await page.getByRole('cell', { name: 'Main entrance' }).waitFor();

    for (const name of ['Door A', 'Door B']) {
      await page.getByLabel('Door name').fill(name);
      await page.getByLabel('Check-in list', { exact: true }).selectOption({ label: 'Main entrance' });
      await page.getByRole('button', { name: 'Create scanner link' }).click();
      await page.getByRole('img', { name: `QR code of the scanner link ${name}` }).waitFor();
      const url = await page.getByLabel(`Scanner link of ${name}`).inputValue();
      expect(url).toMatch(/#.{20,}$/);
      if (name === 'Door A') linkA = url;
      else linkB = url;
    }
    expect(await page.getByRole('region', { name: 'Scanner links' }).getByRole('row', { name: /Door A/ }).count()).toBe(1);
    problems.push(...(await captureAndAudit(page, 'door-team')));
  });

  it('a scanner link opens the door with no login in a fresh profile, and the door admits a ticket', async () => {
    const { context, page } = await phone(doorA, linkA, { qr: tickets[0]!.qr, offline: false });
    try {
      await expect.poll(() => page.getByTestId('network').innerText(), { timeout: 10_000 }).toBe('ONLINE');
      const text = await expectVerdict(page, 'ADMITTED', 'door-admitted-online');
      expect(text).toContain('Ada Attendee');
      expect(text).toContain('Standard');
      // The secret leaves the address bar once stored.
      expect(page.url()).not.toContain('#');
      await expect.poll(() => page.getByTestId('ticket-count').innerText()).toBe('7 tickets on this phone');
      await page.evaluate(() => navigator.serviceWorker.ready.then(() => true));
      problems.push(...(await seriousViolations(page)).map((v) => `door admitted: ${v.id} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`));
    } finally {
      await context.close();
    }
  });

  it('on a network that does not reach the server, the door says CONNECTING, then OFFLINE, and never ONLINE', async () => {
    const context = await launchPhone(doorA);
    try {
      // Every text the badge shows, from the first render on.
      await context.addInitScript(() => {
        const seen: string[] = [];
        (window as unknown as { networkSeen: string[] }).networkSeen = seen;
        new MutationObserver(() => {
          const text = document.querySelector('[data-testid="network"]')?.textContent;
          if (text && seen.at(-1) !== text) seen.push(text);
        }).observe(document, { subtree: true, childList: true, characterData: true });
      });
      // The phone's network is up (navigator.onLine), but no request reaches the server: the door's wait on its answer times out.
      await context.route('**/api/**', () => undefined);
      const page = context.pages()[0] ?? (await context.newPage());
      await page.goto(`${app.url}/scan/${eventId}`);
      await expect.poll(() => page.getByTestId('network').innerText(), { timeout: 15_000 }).toBe('OFFLINE');
      expect(await page.evaluate(() => (window as unknown as { networkSeen: string[] }).networkSeen)).toEqual(['CONNECTING', 'OFFLINE']);
      await context.unrouteAll({ behavior: 'ignoreErrors' });
    } finally {
      await context.close();
    }
  });

  it('offline, the door admits three valid tickets, refuses the cancelled one and a forged QR, and admits a typed code', async () => {
    const doorUrl = `${app.url}/scan/${eventId}`;
    for (const [i, ticket] of tickets.slice(1, 4).entries()) {
      const { context, page } = await phone(doorA, doorUrl, { qr: ticket.qr, offline: true });
      try {
        await expect.poll(() => page.getByTestId('network').innerText(), { timeout: 10_000 }).toBe('OFFLINE');
        expect(await expectVerdict(page, 'ADMITTED', `door-admitted-offline-${i + 1}`)).toContain('Ada Attendee');
        // The camera keeps showing the code: it is queued once.
        await expect.poll(() => page.getByTestId('queued-count').innerText()).toBe(`${i + 1} scan${i === 0 ? '' : 's'} waiting to sync`);
      } finally {
        await context.close();
      }
    }

    const refused = await phone(doorA, doorUrl, { qr: cancelled.qr, offline: true });
    try {
      expect(await expectVerdict(refused.page, 'CANCELLED', 'door-cancelled')).toContain('Ada Attendee');
    } finally {
      await refused.context.close();
    }

    // Forged: names the event's real key id, signed with another key.
    const keyId = Buffer.from(tickets[4]!.qr.split('.')[1]!, 'base64url').toString().split('|')[2]!;
    const forger = generateSigningKey();
    const forged = createTicketSigner([{ ...forger, keyId }], keyId).sign({ ticketId: tickets[4]!.id, eventId });
    const { context, page } = await phone(doorA, doorUrl, { qr: forged, offline: true });
    try {
      await expectVerdict(page, 'INVALID', 'door-invalid');
      await page.getByRole('button', { name: 'Pause scanning' }).focus();
      await page.keyboard.press('Enter');
      await expect.poll(() => verdictOf(page).innerText(), { timeout: 5_000 }).toBe('');
      await page.getByLabel('Ticket code (8 characters under the QR)').fill(tickets[4]!.code.toLowerCase());
      await page.getByRole('button', { name: 'Check in' }).click();
      await expectVerdict(page, 'ADMITTED', 'door-admitted-code');

      // A reload with no network opens the door with its tickets and its queue: the six scans above.
      expect(await page.getByTestId('queued-count').innerText()).toBe('6 scans waiting to sync');
      // This phone's storage now answers slowly, so the camera is on before the door has loaded.
      await context.addInitScript(slowKeyImport);
      await page.reload();
      await page.getByTestId('network').waitFor();
      await expect.poll(() => page.getByTestId('network').innerText(), { timeout: 10_000 }).toBe('OFFLINE');
      expect(await page.getByTestId('ticket-count').innerText()).toBe('7 tickets on this phone');
      // The reloaded page reads the forged code still in view once, as a new scan, and only once.
      await expectVerdict(page, 'INVALID', 'door-invalid-after-reload');
      await expect.poll(() => verdictOf(page).innerText(), { timeout: 5_000 }).toBe('');
      await page.waitForTimeout(HELD_IN_VIEW_MS);
      expect(await verdictOf(page).innerText()).toBe('');
      expect(await page.getByTestId('queued-count').innerText()).toBe('7 scans waiting to sync');
      problems.push(...(await seriousViolations(page)).map((v) => `door offline: ${v.id}`));
    } finally {
      await context.close();
    }
    // Offline mode as the volunteer sees it between scans (no camera here, so no verdict covers it).
    const idle = await phone(doorA, doorUrl, { offline: true });
    await idle.page.screenshot({ path: join(SHOTS, 'door-offline-390.png') });
    await idle.context.close();
  }, 150_000);

  it('a second door, also offline, admits one of the same tickets; both reconnect and the organizer sees exactly one conflict', async () => {
    const setUp = await phone(doorB, linkB, { offline: false });
    await expect.poll(() => setUp.page.getByTestId('ticket-count').innerText()).toBe('7 tickets on this phone');
    await setUp.page.evaluate(() => navigator.serviceWorker.ready.then(() => true));
    await setUp.context.close();

    const doorUrl = `${app.url}/scan/${eventId}`;
    const offline = await phone(doorB, doorUrl, { qr: tickets[2]!.qr, offline: true });
    await expectVerdict(offline.page, 'ADMITTED', 'door-b-admitted-offline');
    await offline.context.close();

    for (const profile of [doorA, doorB]) {
      const back = await phone(profile, doorUrl, { offline: false });
      await expect.poll(() => back.page.getByTestId('queued-count').innerText(), { timeout: 15_000 }).toBe('all scans synced');
      await back.context.close();
    }

    const page = organizerPage;
    await page.reload();
    const conflicts = page.getByTestId('conflicts').locator('tbody tr');
    await expect.poll(() => conflicts.count(), { timeout: 10_000 }).toBe(1);
    const row = await conflicts.first().innerText();
    expect(row).toContain('Door A');
    expect(row).toContain('Door B');
    expect(row).toContain('Ada Attendee');
    await page.screenshot({ path: join(SHOTS, 'door-team-conflict-1280.png'), fullPage: true });
  });

  it('a ticket used at one door is ALREADY USED at the other within seconds, naming the door that admitted it', async () => {
    const { context, page } = await phone(doorB, `${app.url}/scan/${eventId}`, { qr: tickets[1]!.qr, offline: false });
    try {
      const text = await expectVerdict(page, 'ALREADY USED', 'door-already-used');
      expect(text).toMatch(/at \d\d:\d\d.* at Door A/);
    } finally {
      await context.close();
    }
  });

  it("a VIP gate's door says NOT ON THIS LIST for a Standard ticket, and admits a VIP ticket found by name", async () => {
    const list = await call<{ id: string }>(app.url, 'POST', `/api/events/${eventId}/checkin-lists`, organizerToken, { name: 'VIP gate', ticketTypeIds: [vipTypeId] });
    const link = await call<{ url: string }>(app.url, 'POST', `/api/events/${eventId}/scanner-links`, organizerToken, { name: 'VIP door', checkinListId: list.id });
    const vipTicket = tickets[5]!;
    expect(vipTicket.ticketTypeName).toBe('VIP');
    const { context, page } = await phone(doorVip, link.url.replace(/^https?:\/\/[^/]+/, app.url), { qr: tickets[1]!.qr, offline: false });
    try {
      expect(await expectVerdict(page, 'NOT ON THIS LIST', 'door-not-on-list')).toContain('Standard');
      await expect.poll(() => verdictOf(page).innerText(), { timeout: 5_000 }).toBe('');
      await page.getByLabel('Search by name').fill('ada att');
      const matches = page.getByRole('list', { name: 'Matching tickets' });
      // Every ticket of the order carries the name; the one VIP ticket is picked by its code.
      await matches.getByRole('button', { name: new RegExp(`VIP · ${vipTicket.code}`) }).click();
      const text = await expectVerdict(page, 'ADMITTED', 'door-admitted-by-name');
      expect(text).toContain('VIP');
      await expect.poll(() => call<{ status: string }>(app.url, 'GET', `/api/tickets/${vipTicket.id}`, organizerToken).then((t) => t.status)).toBe('used');
    } finally {
      await context.close();
    }
  });

  it('after the organizer revokes a link, its door says so and keeps its scans for export', async () => {
    // A scan made offline at door B, still waiting when its link is revoked.
    const offline = await phone(doorB, `${app.url}/scan/${eventId}`, { qr: tickets[3]!.qr, offline: true });
    try {
      await expectVerdict(offline.page, 'ALREADY USED', 'door-b-already-used-offline');
      await expect.poll(() => offline.page.getByTestId('queued-count').innerText()).toBe('1 scan waiting to sync');
    } finally {
      await offline.context.close();
    }

    const page = organizerPage;
    const links = page.getByRole('region', { name: 'Scanner links' });
    await links.getByRole('row', { name: /Door B/ }).getByRole('button', { name: 'Revoke' }).click();
    await page.getByRole('button', { name: 'Yes, revoke it' }).click();
    await expect.poll(() => links.getByRole('row', { name: /Door B/ }).count()).toBe(0);

    const { context, page: door } = await phone(doorB, `${app.url}/scan/${eventId}`, { offline: false });
    try {
      await door.getByText('This scanner link was revoked or has expired.').waitFor({ timeout: 15_000 });
      await door.screenshot({ path: join(SHOTS, 'door-revoked-390.png') });
      expect(await door.getByTestId('queued-count').innerText()).toBe('1 scan waiting to sync');
      const [download] = await Promise.all([door.waitForEvent('download'), door.getByRole('button', { name: 'Download waiting scans (JSON)' }).click()]);
      expect(download.suggestedFilename()).toBe(`door-scans-${eventId}.json`);
      const exported = JSON.parse(readFileSync(await download.path(), 'utf8')) as { eventId: string; scans: { input: { qr?: string }; resultShown: string }[] };
      expect(exported.eventId).toBe(eventId);
      expect(exported.scans).toEqual([expect.objectContaining({ input: { qr: tickets[3]!.qr }, resultShown: 'already_used' })]);
      problems.push(...(await seriousViolations(door)).map((v) => `door revoked: ${v.id}`));
    } finally {
      await context.close();
    }
    expect(problems).toEqual([]);
  });
});
