import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const RESULTS_DIR = fileURLToPath(new URL('../../../../test-results/', import.meta.url));

/** What a property run did, for the `[reliability]` line and test-results/reliability.jsonl. */
export interface Figures {
  runs: number;
  steps: number;
  batches: number;
  batchOps: number;
  checks: number;
  assertions: number;
  registered: number;
  soldOut: number;
  notOnSale: number;
  accountLimit: number;
  paid: number;
  declined: number;
  holdExpired: number;
  inProgress: number;
  expiredHolds: number;
  cancelledRegs: number;
  eventsCancelled: number;
  admissions: number;
  alreadyUsed: number;
  wrongEvent: number;
  cancelledScans: number;
  charges: number;
  refunds: number;
  raceRefunds: number;
  jobs: number;
  jobFailures: number;
  mails: number;
  skipped: number;
  durationMs: number;
  failed: number;
  /** fast-check's seed, to replay the run (PROPERTIES_SEED). */
  seed: number;
}

export const noFigures = (): Figures => ({
  runs: 0, steps: 0, batches: 0, batchOps: 0, checks: 0, assertions: 0, registered: 0, soldOut: 0, notOnSale: 0, accountLimit: 0,
  paid: 0, declined: 0, holdExpired: 0, inProgress: 0, expiredHolds: 0, cancelledRegs: 0, eventsCancelled: 0,
  admissions: 0, alreadyUsed: 0, wrongEvent: 0, cancelledScans: 0, charges: 0, refunds: 0, raceRefunds: 0, jobs: 0,
  jobFailures: 0, mails: 0, skipped: 0, durationMs: 0, failed: 0, seed: 0,
});

export function reportFigures(test: string, stress: boolean, figures: Figures): void {
  const shown = [
    `runs=${figures.runs}`, `steps=${figures.steps}`, `batches=${figures.batches}`, `batchOps=${figures.batchOps}`,
    `checks=${figures.checks}`, `assertions=${figures.assertions}`, `registered=${figures.registered}`, `soldOut=${figures.soldOut}`, `accountLimit=${figures.accountLimit}`,
    `paid=${figures.paid}`, `declined=${figures.declined}`, `holdExpired=${figures.holdExpired}`, `expiredHolds=${figures.expiredHolds}`,
    `eventsCancelled=${figures.eventsCancelled}`, `admissions=${figures.admissions}`, `alreadyUsed=${figures.alreadyUsed}`,
    `wrongEvent=${figures.wrongEvent}`, `charges=${figures.charges}`, `refunds=${figures.refunds}`, `raceRefunds=${figures.raceRefunds}`, `jobs=${figures.jobs}`, `failed=${figures.failed}`, `ms=${figures.durationMs}`, `seed=${figures.seed}`,
  ].join(' ');
  console.log(`[reliability] ${test}${stress ? ' (stress)' : ''}: ${shown}`);
  mkdirSync(RESULTS_DIR, { recursive: true });
  appendFileSync(join(RESULTS_DIR, 'reliability.jsonl'), `${JSON.stringify({ test, stress, at: new Date().toISOString(), figures })}\n`);
}
