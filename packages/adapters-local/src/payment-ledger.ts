import { appendFileSync, closeSync, existsSync, fsyncSync, openSync, readFileSync } from 'node:fs';
import type { ChargeResult } from '@ticketbooth/core';

export interface ChargeRecord {
  key: string;
  result: ChargeResult;
  amountCents: number;
  currency: string;
  /** Only the last four digits: the card number is never stored. */
  last4: string;
  at: string;
}

export interface RefundRecord {
  key: string;
  chargeKey: string;
  at: string;
}

/**
 * Where the mock gateway keeps what it did, as Stripe keeps it on its side: one record per
 * idempotency key, written durably before the gateway answers, shared by every process that
 * talks to the same gateway.
 */
export interface PaymentLedger {
  /** Records the charge unless one with the same key is on record; returns the one on record. */
  recordCharge(charge: ChargeRecord): Promise<ChargeResult>;
  findCharge(key: string): Promise<ChargeResult | null>;
  /** Records the refund; false when one with the same key was already on record. */
  recordRefund(refund: RefundRecord): Promise<boolean>;
}

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
