import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { StoreHarness } from '@ticketbooth/store-contract';
import { openSqlite } from '../../src/index.js';

/** A real SQLite file in a fresh folder, opened once more for each `openAnother` (another connection). */
export async function openTwoConnectionHarness(folderPrefix: string): Promise<StoreHarness> {
  const dir = mkdtempSync(join(tmpdir(), folderPrefix));
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
    withTicketCodes: async (newTicketCode) => {
      const other = openSqlite(path, { newTicketCode });
      others.push(other);
      return other.store;
    },
    cleanup: async () => {
      for (const o of others) o.close();
      main.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
