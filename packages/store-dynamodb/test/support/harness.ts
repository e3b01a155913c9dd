import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { randomIds, type Store } from '@ticketbooth/core';
import type { StoreHarness } from '@ticketbooth/store-contract';
import { createDynamoStore, createTables, type DynamoStoreOptions } from '../../src/index.js';
import { wrapMethods } from '../../src/wrap-methods.js';
import { startDynamoDbLocal } from './dynamodb-local.js';
import { injectFaults, noFaultCounts, type FaultCounts, type FaultOptions } from './faults.js';

const RESULTS_DIR = fileURLToPath(new URL('../../../../test-results/', import.meta.url));

export interface DynamoHarnessOptions {
  /** Names the table and the `[faults]` figures line. */
  name: string;
  /** Injected into every client of the harness (each client its own seed, drawn from this one). */
  faults?: FaultOptions;
  /** More options for every store of the harness (as the counter shards of an event). */
  store?: Partial<Omit<DynamoStoreOptions, 'client' | 'tableName'>>;
}

/** Every call of the store's methods, timed (ms), to put a p99 on what faults cost. */
function timed(store: Store, samples: number[]): Store {
  return wrapMethods(store, (method) => async (...args) => {
    const started = performance.now();
    try {
      return await method(...args);
    } finally {
      samples.push(performance.now() - started);
    }
  });
}

function percentile(sorted: number[], p: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! : 0;
}

function reportFaultFigures(options: DynamoHarnessOptions, counts: FaultCounts, samples: number[]): void {
  const sorted = [...samples].sort((a, b) => a - b);
  const figures = {
    rate: options.faults?.rate ?? 0,
    seed: options.faults?.seed ?? null,
    storeCalls: samples.length,
    sends: counts.sends,
    attempts: counts.attempts,
    sdkRetries: counts.attempts - counts.sends,
    injected: counts.injected,
    p50Ms: Math.round(percentile(sorted, 50) * 10) / 10,
    p99Ms: Math.round(percentile(sorted, 99) * 10) / 10,
  };
  const injected = Object.entries(figures.injected).map(([kind, n]) => `${kind}=${n}`).join(' ');
  console.log(
    `[faults] ${options.name}: rate=${figures.rate} seed=${figures.seed} storeCalls=${figures.storeCalls} sends=${figures.sends} attempts=${figures.attempts} ` +
      `sdkRetries=${figures.sdkRetries} ${injected} p50=${figures.p50Ms}ms p99=${figures.p99Ms}ms`,
  );
  mkdirSync(RESULTS_DIR, { recursive: true });
  appendFileSync(join(RESULTS_DIR, 'faults.jsonl'), `${JSON.stringify({ test: options.name, at: new Date().toISOString(), figures })}\n`);
}

/**
 * The store contract's and properties' harness on DynamoDB Local: a fresh table, stores on clients
 * of their own (each with the faults asked for), every store call timed; on cleanup the figures
 * (calls, requests, SDK retries, faults drawn, p50/p99 of a store call) are printed and kept in
 * test-results/faults.jsonl.
 */
export async function openDynamoHarness(options: DynamoHarnessOptions): Promise<StoreHarness> {
  const local = await startDynamoDbLocal();
  // A fresh table per run: the in-memory instance is private to this run anyway, the name keeps
  // the test honest should it ever point at a shared endpoint.
  const tableName = `ticketbooth-${options.name}-${randomIds.newId('run')}`;
  await createTables(local.client, tableName);
  const counts = noFaultCounts();
  const samples: number[] = [];
  let clients = 0;
  const open = (client: DynamoDBClient, newTicketCode?: () => string): Store => {
    // Without faults the counters still count, for the figures beside the faulty run's.
    injectFaults(client, { rate: options.faults?.rate ?? 0, seed: (options.faults?.seed ?? 0) + clients++ }, counts);
    return timed(createDynamoStore({ ...options.store, client, tableName, newTicketCode }), samples);
  };
  return {
    store: open(local.client),
    openAnother: async () => open(local.newClient()),
    withTicketCodes: async (newTicketCode) => open(local.newClient(), newTicketCode),
    cleanup: async () => {
      reportFaultFigures(options, counts, samples);
      await local.stop();
    },
  };
}
