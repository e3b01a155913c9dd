import { appendFileSync, closeSync, existsSync, fsyncSync, openSync, readFileSync } from 'node:fs';
import type { ChargeRecord, ChargeResult, PaymentLedger, RefundRecord } from '@ticketbooth/core';

type LedgerLine = ({ type: 'charge' } & ChargeRecord) | ({ type: 'refund' } & RefundRecord);

/**
 * A JSON-lines ledger file, fsynced per record. One process owns it (the local home is one
 * process), so the in-memory index and the append are one synchronous step and cannot race.
 */
export function createFileLedger(path: string): PaymentLedger {
  const charges = new Map<string, ChargeResult>();
  const refunds = new Set<string>();
  if (existsSync(path)) {
    for (const line of readFileSync(path, 'utf8').split('\n')) {
      if (!line.trim()) continue;
      const entry = JSON.parse(line) as LedgerLine;
      if (entry.type === 'charge') charges.set(entry.key, entry.result);
      else refunds.add(entry.key);
    }
  }
  const append = (line: LedgerLine): void => {
    const fd = openSync(path, 'a');
    try {
      appendFileSync(fd, `${JSON.stringify(line)}\n`);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  };
  return {
    async recordCharge(charge) {
      const earlier = charges.get(charge.key);
      if (earlier) return earlier;
      append({ type: 'charge', ...charge });
      charges.set(charge.key, charge.result);
      return charge.result;
    },
    async findCharge(key) {
      return charges.get(key) ?? null;
    },
    async recordRefund(refund) {
      if (refunds.has(refund.key)) return false;
      append({ type: 'refund', ...refund });
      refunds.add(refund.key);
      return true;
    },
  };
}
