import { createEvent } from '../lib/event.js';
import { pool } from '../lib/http.js';
import { rate, summarize, type LatencySummary } from '../lib/stats.js';
import type { Sizes, Stage } from './context.js';
import { postBaseline } from './rush.js';

export interface DoorResult {
  tickets: number;
  scans: number;
  scanners: number;
  scansPerSecond: number;
  latencyMs: LatencySummary;
  admitted: number;
  alreadyUsed: number;
  doubleAdmissions: number;
  otherResults: number;
  baselineRequestsPerSecond: number;
  ratio: number;
}

/** The queue at the door: every ticket scanned, 10% of them twice, by parallel scanners. */
export async function door(s: Stage, sizes: Sizes): Promise<DoorResult> {
  const eventId = await createEvent(s.client, s.organizerToken, { name: 'Door', capacity: sizes.doorTickets, priceCents: 0 });
  const registrations = await pool(sizes.doorTickets / 10, 20, (i) =>
    s.client.request('POST', `/api/events/${eventId}/registrations`, { quantity: 10 }, s.attendeeTokens[i % s.attendeeTokens.length]),
  );
  const qrs: string[] = registrations.flatMap((r) => (r.status === 201 ? r.body.tickets.map((t: { qr: string }) => t.qr) : []));
  if (qrs.length !== sizes.doorTickets) throw new Error(`issued ${qrs.length} tickets, wanted ${sizes.doorTickets}`);
  // Tickets are issued days before the door opens: let the server mail them (render the PDFs) first.
  await s.server.waitUntilIdle();
  const scans = [...qrs, ...qrs.filter((_, i) => i % 10 === 0)];
  for (let i = scans.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [scans[i], scans[j]] = [scans[j]!, scans[i]!];
  }
  const started = performance.now();
  const outcomes = await pool(scans.length, sizes.doorScanners, async (i) => {
    const res = await s.client.request('POST', `/api/events/${eventId}/checkins`, { qr: scans[i] }, s.organizerToken);
    return { result: res.body?.result as string, ms: res.ms };
  });
  const elapsed = performance.now() - started;
  const admitted = outcomes.filter((o) => o.result === 'admitted').length;
  const alreadyUsed = outcomes.filter((o) => o.result === 'already_used').length;
  const answerBytes = JSON.stringify({ result: 'admitted', ticket: { id: 'tkt_xxxxxxxxxxxxxxxxxxxxxx', attendeeName: 'attendee 1', ticketTypeName: 'General admission', checkedInAt: new Date().toISOString() } }).length;
  const baselineRequestsPerSecond = await postBaseline(scans.length, sizes.doorScanners, { qr: scans[0] }, answerBytes);
  const scansPerSecond = rate(outcomes.length, elapsed);
  return {
    tickets: qrs.length,
    scans: outcomes.length,
    scanners: sizes.doorScanners,
    scansPerSecond,
    latencyMs: summarize(outcomes.map((o) => o.ms)),
    admitted,
    alreadyUsed,
    doubleAdmissions: Math.max(0, admitted - new Set(qrs).size),
    otherResults: outcomes.length - admitted - alreadyUsed,
    baselineRequestsPerSecond,
    ratio: Math.round((scansPerSecond / baselineRequestsPerSecond) * 100) / 100,
  };
}
