/**
 * Screenshots of the portal for the docs: `npm run screenshots`.
 * Builds the web app, starts the real server on 127.0.0.1 with demo data, and in Debian's Chromium
 * (`CHROMIUM_PATH` elsewhere) takes the home, an event page with its cover image, the checkout of a
 * paid event at the card step and the demo organizer's dashboard, each at 390x844 and 1280x800
 * (whole page, device scale 1), into docs/screenshots/<page>-<width>.png. Prints any serious or
 * critical axe violation of each page at each size, and fails if there is one.
 */
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { DEMO_ACCOUNTS } from '../packages/api/src/home/demo-data.js';
import { launchChromium, seriousViolations, VIEWPORTS } from '../e2e/support/browser.js';
import { logIn } from '../e2e/support/pages.js';
import { buildWeb, ROOT, startApp } from '../e2e/support/server.js';

const OUT_DIR = join(ROOT, 'docs/screenshots');
/** A paid demo event: its page has price pickers, and its checkout a card step. */
const PAID_EVENT = 'Startup Pitch Night';

/** Lazy images below the fold load only when scrolled to: scroll through once, then wait for all. */
async function settle(page: Page): Promise<void> {
  await page.evaluate(async () => {
    for (let y = 0; y < document.body.scrollHeight; y += innerHeight) {
      scrollTo(0, y);
      await new Promise((r) => setTimeout(r, 50));
    }
    scrollTo(0, 0);
    await Promise.all([...document.images].map((img) => img.decode().catch(() => undefined)));
  });
  await page.waitForLoadState('networkidle');
}

/** Both sizes of the page as it stands; returns its serious axe violations at each size. */
async function capture(page: Page, name: string): Promise<string[]> {
  const problems: string[] = [];
  for (const viewport of VIEWPORTS) {
    await page.setViewportSize({ width: viewport.width, height: viewport.height });
    await settle(page);
    const path = join(OUT_DIR, `${name}-${viewport.width}.png`);
    await page.screenshot({ path, fullPage: true });
    console.log(`wrote ${path.slice(ROOT.length + 1)}`);
    for (const v of await seriousViolations(page)) problems.push(`${name} @${viewport.width}: ${v.impact} ${v.id} (${v.help}) at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  }
  return problems;
}

async function main(): Promise<void> {
  mkdirSync(OUT_DIR, { recursive: true });
  const webDir = buildWeb();
  const app = await startApp(webDir, { DEMO_DATA: 'true' });
  const browser = await launchChromium();
  const problems: string[] = [];
  try {
    const fresh = async () => (await browser.newContext({ viewport: VIEWPORTS[0], deviceScaleFactor: 1 })).newPage();

    const visitor = await fresh();
    await visitor.goto(app.url);
    await visitor.locator('.event-card').nth(1).waitFor();
    problems.push(...(await capture(visitor, 'home')));
    await visitor.getByRole('link', { name: PAID_EVENT }).click();
    await visitor.locator('img.event-page-image').waitFor();
    problems.push(...(await capture(visitor, 'event')));

    const attendee = await fresh();
    await attendee.goto(`${app.url}/login`);
    await logIn(attendee, DEMO_ACCOUNTS.attendee.email, DEMO_ACCOUNTS.attendee.password);
    await attendee.goto(app.url);
    await attendee.getByRole('link', { name: PAID_EVENT }).click();
    await attendee.locator('select[id^="qty-"]').first().selectOption('2');
    await attendee.getByRole('button', { name: 'Register' }).click();
    await attendee.getByLabel('Card number').waitFor();
    problems.push(...(await capture(attendee, 'checkout')));

    const organizer = await fresh();
    await organizer.goto(`${app.url}/login`);
    await logIn(organizer, DEMO_ACCOUNTS.organizer.email, DEMO_ACCOUNTS.organizer.password);
    await organizer.goto(`${app.url}/organizer`);
    await organizer.getByRole('link', { name: 'Tech Summit 2026' }).click();
    await organizer.locator('.chart svg .bar').first().waitFor();
    await organizer.getByRole('region', { name: 'Registrants table' }).locator('tbody tr').first().waitFor();
    problems.push(...(await capture(organizer, 'dashboard')));
  } finally {
    await browser.close();
    await app.stop();
    rmSync(webDir, { recursive: true, force: true });
  }
  for (const p of problems) console.error(p);
  if (problems.length > 0) process.exitCode = 1;
}

await main();
