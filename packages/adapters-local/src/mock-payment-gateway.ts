import { appendFileSync, closeSync, existsSync, fsyncSync, openSync, readFileSync } from 'node:fs';
import type { Card, ChargeResult, Clock, IdGenerator, PaymentGateway } from '@ticketbooth/core';

type LedgerEntry =
  | { type: 'charge'; key: string; result: ChargeResult; amountCents: number; currency: string; last4: string; at: string }
  | { type: 'refund'; key: string; chargeKey: string; at: string };

/** Stripe's test cards: the outcome depends on the number only. */
const OUTCOMES: Record<string, { code: string; message: string } | null> = {
  '4242424242424242': null,
  '4000000000000002': { code: 'card_declined', message: 'Your card was declined.' },
  '4000000000009995': { code: 'insufficient_funds', message: 'Your card has insufficient funds.' },
};

function outcome(card: Card, now: Date): { code: string; message: string } | null {
  const number = card.number.replace(/\s+/g, '');
  const endOfExpiryMonth = Date.UTC(card.expYear, card.expMonth, 1);
  if (endOfExpiryMonth <= now.getTime()) return { code: 'expired_card', message: 'Your card has expired.' };
  if (!/^\d{3,4}$/.test(card.cvc)) return { code: 'incorrect_cvc', message: "Your card's security code is incorrect." };
  if (number in OUTCOMES) return OUTCOMES[number]!;
  return { code: 'card_declined', message: 'Your card was declined. In test mode, use 4242 4242 4242 4242.' };
}

/**
 * A card gateway with Stripe's semantics and test cards. Every charge and refund is appended to a
 * JSON-lines ledger and fsynced before answering, so "did this charge happen?" survives a crash.
 * The card number is never written: only its last four digits.
 */
export function createMockPaymentGateway(options: { ledgerPath: string; ids: IdGenerator; clock: Clock }): PaymentGateway {
  const charges = new Map<string, ChargeResult>();
  const refunds = new Set<string>();
  if (existsSync(options.ledgerPath)) {
    for (const line of readFileSync(options.ledgerPath, 'utf8').split('\n')) {
      if (!line.trim()) continue;
      const entry = JSON.parse(line) as LedgerEntry;
      if (entry.type === 'charge') charges.set(entry.key, entry.result);
      else refunds.add(entry.key);
    }
  }
  const append = (entry: LedgerEntry): void => {
    const fd = openSync(options.ledgerPath, 'a');
    try {
      appendFileSync(fd, `${JSON.stringify(entry)}\n`);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  };

  return {
    async charge({ idempotencyKey, amountCents, currency, card }) {
      const earlier = charges.get(idempotencyKey);
      if (earlier) return earlier;
      const failure = outcome(card, options.clock.now());
      const result: ChargeResult = failure ? { status: 'failed', error: failure } : { status: 'succeeded', chargeId: options.ids.newId('ch') };
      append({ type: 'charge', key: idempotencyKey, result, amountCents, currency, last4: card.number.replace(/\D/g, '').slice(-4), at: options.clock.now().toISOString() });
      charges.set(idempotencyKey, result);
      return result;
    },
    async findCharge(idempotencyKey) {
      return charges.get(idempotencyKey) ?? null;
    },
    async refund({ idempotencyKey, chargeIdempotencyKey }) {
      if (refunds.has(idempotencyKey)) return;
      if (charges.get(chargeIdempotencyKey)?.status !== 'succeeded') throw new Error('Only a succeeded charge can be refunded.');
      append({ type: 'refund', key: idempotencyKey, chargeKey: chargeIdempotencyKey, at: options.clock.now().toISOString() });
      refunds.add(idempotencyKey);
    },
  };
}
