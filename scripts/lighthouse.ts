/**
 * Lighthouse mobile scores of the home page and an event page, on the app with demo data.
 * `npm run lighthouse`: builds the web app, starts the real server on 127.0.0.1 with demo data,
 * audits both pages with Lighthouse's default mobile settings (emulated phone, simulated slow 4G
 * and CPU) in Debian's Chromium (`CHROMIUM_PATH` elsewhere), prints the four scores per page.
 * Not part of `npm test`: the performance score moves with the machine's load.
 * `-- --json DIR` also writes each page's full report there.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { CHROMIUM } from '../e2e/support/browser.js';
import { buildWeb, startApp } from '../e2e/support/server.js';

const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'] as const;

interface PageScores {
  page: string;
  url: string;
  scores: Record<(typeof CATEGORIES)[number], number | null>;
  /** The audits that cost points, outside performance's metrics: what to fix. */
  failing: string[];
}

async function audit(port: number, page: string, url: string, reportDir: string | null): Promise<PageScores> {
  let lhr;
  // On a busy machine the trace is sometimes lost (NO_NAVSTART): one more try before giving up.
  for (let attempt = 1; ; attempt++) {
    const result = await lighthouse(url, { port, logLevel: 'error', output: 'json', onlyCategories: [...CATEGORIES] });
    if (!result) throw new Error(`Lighthouse gave no result for ${url}`);
    lhr = result.lhr;
    if (!lhr.runtimeError) break;
    if (attempt === 2) throw new Error(`Lighthouse could not audit ${url}: ${lhr.runtimeError.message}`);
  }
  if (reportDir) writeFileSync(join(reportDir, `${page}.json`), JSON.stringify(lhr, null, 1));
  const scores = Object.fromEntries(CATEGORIES.map((c) => [c, lhr.categories[c]?.score == null ? null : Math.round(lhr.categories[c]!.score! * 100)]));
  const failing = CATEGORIES.flatMap((c) =>
    (lhr.categories[c]?.auditRefs ?? [])
      .filter((ref) => ref.weight > 0)
      .map((ref) => lhr.audits[ref.id]!)
      .filter((a) => a.score !== null && a.score < 0.9 && a.scoreDisplayMode !== 'informative')
      .map((a) => `${c}: ${a.id} (${a.score}) ${a.displayValue ?? ''}`.trim()),
  );
  return { page, url, scores: scores as PageScores['scores'], failing };
}

async function main(): Promise<void> {
  const jsonAt = process.argv.indexOf('--json');
  const reportDir = jsonAt > 0 ? process.argv[jsonAt + 1] ?? null : null;
  if (reportDir) mkdirSync(reportDir, { recursive: true });

  const webDir = buildWeb();
  const app = await startApp(webDir, { DEMO_DATA: 'true' });
  const chrome = await chromeLauncher.launch({ chromePath: CHROMIUM, chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu'] });
  try {
    const events = (await (await fetch(`${app.url}/api/events?limit=1`)).json()) as { items: { id: string }[] };
    const first = events.items[0];
    if (!first) throw new Error('the demo listing is empty');
    // One after the other: two audits at once would slow each other's simulated load.
    for (const [page, url] of [['home', `${app.url}/`], ['event', `${app.url}/events/${first.id}`]] as const) {
      const r = await audit(chrome.port, page, url, reportDir);
      console.log(`${r.page.padEnd(6)} ${CATEGORIES.map((c) => `${c} ${r.scores[c] ?? '-'}`).join('  ')}   (${r.url})`);
      for (const f of r.failing) console.log(`         ${f}`);
    }
  } finally {
    chrome.kill();
    await app.stop();
    rmSync(webDir, { recursive: true, force: true });
  }
}

await main();
