import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describePaymentLedgerContract } from '@ticketbooth/store-contract';
import { createFileLedger } from '../src/index.js';

describePaymentLedgerContract('file', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ledger-'));
  const path = join(dir, 'ledger.jsonl');
  return {
    open: async () => createFileLedger(path),
    cleanup: async () => rmSync(dir, { recursive: true, force: true }),
  };
});
