import { createEvent } from '../lib/event.js';
import { JsonClient, pool } from '../lib/http.js';
import { startBaseline } from '../lib/processes.js';
import { rate, summarize, type LatencySummary } from '../lib/stats.js';
import type { Stage } from './context.js';

export interface BrowseResult {
  requests: number;
  connections: number;
  bytes: number;
  requestsPerSecond: number;
  latencyMs: LatencySummary;
  baselineRequestsPerSecond: number;
  baselineLatencyMs: LatencySummary;
  ratio: number;
}

/** The public listing (20 a page) against a bare server sending the same bytes. */
export async function browse(s: Stage, requests: number, connections = 50): Promise<BrowseResult> {
  for (let i = 0; i < 30; i++) await createEvent(s.client, s.organizerToken, { name: `Browse ${i}`, capacity: 100, priceCents: 1000 + i, daysAhead: 10 + i });
  await s.server.waitUntilIdle();
  const sample = await s.client.request('GET', '/api/events?limit=20');
  const body = JSON.stringify(sample.body);

  const started = performance.now();
  const ours = await pool(requests, connections, () => s.client.request('GET', '/api/events?limit=20'));
  const requestsPerSecond = rate(ours.length, performance.now() - started);

  const base = await startBaseline('{}', body);
  const baseClient = new JsonClient(base.url, connections);
  const baseStarted = performance.now();
  const bare = await pool(requests, connections, () => baseClient.request('GET', '/api/events?limit=20'));
  const baselineRequestsPerSecond = rate(bare.length, performance.now() - baseStarted);
  baseClient.close();
  await base.stop();
  return {
    requests: ours.length,
    connections,
    bytes: Buffer.byteLength(body),
    requestsPerSecond,
    latencyMs: summarize(ours.map((r) => r.ms)),
    baselineRequestsPerSecond,
    baselineLatencyMs: summarize(bare.map((r) => r.ms)),
    ratio: Math.round((requestsPerSecond / baselineRequestsPerSecond) * 100) / 100,
  };
}
