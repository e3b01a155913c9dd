import type { Clock, HostedCheckout, PaymentGateway } from '@ticketbooth/core';
import type { PaymentsConfig } from '../config.js';
import { madeOnFirstCall } from './made-on-first-call.js';

/** Every call of the Stripe gateway, its checkout's included: each waits for the gateway to be made. */
type StripeCalls = Pick<PaymentGateway, 'charge' | 'findCharge' | 'refund'> & HostedCheckout;

/**
 * The gateway the configuration names, the same in both homes: Stripe when PAYMENTS=stripe,
 * else the home's mock (built only when chosen, since it opens the home's ledger). Stripe's
 * library loads with the first payment call, not at start: most requests make none.
 */
export function choosePaymentGateway(config: PaymentsConfig, context: { publicUrl: string | undefined; clock: Clock; mock: () => PaymentGateway }): PaymentGateway {
  if (config.gateway === 'mock') return context.mock();
  const { publicUrl, clock } = context;
  if (!publicUrl) throw new Error('Stripe needs the public URL of the web app to send the attendee back to.');
  const calls = madeOnFirstCall<StripeCalls>({ charge: true, findCharge: true, refund: true, openSession: true, openUrl: true, verifyNotification: true }, async () => {
    const { createStripeGateway } = await import('@ticketbooth/adapters-stripe');
    const gateway = createStripeGateway({ secretKey: config.secretKey, webhookSecret: config.webhookSecret, publicUrl, clock, ...(config.api ? { api: config.api } : {}) });
    return { ...gateway, ...gateway.checkout! };
  });
  return {
    name: 'stripe',
    charge: calls.charge,
    findCharge: calls.findCharge,
    refund: calls.refund,
    checkout: { openSession: calls.openSession, openUrl: calls.openUrl, verifyNotification: calls.verifyNotification },
  };
}
