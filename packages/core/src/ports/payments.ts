import type { Card, PaymentError } from '../domain/payment.js';

export type ChargeResult = { status: 'succeeded'; chargeId: string } | { status: 'failed'; error: PaymentError };

/** A payment page hosted by the gateway (Stripe Checkout): the attendee leaves for it and comes back. */
export interface CheckoutSession {
  /** The gateway's session id: the intent's charge key while the attendee is on the page. */
  id: string;
  url: string;
}

/** What a verified gateway notification is about; anything else is acknowledged and ignored. */
export type CheckoutNotification = { kind: 'payment'; paymentIntentId: string } | { kind: 'other' };

/**
 * The hosted half of a gateway: card data never reaches Ticketbooth. The session id is the
 * charge key, so `findCharge` (null while the page is still open) and `refund` take it.
 */
export interface HostedCheckout {
  openSession(input: {
    idempotencyKey: string;
    amountCents: number;
    currency: string;
    description: string;
    registrationId: string;
    paymentIntentId: string;
  }): Promise<CheckoutSession>;
  /** The session's page address while it is open, else null. */
  openUrl(sessionId: string): Promise<string | null>;
  /**
   * A notification whose signature holds (and is recent), or null: the caller changes nothing.
   * A promise, so a home may load the gateway's library with the first call of any kind.
   */
  verifyNotification(payload: string, signature: string): Promise<CheckoutNotification | null>;
}

/**
 * A card gateway with Stripe semantics: the same idempotency key returns the first result
 * and never charges twice.
 */
export interface PaymentGateway {
  /** Which gateway this is, for clients to choose their payment form. */
  readonly name: 'mock' | 'stripe';
  /** Present when payment happens on the gateway's own page; then `charge` is not used. */
  readonly checkout?: HostedCheckout;
  charge(input: {
    idempotencyKey: string;
    amountCents: number;
    currency: string;
    card: Card;
    description: string;
  }): Promise<ChargeResult>;
  /** The result of an earlier charge by its idempotency key, or null if it never reached the gateway. */
  findCharge(idempotencyKey: string): Promise<ChargeResult | null>;
  /** Refunds `amountCents` of the charge (a part of an order), or all of it that is left when absent. */
  refund(input: { idempotencyKey: string; chargeIdempotencyKey: string; amountCents?: number }): Promise<void>;
}
