import { createEvent } from '../lib/event.js';
import { JsonClient, pool } from '../lib/http.js';
import { startBaseline } from '../lib/processes.js';
import { rate, summarize, type LatencySummary } from '../lib/stats.js';
import type { Sizes, Stage } from './context.js';

export interface RushResult {
  variant: 'free' | 'paid';
  clients: number;
  requests: number;
  spots: number;
  confirmed: number;
  soldOut: number;
  otherStatuses: Record<string, number>;
  confirmedPerSecond: number;
  requestsPerSecond: number;
  latencyMs: LatencySummary;
  oversold: number;
  statsSold: number;
  serverPeakRssMiB: number;
  baselineRequestsPerSecond?: number;
  ratio?: number;
}

/** The on-sale rush: every attendee tries once; exactly `spots` may win. */
export async function rush(s: Stage, sizes: Sizes, variant: 'free' | 'paid'): Promise<RushResult> {
  const spots = sizes.rushSpots;
  const eventId = await createEvent(s.client, s.organizerToken, { name: `Rush ${variant}`, capacity: spots, priceCents: variant === 'free' ? 0 : 2500 });
  const tokens = s.attendeeTokens;
  const started = performance.now();
  let lastWin = started;
  const outcomes = await pool(tokens.length, sizes.rushClients, async (i) => {
    const t0 = performance.now();
    const reg = await s.client.request('POST', `/api/events/${eventId}/registrations`, { quantity: 1 }, tokens[i]);
    let status = reg.status;
    if (variant === 'paid' && reg.status === 201) {
      const intent = await s.client.request('POST', `/api/registrations/${reg.body.id}/payment-intents`, undefined, tokens[i]);
      const paid = await s.client.request('POST', `/api/payment-intents/${intent.body.id}/confirm`, { card: { number: '4242424242424242', expMonth: 12, expYear: 2099, cvc: '123' } }, tokens[i]);
      status = paid.status === 200 ? 201 : paid.status;
    }
    if (status === 201) lastWin = performance.now();
    return { status, code: reg.body?.error?.code as string | undefined, ms: performance.now() - t0 };
  });
  const elapsed = performance.now() - started;
  const confirmed = outcomes.filter((o) => o.status === 201).length;
  const soldOut = outcomes.filter((o) => o.code === 'sold_out').length;
  const otherStatuses: Record<string, number> = {};
  for (const o of outcomes) if (o.status !== 201 && o.code !== 'sold_out') otherStatuses[o.status] = (otherStatuses[o.status] ?? 0) + 1;
  const stats = await s.client.request('GET', `/api/events/${eventId}/stats`, undefined, s.organizerToken);
  return {
    variant,
    clients: sizes.rushClients,
    requests: outcomes.length,
    spots,
    confirmed,
    soldOut,
    otherStatuses,
    confirmedPerSecond: rate(confirmed, lastWin - started),
    requestsPerSecond: rate(outcomes.length, elapsed),
    latencyMs: summarize(outcomes.map((o) => o.ms)),
    oversold: Math.max(0, stats.body.sold - spots) + Math.abs(stats.body.sold - confirmed),
    statsSold: stats.body.sold,
    serverPeakRssMiB: s.server.peakRssMiB(),
  };
}

/** The bare node:http baseline for a POST with the same request and answer sizes, same concurrency. */
export async function postBaseline(count: number, concurrency: number, requestBody: unknown, answerBytes: number): Promise<number> {
  const base = await startBaseline(JSON.stringify({ pad: 'x'.repeat(Math.max(0, answerBytes - 10)) }), '{}');
  const client = new JsonClient(base.url, concurrency);
  const started = performance.now();
  const results = await pool(count, concurrency, () => client.request('POST', '/register', requestBody));
  const perSecond = rate(results.length, performance.now() - started);
  client.close();
  await base.stop();
  return perSecond;
}
