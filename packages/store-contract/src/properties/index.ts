import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, it } from 'vitest';
import fc from 'fast-check';
import type { Store } from '@ticketbooth/core';
import type { StoreHarness } from '../contract.js';
import { assertionCount } from './checking.js';
import { noFigures, reportFigures } from './figures.js';
import { scenarioArb } from './generators.js';
import { runScenario } from './run.js';
import { createWorld } from './world.js';

/**
 * DESIGN.md's invariants as properties, under random sequences and random concurrent batches of
 * the real use cases (core's services) over the Store under test, split across two connections
 * (clients). fast-check generates the operations (generators.ts); inside a concurrent batch
 * `fc.scheduler` decides the order in which the store and gateway calls of the batch's operations
 * are let through (interleaving.ts), so a failing interleaving shrinks and replays (exactly on
 * SQLite, closely on DynamoDB).
 *
 * After every step the store is read back (snapshot.ts) and every invariant checked (invariants/),
 * beside the reference model's prediction of a single step's answer (model.ts); after the outbox is
 * drained the eventual ones too (cancelled events emptied, refunds made, tickets rendered).
 *
 * Replay a failure with the seed and path fast-check prints: PROPERTIES_SEED=… PROPERTIES_PATH=….
 */

export interface StorePropertiesOptions {
  /** Property runs in `npm test`; STRESS=1 multiplies them by `stressFactor`. */
  numRuns?: number;
  stressFactor?: number;
  /** Most steps (single operations or concurrent batches) in one run. */
  maxSteps?: number;
  /** Short name for the `[reliability]` line and test-results/reliability.jsonl. */
  figuresName?: string;
  /** Time limit of the whole property (ms); stress runs get ten times more. */
  timeoutMs?: number;
}

const stress = process.env.STRESS === '1';

/** Shared contract of the concurrency properties, for any Store adapter. */
export function describeStoreProperties(name: string, open: () => Promise<StoreHarness>, options: StorePropertiesOptions = {}): void {
  const numRuns = (options.numRuns ?? 10) * (stress ? (options.stressFactor ?? 10) : 1);
  const maxSteps = options.maxSteps ?? 20;
  const timeoutMs = (options.timeoutMs ?? 120_000) * (stress ? 10 : 1);
  const figuresName = options.figuresName ?? name;

  describe(`Store properties: ${name}`, () => {
    let h: StoreHarness;
    let stores: [Store, Store];
    let ledgerDir: string;
    beforeAll(async () => {
      h = await open();
      stores = [h.store, h.openAnother ? await h.openAnother() : h.store];
      ledgerDir = mkdtempSync(join(tmpdir(), 'ticketbooth-properties-'));
    });
    afterAll(async () => {
      await h?.cleanup();
      if (ledgerDir) rmSync(ledgerDir, { recursive: true, force: true });
    });

    it(
      'never oversold, paid means ticketed, a ticket admits once, cancellations release spots and refund once, amounts are exact',
      async () => {
        const figures = noFigures();
        const started = Date.now();
        const assertionsAtStart = assertionCount();
        const world = createWorld(stores, ledgerDir, figures);
        const property = fc.asyncProperty(scenarioArb(maxSteps), fc.scheduler(), (scenario, s) => runScenario(scenario, s, stores, world, figures));

        const seed = process.env.PROPERTIES_SEED ? Number(process.env.PROPERTIES_SEED) : undefined;
        const path = process.env.PROPERTIES_PATH;
        try {
          await fc.assert(property, {
            numRuns,
            ...(seed !== undefined ? { seed } : {}),
            ...(path ? { path } : {}),
            // shrinking re-runs whole scenarios against a real store, so time is bounded: a failure
            // reports the smallest case reached; running out of time before any failure also fails
            interruptAfterTimeLimit: timeoutMs - 15_000,
            markInterruptAsFailure: true,
          });
        } catch (error) {
          figures.failed = 1;
          throw error;
        } finally {
          world.ledger.read();
          figures.refunds = world.ledger.refundTotal;
          figures.assertions = assertionCount() - assertionsAtStart;
          figures.durationMs = Date.now() - started;
          reportFigures(figuresName, stress, figures);
        }
      },
      timeoutMs,
    );
  });
}
