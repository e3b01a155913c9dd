import type { ChargeResult } from './payments.js';

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
  /** Set for a partial refund; absent: the whole charge (or what is left of it). */
  amountCents?: number;
  at: string;
}

/**
 * Where the mock gateway keeps what it did, as Stripe keeps it on its side: one record per
 * idempotency key, written durably before the gateway answers, shared by every process that
 * talks to the same gateway. Local home: a file (adapters-local). AWS: the DynamoDB table (adapters-aws).
 */
export interface PaymentLedger {
  /** Records the charge unless one with the same key is on record; returns the one on record. */
  recordCharge(charge: ChargeRecord): Promise<ChargeResult>;
  findCharge(key: string): Promise<ChargeResult | null>;
  /** Records the refund; false when one with the same key was already on record. */
  recordRefund(refund: RefundRecord): Promise<boolean>;
}
