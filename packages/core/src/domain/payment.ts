/** Stripe-like: "processing" is set before the gateway is called, so a crash mid-charge can be reconciled. */
export type PaymentIntentStatus = 'requires_payment_method' | 'processing' | 'succeeded' | 'canceled';

export interface PaymentError {
  code: string;
  message: string;
}

export interface PaymentIntent {
  id: string;
  registrationId: string;
  userId: string;
  amountCents: number;
  currency: string;
  status: PaymentIntentStatus;
  clientSecret: string;
  lastError: PaymentError | null;
  /**
   * Gateway idempotency key of the current or last charge attempt (one per attempt, so a declined
   * card can be retried with another): set before the gateway is called, used to reconcile and refund.
   */
  chargeKey: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface Card {
  number: string;
  expMonth: number;
  expYear: number;
  cvc: string;
}
