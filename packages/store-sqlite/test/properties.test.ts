import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeStoreProperties } from '@ticketbooth/store-contract';
import { openSqlite } from '../src/index.js';

describeStoreProperties(
  'SQLite (a real file, two connections)',
  async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ticketbooth-properties-'));
    const path = join(dir, 'store.db');
    const main = openSqlite(path);
    const others: ReturnType<typeof openSqlite>[] = [];
    return {
      store: main.store,
      openAnother: async () => {
        const other = openSqlite(path);
        others.push(other);
        return other.store;
      },
      cleanup: async () => {
        for (const o of others) o.close();
        main.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  },
  { figuresName: 'store-properties-sqlite', numRuns: 200, maxSteps: 20, timeoutMs: 60_000 },
);
