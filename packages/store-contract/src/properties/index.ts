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
 * Every run's seed is printed on its `[reliability]` line, a failure's path by fast-check: replay
 * with PROPERTIES_SEED=… (and PROPERTIES_PATH=…).
 */

export interface StorePropertiesOptions {
  /** Property runs in `npm test`; STRESS=1 multiplies them by `stressFactor`. */
  numRuns?: number;
  stressFactor?: number;
  /** Most steps (single operations or concurrent batches) in one run. */
  maxSteps?: number;
  /** Short name for the `[reliability]` line and test-results/reliability.jsonl. */
  figuresName?: string;
  /** Time one run may take (ms): the property's limit is that for each of its runs, stress runs included. */
  msPerRun?: number;
}

const stress = process.env.STRESS === '1';
/** Opening the stores and the first checks, before the runs. */
const SETUP_MS = 30_000;
/** Kept from the limit for fast-check to stop and report (and the figures to be written) before the test is cut off. */
const REPORT_MS = 15_000;

/** Shared contract of the concurrency properties, for any Store adapter. */
export function describeStoreProperties(name: string, open: () => Promise<StoreHarness>, options: StorePropertiesOptions = {}): void {
  const numRuns = (options.numRuns ?? 10) * (stress ? (options.stressFactor ?? 10) : 1);
  const maxSteps = options.maxSteps ?? 20;
  const timeoutMs = SETUP_MS + numRuns * (options.msPerRun ?? 10_000);
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

        // Drawn here rather than by fast-check so that a run that passes can be replayed too.
        const seed = process.env.PROPERTIES_SEED ? Number(process.env.PROPERTIES_SEED) : Math.floor(Math.random() * 2 ** 31);
        figures.seed = seed;
        const path = process.env.PROPERTIES_PATH;
        try {
          await fc.assert(property, {
            numRuns,
            seed,
            ...(path ? { path } : {}),
            // shrinking re-runs whole scenarios against a real store, so time is bounded: a failure
            // reports the smallest case reached; running out of time before any failure also fails
            interruptAfterTimeLimit: timeoutMs - REPORT_MS,
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
