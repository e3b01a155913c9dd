import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import type { ChargeRecord, ChargeResult, PaymentLedger } from '@ticketbooth/core';

export interface PaymentLedgerHarness {
  /** A ledger on the shared storage: a second call is another process (or Lambda instance) on it. */
  open(): Promise<PaymentLedger>;
  cleanup(): Promise<void>;
}

const succeeded = (chargeId: string): ChargeResult => ({ status: 'succeeded', chargeId });
const declined: ChargeResult = { status: 'failed', error: { code: 'card_declined', message: 'Your card was declined.' } };
const charge = (key: string, result: ChargeResult): ChargeRecord => ({ key, result, amountCents: 4900, currency: 'USD', last4: '4242', at: '2031-01-01T00:00:00.000Z' });

/** What the mock gateway relies on from where it records charges and refunds, for every ledger. */
export function describePaymentLedgerContract(name: string, harness: () => Promise<PaymentLedgerHarness>): void {
  describe(`PaymentLedger contract: ${name}`, () => {
    let h: PaymentLedgerHarness;
    let ledger: PaymentLedger;
    const key = () => `pi_${randomUUID()}`;
    beforeAll(async () => {
      h = await harness();
      ledger = await h.open();
    });
    afterAll(() => h?.cleanup());

    it('knows nothing of a key never charged', async () => {
      expect(await ledger.findCharge(key())).toBeNull();
    });

    it('keeps the first charge of a key: a second one with another outcome returns the first', async () => {
      const k = key();
      expect(await ledger.recordCharge(charge(k, succeeded('ch_first')))).toEqual(succeeded('ch_first'));
      expect(await ledger.recordCharge(charge(k, declined))).toEqual(succeeded('ch_first'));
      expect(await ledger.findCharge(k)).toEqual(succeeded('ch_first'));
      const failed = key();
      expect(await ledger.recordCharge(charge(failed, declined))).toEqual(declined);
      expect(await ledger.findCharge(failed)).toEqual(declined);
    });

    it('of 20 concurrent charges with one key, one is on record and all 20 answers name it', async () => {
      const k = key();
      const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => ledger.recordCharge(charge(k, succeeded(`ch_${i}`)))));
      const onRecord = await ledger.findCharge(k);
      expect(onRecord).not.toBeNull();
      for (const answer of answers) expect(answer).toEqual(onRecord);
    });

    it('records a refund once, even when it is sent concurrently', async () => {
      const k = key();
      expect(await ledger.recordRefund({ key: k, chargeKey: 'pi_x', at: '2031-01-01T00:00:00.000Z' })).toBe(true);
      expect(await ledger.recordRefund({ key: k, chargeKey: 'pi_x', at: '2031-01-01T00:00:01.000Z' })).toBe(false);
      const concurrent = key();
      const firsts = await Promise.all(Array.from({ length: 10 }, () => ledger.recordRefund({ key: concurrent, chargeKey: 'pi_y', at: '2031-01-01T00:00:00.000Z' })));
      expect(firsts.filter(Boolean)).toHaveLength(1);
    });

    it('another process on the same storage sees every charge and refund recorded before it opened', async () => {
      const k = key();
      const refund = key();
      await ledger.recordCharge(charge(k, succeeded('ch_shared')));
      await ledger.recordRefund({ key: refund, chargeKey: k, at: '2031-01-01T00:00:00.000Z' });
      const other = await h.open();
      expect(await other.findCharge(k)).toEqual(succeeded('ch_shared'));
      expect(await other.recordCharge(charge(k, declined))).toEqual(succeeded('ch_shared'));
      expect(await other.recordRefund({ key: refund, chargeKey: k, at: '2031-01-01T00:00:01.000Z' })).toBe(false);
    });
  });
}
