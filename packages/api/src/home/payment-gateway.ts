import type { Clock, PaymentGateway } from '@ticketbooth/core';
import { createStripeGateway } from '@ticketbooth/adapters-stripe';
import type { PaymentsConfig } from '../config.js';

/**
 * The gateway the configuration names, the same in both homes: Stripe when PAYMENTS=stripe,
 * else the home's mock (built only when chosen, since it opens the home's ledger).
 */
export function choosePaymentGateway(config: PaymentsConfig, context: { publicUrl: string | undefined; clock: Clock; mock: () => PaymentGateway }): PaymentGateway {
  if (config.gateway === 'mock') return context.mock();
  if (!context.publicUrl) throw new Error('Stripe needs the public URL of the web app to send the attendee back to.');
  return createStripeGateway({ secretKey: config.secretKey, webhookSecret: config.webhookSecret, publicUrl: context.publicUrl, clock: context.clock, ...(config.api ? { api: config.api } : {}) });
}
