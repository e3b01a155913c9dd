import { createEvent } from '../lib/event.js';
import { drive, type Measured } from '../lib/load.js';
import type { Sizes, Stage } from './context.js';

export interface OpenPhaseResult {
  pollers: number;
  pollSeconds: number;
  spots: number;
  attempts: number;
  saleConnections: number;
  /** Anonymous GET /api/events/:id, each of `pollers` connections polling back to back. */
  polls: Measured;
  /** One registration of one ticket per account, over `saleConnections`, while the polls run. */
  sales: Measured;
  confirmed: number;
  soldOut: number;
  confirmedPerSecond: number;
  oversold: number;
  statsSold: number;
  serverPeakRssMiB: number;
}

const ONE_TICKET = JSON.stringify({ quantity: 1 });

/**
 * The on-sale's open phase: many clients polling the event page while the spots sell. Two load
 * generators, each a process of its own, start together: the pollers for a fixed time, the sale
 * until every account has tried once. There is no bare baseline: the figure is the mix, and what
 * it costs the sale (compare the sale's latency with the rush alone).
 */
export async function openPhase(s: Stage, sizes: Sizes): Promise<OpenPhaseResult> {
  const spots = sizes.openSpots;
  const eventId = await createEvent(s.client, s.organizerToken, { name: 'Open phase', capacity: spots, priceCents: 0 });
  const tokens = s.attendeeTokens.slice(0, sizes.rushRequests);
  await s.server.waitUntilIdle();
  const [polls, sales] = await Promise.all([
    drive({ url: s.server.url, connections: sizes.openPollers, seconds: sizes.openSeconds, steps: [{ method: 'GET', path: `/api/events/${eventId}` }] }, s.server.pid),
    drive(
      { url: s.server.url, connections: sizes.openSaleConnections, amount: tokens.length, tokens, tally: 'error.code', steps: [{ method: 'POST', path: `/api/events/${eventId}/registrations`, body: ONE_TICKET, auth: 'next' }] },
      s.server.pid,
    ),
  ]);
  const stats = await s.client.request('GET', `/api/events/${eventId}/stats`, undefined, s.organizerToken);
  const confirmed = sales.completedFlows;
  return {
    pollers: sizes.openPollers,
    pollSeconds: sizes.openSeconds,
    spots,
    attempts: tokens.length,
    saleConnections: sizes.openSaleConnections,
    polls,
    sales,
    confirmed,
    soldOut: sales.tally['409 sold_out'] ?? 0,
    confirmedPerSecond: sales.lastCompletionMs ? Math.round((confirmed / sales.lastCompletionMs) * 1000) : 0,
    oversold: Math.max(0, stats.body.sold - spots) + Math.abs(stats.body.sold - confirmed),
    statsSold: stats.body.sold,
    serverPeakRssMiB: s.server.peakRssMiB(),
  };
}
