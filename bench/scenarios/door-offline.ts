import http from 'node:http';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { launchChromium } from '../../e2e/support/browser.js';
import type { VerdictRun } from '../browser/door-verdicts.js';
import { createEvent } from '../lib/event.js';
import { ROOT } from '../lib/processes.js';
import { summarize, type LatencySummary } from '../lib/stats.js';
import type { Sizes, Stage } from './context.js';
import { issue } from './door.js';

export interface DoorOfflineResult {
  tickets: number;
  doorData: { bytes: number; gzipBytes: number; fetches: number; loadMs: LatencySummary };
  verdicts: { scans: number; ms: LatencySummary; setupMs: number; results: Record<string, number> };
  sync: { scans: number; ms: number; results: Record<string, number> };
}

/** Door-data fetches timed (the p50 is the figure); verdicts timed in the browser; scans in the sync batch (its maximum). */
const DOOR_DATA_FETCHES = 5;
const VERDICT_SCANS = 1000;
const SYNC_SCANS = 500;

/** GET as a phone's browser does, gzip accepted: the gzip size (as sent, or as gzip would make it), the JSON text and the time to the last byte. */
function getGzipped(url: string, secret: string): Promise<{ gzipBytes: number; text: string; ms: number }> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = http.get(url, { headers: { authorization: `Bearer ${secret}`, 'accept-encoding': 'gzip' } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const ms = performance.now() - started;
        if (res.statusCode !== 200) return reject(new Error(`door-data answered ${res.statusCode}`));
        const wire = Buffer.concat(chunks);
        const gzipped = res.headers['content-encoding'] === 'gzip';
        resolve({ gzipBytes: gzipped ? wire.length : gzipSync(wire).length, text: (gzipped ? gunzipSync(wire) : wire).toString(), ms });
      });
    });
    req.on('error', reject);
    req.setTimeout(60_000, () => req.destroy(new Error('door-data timed out')));
  });
}

/** The web scanner's verdict code (bench/browser/door-verdicts.ts) as one script for a page. */
export async function verdictScript(): Promise<string> {
  const out = await build({ entryPoints: [join(ROOT, 'bench/browser/door-verdicts.ts')], bundle: true, format: 'iife', target: 'es2022', write: false, logLevel: 'error' });
  return out.outputFiles[0]!.text;
}

/** Times the web scanner's verdicts in headless Chromium against the whole event held locally. */
async function browserVerdicts(pageUrl: string, doorData: unknown, eventId: string, qrs: string[]): Promise<VerdictRun> {
  const script = await verdictScript();
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    // A page of our own origin: loopback is a secure context, so WebCrypto is there as on the phone.
    await page.goto(pageUrl);
    // Evaluated over the DevTools protocol, as axe in e2e: the server's CSP forbids inline scripts.
    await page.evaluate(script);
    return await page.evaluate(
      ([data, id, list]) => (globalThis as unknown as { runDoorVerdicts(d: unknown, e: string, q: string[]): Promise<VerdictRun> }).runDoorVerdicts(data, id, list),
      [doorData, eventId, qrs] as const,
    );
  } finally {
    await browser.close();
  }
}

/**
 * The offline door: how big and how quick the whole event's door-data is for a scanner link, how
 * long the browser's own verdict takes per scan with every ticket held locally, and one full sync
 * batch of queued scans.
 */
export async function doorOffline(s: Stage, sizes: Sizes): Promise<DoorOfflineResult> {
  const eventId = await createEvent(s.client, s.organizerToken, { name: 'Door offline', capacity: sizes.doorTickets, priceCents: 0 });
  const qrs = await issue(s, eventId, sizes.doorTickets, s.attendeeTokens);
  if (qrs.length !== sizes.doorTickets) throw new Error(`issued ${qrs.length} tickets, wanted ${sizes.doorTickets}`);
  await s.server.waitUntilIdle();
  const link = await s.client.request('POST', `/api/events/${eventId}/scanner-links`, { name: 'Bench door' }, s.organizerToken);
  if (link.status !== 201) throw new Error(`scanner link: ${link.status} ${link.raw.toString()}`);
  const secret = new URL(link.body.url as string).hash.slice(1);

  const fetches = [];
  for (let i = 0; i < DOOR_DATA_FETCHES; i++) fetches.push(await getGzipped(`${s.server.url}/api/events/${eventId}/door-data`, secret));
  const text = fetches[0]!.text;
  const doorData = JSON.parse(text) as { tickets: unknown[] };
  if (doorData.tickets.length !== qrs.length) throw new Error(`door-data holds ${doorData.tickets.length} tickets, wanted ${qrs.length}`);

  const scanned = qrs.slice(0, Math.min(VERDICT_SCANS, qrs.length));
  const run = await browserVerdicts(`${s.server.url}/api/health`, doorData, eventId, scanned);

  const scannedAt = new Date().toISOString();
  const scans = qrs.slice(0, Math.min(SYNC_SCANS, qrs.length)).map((qr, i) => ({ qr, nonce: `bench-${i}`, scannedAt, resultShown: 'admitted' }));
  const sync = await s.client.request('POST', `/api/events/${eventId}/checkins/sync`, { deviceId: 'bench-phone', scans }, secret);
  if (sync.status !== 200) throw new Error(`sync: ${sync.status} ${sync.raw.toString().slice(0, 300)}`);
  const syncResults: Record<string, number> = {};
  for (const r of sync.body.results as { result: string }[]) syncResults[r.result] = (syncResults[r.result] ?? 0) + 1;

  return {
    tickets: qrs.length,
    doorData: { bytes: Buffer.byteLength(text), gzipBytes: fetches[0]!.gzipBytes, fetches: fetches.length, loadMs: summarize(fetches.map((f) => f.ms)) },
    verdicts: { scans: scanned.length, ms: summarize(run.ms), setupMs: Math.round(run.setupMs * 100) / 100, results: run.results },
    sync: { scans: scans.length, ms: Math.round(sync.ms), results: syncResults },
  };
}
