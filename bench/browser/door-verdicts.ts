import type { DoorData } from '../../packages/web/src/api/shapes.js';
import { judgeScan, TicketIndex } from '../../packages/web/src/door/verdict.js';
import { importKeys } from '../../packages/web/src/scanner/qr-verify.js';

/**
 * Bundled by esbuild and evaluated in a Chromium page (bench/scenarios/door-offline.ts): the web
 * scanner's own verdict code, timed per scan as a door makes them, one after another. The QR text
 * is given, so camera decoding is not in the figure.
 */
export interface VerdictRun {
  /** Milliseconds of each verdict, in scan order. */
  ms: number[];
  /** Verdicts by result. */
  results: Record<string, number>;
  /** Building the ticket index and importing the keys, once before the first scan. */
  setupMs: number;
}

async function runDoorVerdicts(data: DoorData, eventId: string, qrs: string[]): Promise<VerdictRun> {
  const setupStarted = performance.now();
  const tickets = new TicketIndex(data.tickets);
  const keys = await importKeys(data.keys);
  const setupMs = performance.now() - setupStarted;
  const scope = { eventId, ticketTypeIds: data.checkinList?.ticketTypeIds ?? [] };
  const ms: number[] = [];
  const results: Record<string, number> = {};
  for (const qr of qrs) {
    const started = performance.now();
    const verdict = await judgeScan({ qr }, scope, tickets, keys);
    ms.push(performance.now() - started);
    results[verdict.result] = (results[verdict.result] ?? 0) + 1;
  }
  return { ms, results, setupMs };
}

(globalThis as unknown as { runDoorVerdicts: typeof runDoorVerdicts }).runDoorVerdicts = runDoorVerdicts;
