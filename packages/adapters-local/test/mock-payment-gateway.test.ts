import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { randomIds, systemClock } from '@ticketbooth/core';
import { createFileLedger, createMockPaymentGateway } from '../src/index.js';

const card = (number: string) => ({ number, expMonth: 12, expYear: 2099, cvc: '123' });

describe('mock payment gateway', () => {
  const ledgerPath = join(mkdtempSync(join(tmpdir(), 'gateway-')), 'ledger.jsonl');
  const gateway = createMockPaymentGateway({ ledger: createFileLedger(ledgerPath), ids: randomIds, clock: systemClock });
  const charge = (key: string, number: string) => gateway.charge({ idempotencyKey: key, amountCents: 1000, currency: 'USD', card: card(number), description: 'test' });

  it("answers like Stripe's test cards", async () => {
    expect(await charge('k1', '4242 4242 4242 4242')).toMatchObject({ status: 'succeeded' });
    expect(await charge('k2', '4000000000000002')).toMatchObject({ status: 'failed', error: { code: 'card_declined' } });
    expect(await charge('k3', '4000000000009995')).toMatchObject({ status: 'failed', error: { code: 'insufficient_funds' } });
    expect(await gateway.charge({ idempotencyKey: 'k4', amountCents: 1, currency: 'USD', card: { ...card('4242424242424242'), expYear: 2001 }, description: '' })).toMatchObject({ status: 'failed', error: { code: 'expired_card' } });
  });

  it('the same idempotency key never charges twice and returns the first result', async () => {
    const first = await charge('same', '4242424242424242');
    const second = await charge('same', '4000000000000002');
    expect(second).toEqual(first);
    const lines = readFileSync(ledgerPath, 'utf8').trim().split('\n').filter((l) => l.includes('"same"'));
    expect(lines).toHaveLength(1);
  });

  it('remembers charges across a restart and never writes the card number', async () => {
    const first = await charge('persisted', '4242424242424242');
    const reopened = createMockPaymentGateway({ ledger: createFileLedger(ledgerPath), ids: randomIds, clock: systemClock });
    expect(await reopened.findCharge('persisted')).toEqual(first);
    expect(await reopened.findCharge('never-sent')).toBeNull();
    await reopened.refund({ idempotencyKey: 'r1', chargeIdempotencyKey: 'persisted' });
    await reopened.refund({ idempotencyKey: 'r1', chargeIdempotencyKey: 'persisted' });
    const ledger = readFileSync(ledgerPath, 'utf8');
    expect(ledger.match(/"refund"/g)).toHaveLength(1);
    expect(ledger).not.toContain('4242424242424242');
    await expect(reopened.refund({ idempotencyKey: 'r2', chargeIdempotencyKey: 'k2' })).rejects.toThrow();
  });
});
