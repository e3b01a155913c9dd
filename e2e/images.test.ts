import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleImage } from '@ticketbooth/testkit';
import { accountWithToken, call } from './support/api.js';
import { launchChromium } from './support/browser.js';
import { logIn } from './support/pages.js';
import { buildWeb, startApp, type RunningApp } from './support/server.js';

/** The cover image from the organizer's picker to the event page, in Debian's Chromium. */
describe('event images in a real browser', () => {
  const run = Date.now().toString(36);
  const organizer = { name: 'Iris Imager', email: `iris-${run}@example.test`, password: 'organizer-pass-1', role: 'organizer' as const };
  const work = mkdtempSync(join(tmpdir(), 'ticketbooth-e2e-images-'));
  let webDir = '';
  let app: RunningApp;
  let browser: Browser;

  beforeAll(async () => {
    webDir = buildWeb();
    app = await startApp(webDir);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    rmSync(work, { recursive: true, force: true });
    if (webDir) rmSync(webDir, { recursive: true, force: true });
  });

  it('an organizer picks a photo on the edit form, sees it cropped 16:9, saves, and the event page shows it with srcset and its size', async () => {
    const token = await accountWithToken(app.url, organizer);
    const startsAt = new Date(Date.now() + 20 * 24 * 3600_000).toISOString();
    const event = await call<{ id: string }>(app.url, 'POST', '/api/events', token, {
      name: `Lantern Walk ${run}`, description: 'An evening walk.', category: 'Arts', location: 'Old Harbour', startsAt,
      timezone: 'Europe/Berlin', currency: 'EUR', capacity: 30, priceCents: 0, publish: true,
    });
    const photo = join(work, 'portrait.jpg');
    writeFileSync(photo, await sampleImage('jpeg', { width: 900, height: 1400, gps: true }));

    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await page.goto(`${app.url}/login`);
    await logIn(page, organizer.email, organizer.password);
    await page.goto(`${app.url}/organizer/events/${event.id}/edit`);
    await page.getByLabel('Choose an image').setInputFiles(photo);
    const preview = page.getByAltText(/Preview of the cover image/);
    await expect.poll(() => preview.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(900);
    // Shown as it will appear: a 16:9 box, the photo cropped to fill it.
    const box = await preview.boundingBox();
    expect(box && Math.round((box.width / box.height) * 9)).toBe(16);
    expect(await preview.evaluate((img) => getComputedStyle(img).objectFit)).toBe('cover');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.waitForURL(new RegExp(`/organizer/events/${event.id}$`));
    await context.close();

    const visitor = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const eventPage = await visitor.newPage();
    await eventPage.goto(`${app.url}/events/${event.id}`);
    const cover = eventPage.getByAltText(`Lantern Walk ${run}`);
    await expect.poll(() => cover.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    const attributes = await cover.evaluate((img: HTMLImageElement) => ({ srcset: img.srcset, width: img.getAttribute('width'), height: img.getAttribute('height'), current: img.currentSrc }));
    expect(attributes.srcset).toMatch(/\/images\/events\/.+\/card\.webp 640w, \/images\/events\/.+\/page\.webp 1280w/);
    expect([attributes.width, attributes.height]).toEqual(['1280', '720']);
    expect(attributes.current).toMatch(/\/images\/events\//);
    // The HTML the server sends carries the share image for link previews.
    const html = await (await fetch(`${app.url}/events/${event.id}`)).text();
    expect(html).toMatch(/<meta property="og:image" content="http:\/\/127\.0\.0\.1:\d+\/images\/events\/[^"]+\/share\.jpg"/);
    await visitor.close();
  });
});
