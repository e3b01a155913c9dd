import type { Card, ChargeResult, Clock, IdGenerator, PaymentGateway, PaymentLedger } from '@ticketbooth/core';

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
 * A card gateway with Stripe's semantics and test cards. Every charge and refund is on the ledger
 * before the gateway answers, so "did this charge happen?" survives a crash and is answered the
 * same to every process (the local home's file, the AWS home's DynamoDB table).
 */
export function createMockPaymentGateway(options: { ledger: PaymentLedger; ids: IdGenerator; clock: Clock }): PaymentGateway {
  const { ledger, ids, clock } = options;
  return {
    name: 'mock',
    async charge({ idempotencyKey, amountCents, currency, card }) {
      const failure = outcome(card, clock.now());
      const result: ChargeResult = failure ? { status: 'failed', error: failure } : { status: 'succeeded', chargeId: ids.newId('ch') };
      const last4 = card.number.replace(/\D/g, '').slice(-4);
      // An earlier (or concurrent) charge with the same key is on record first: its result is the answer.
      return ledger.recordCharge({ key: idempotencyKey, result, amountCents, currency, last4, at: clock.now().toISOString() });
    },
    findCharge: (idempotencyKey) => ledger.findCharge(idempotencyKey),
    async refund({ idempotencyKey, chargeIdempotencyKey, amountCents }) {
      if ((await ledger.findCharge(chargeIdempotencyKey))?.status !== 'succeeded') throw new Error('Only a succeeded charge can be refunded.');
      await ledger.recordRefund({ key: idempotencyKey, chargeKey: chargeIdempotencyKey, ...(amountCents === undefined ? {} : { amountCents }), at: clock.now().toISOString() });
    },
  };
}
