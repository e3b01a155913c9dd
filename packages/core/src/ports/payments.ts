import type { Card, PaymentError } from '../domain/payment.js';

export type ChargeResult = { status: 'succeeded'; chargeId: string } | { status: 'failed'; error: PaymentError };

/**
 * A card gateway with Stripe semantics: the same idempotency key returns the first result
 * and never charges twice.
 */
export interface PaymentGateway {
  charge(input: {
    idempotencyKey: string;
    amountCents: number;
    currency: string;
    card: Card;
    description: string;
  }): Promise<ChargeResult>;
  /** The result of an earlier charge by its idempotency key, or null if it never reached the gateway. */
  findCharge(idempotencyKey: string): Promise<ChargeResult | null>;
  refund(input: { idempotencyKey: string; chargeIdempotencyKey: string }): Promise<void>;
}
