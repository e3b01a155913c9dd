import { DomainError, notFound } from '../errors.js';
import type { Card, PaymentIntent } from '../domain/payment.js';
import type { Registration } from '../domain/registration.js';
import type { ChargeResult, HostedCheckout } from '../ports/payments.js';
import type { Principal } from '../ports/identity.js';
import type { ServiceDeps } from './deps.js';
import { newJobs } from './new-jobs.js';
import { buildTickets } from './ticket-issuer.js';
import { ownPaymentIntent, ownRegistration } from './access.js';
import { holdIsLive } from '../rules/hold.js';

const notPayable = (registration: Registration): DomainError =>
  new DomainError('not_payable', `This registration is ${registration.status.replace('_', ' ')} and cannot be paid.`, {
    status: registration.status,
  });

const holdExpired = (): DomainError =>
  new DomainError('hold_expired', 'Your hold on these spots has expired. Please register again.');

export class PaymentService {
  constructor(
    private readonly deps: ServiceDeps,
    /** Called after a hold became a sale (the listing shows what is sold). */
    private readonly changed: () => void,
  ) {}

  /** The amount always comes from the registration, never from the client. */
  async createIntent(principal: Principal, registrationId: string): Promise<PaymentIntent> {
    const { store, clock, ids } = this.deps;
    const registration = await ownRegistration(store, principal, registrationId);
    if (!holdIsLive(registration, clock.now()) || registration.amountCents === 0) throw notPayable(registration);
    await this.refuseIfEventCancelled(registration);
    const now = clock.now().toISOString();
    const intent: PaymentIntent = {
      id: ids.newId('pi'),
      registrationId,
      userId: principal.userId,
      amountCents: registration.amountCents,
      currency: registration.currency,
      status: 'requires_payment_method',
      clientSecret: ids.newId('pi_secret'),
      lastError: null,
      chargeKey: null,
      createdAt: now,
      updatedAt: now,
    };
    return store.openPaymentIntent(intent);
  }

  /**
   * Charges the card and confirms the registration. The intent is marked "processing" with the
   * attempt's gateway key before the charge, so a crash in between is settled by `reconcile`.
   */
  async confirm(principal: Principal, intentId: string, card: Card): Promise<PaymentIntent> {
    const { store, clock, payments } = this.deps;
    if (payments.checkout) throw new DomainError('not_payable', 'Payments on this server are made on the hosted checkout page.');
    const intent = await ownPaymentIntent(store, principal, intentId);
    if (intent.status === 'succeeded') return intent;
    if (intent.status === 'canceled') throw new DomainError('not_payable', 'This payment was canceled.');
    if (intent.status === 'processing') {
      throw new DomainError('idempotency_in_progress', 'This payment is already being processed. Try again in a moment.');
    }
    const registration = await store.getRegistration(intent.registrationId);
    if (!registration) throw notFound('Registration');
    const now = clock.now();
    if (!holdIsLive(registration, now)) {
      if (registration.status === 'pending_payment' || registration.status === 'expired') throw holdExpired();
      throw notPayable(registration);
    }
    // A charge that races the cancellation is refunded by the cancel job; this refuses the rest.
    await this.refuseIfEventCancelled(registration);
    const processing: PaymentIntent = {
      ...intent,
      status: 'processing',
      chargeKey: `${intent.id}:${this.deps.ids.newId('attempt')}`,
      updatedAt: now.toISOString(),
    };
    if (!(await store.updatePaymentIntent(processing, 'requires_payment_method'))) {
      throw new DomainError('idempotency_in_progress', 'This payment is already being processed. Try again in a moment.');
    }
    const result = await payments.charge({
      idempotencyKey: processing.chargeKey!,
      amountCents: intent.amountCents,
      currency: intent.currency,
      card,
      description: `Registration ${registration.id}`,
    });
    return this.settle(processing, result);
  }

  /**
   * Opens (or reopens) the gateway's hosted page for this intent's amount. The intent is
   * "processing" with the session id as its charge key until the gateway's notification (or the
   * reconcile job) settles it; the amount always comes from the stored intent.
   */
  async startCheckout(principal: Principal, intentId: string): Promise<{ url: string }> {
    const { store, clock, ids } = this.deps;
    // Whose intent first: a stranger learns nothing about it, not even how this server takes payments.
    const intent = await ownPaymentIntent(store, principal, intentId);
    const checkout = this.hostedCheckout();
    const reopened = await this.reopen(checkout, intent);
    if (reopened) return reopened;
    if (intent.status !== 'requires_payment_method') throw new DomainError('not_payable', 'This payment is no longer open.');
    const registration = await store.getRegistration(intent.registrationId);
    if (!registration) throw notFound('Registration');
    if (!holdIsLive(registration, clock.now())) {
      if (registration.status === 'pending_payment' || registration.status === 'expired') throw holdExpired();
      throw notPayable(registration);
    }
    await this.refuseIfEventCancelled(registration);
    const session = await checkout.openSession({
      idempotencyKey: `checkout:${intent.id}:${ids.newId('attempt')}`,
      amountCents: intent.amountCents,
      currency: intent.currency,
      description: `Registration ${registration.id}`,
      registrationId: registration.id,
      paymentIntentId: intent.id,
    });
    const processing: PaymentIntent = { ...intent, status: 'processing', chargeKey: session.id, lastError: null, updatedAt: clock.now().toISOString() };
    if (await store.updatePaymentIntent(processing, 'requires_payment_method')) return { url: session.url };
    // A concurrent start won: its session is the one to pay (this one is never shown, so never paid).
    const winner = await this.reopen(checkout, await ownPaymentIntent(store, principal, intentId));
    if (!winner) throw new DomainError('idempotency_in_progress', 'This payment is already being processed. Try again in a moment.');
    return winner;
  }

  /** The open page of an intent already on the hosted checkout, if there is one. */
  private async reopen(checkout: HostedCheckout, intent: PaymentIntent): Promise<{ url: string } | null> {
    if (intent.status === 'succeeded') throw new DomainError('not_payable', 'This registration is already paid.');
    if (intent.status !== 'processing' || !intent.chargeKey) return null;
    const url = await checkout.openUrl(intent.chargeKey);
    if (!url) throw new DomainError('idempotency_in_progress', 'This payment is being settled. Try again in a moment.');
    return { url };
  }

  private hostedCheckout(): HostedCheckout {
    const { checkout } = this.deps.payments;
    if (!checkout) throw new DomainError('not_payable', 'This server takes card payments directly: confirm the payment intent.');
    return checkout;
  }

  /**
   * A verified gateway notification that an intent's payment moved: asks the gateway what became
   * of it (the notification is only a nudge) and settles it through the same path as a card
   * charge, so any number of deliveries, concurrent or repeated, confirm once.
   */
  async settleCheckout(paymentIntentId: string): Promise<void> {
    const intent = await this.deps.store.getPaymentIntent(paymentIntentId);
    // Settled already (a repeated delivery), or not an intent of ours.
    if (intent?.status !== 'processing') return;
    try {
      await this.recover(intent);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      // The notification was handled: e.g. a late payment refunded (hold_expired), or an expired page.
      this.deps.logger.info({ paymentIntentId, code: error.code }, 'settled checkout');
    }
  }

  /** A cancelled event's holds are not payable, even before its cancellation job has run. */
  private async refuseIfEventCancelled(registration: Registration): Promise<void> {
    if ((await this.deps.store.getEvent(registration.eventId))?.status === 'cancelled') {
      throw new DomainError('not_payable', 'This event was cancelled, so its registrations can no longer be paid.');
    }
  }

  /** Applies a gateway result to a processing intent; used by confirm and by crash recovery. */
  private async settle(processing: PaymentIntent, result: ChargeResult): Promise<PaymentIntent> {
    const { store, clock } = this.deps;
    const now = clock.now().toISOString();
    if (result.status === 'failed') {
      const failed: PaymentIntent = { ...processing, status: 'requires_payment_method', lastError: result.error, updatedAt: now };
      await store.updatePaymentIntent(failed, 'processing');
      const code = result.error.code === 'insufficient_funds' ? 'insufficient_funds' : 'card_declined';
      throw new DomainError(code, result.error.message, { declineCode: result.error.code, paymentIntent: publicIntent(failed) });
    }
    const registration = await store.getRegistration(processing.registrationId);
    const event = registration ? await store.getEvent(registration.eventId) : null;
    if (!registration || !event) throw notFound('Registration');
    const succeeded: PaymentIntent = { ...processing, status: 'succeeded', lastError: null, updatedAt: now };
    const tickets = buildTickets(this.deps, event, registration);
    const jobs = newJobs(this.deps.ids, [{ kind: 'send_ticket_mail', registrationId: registration.id }]);
    const outcome = await store.confirmPayment(registration.id, succeeded, tickets, jobs, now);
    if (outcome.ok) {
      this.changed();
      return succeeded;
    }
    // Another settler of this same charge (crash recovery racing a retry's) confirmed it first: keep the money.
    const stored = outcome.registration?.status === 'confirmed' ? await store.getPaymentIntent(processing.id) : null;
    if (stored?.status === 'succeeded' && stored.chargeKey === processing.chargeKey) return stored;
    // The hold ran out (or the order was cancelled) while the card was charged: give the money back.
    await this.deps.payments.refund({ idempotencyKey: `refund:${processing.chargeKey}`, chargeIdempotencyKey: processing.chargeKey! });
    await store.updatePaymentIntent({ ...processing, status: 'canceled', lastError: { code: 'hold_expired', message: 'The hold expired; the charge was refunded.' }, updatedAt: now }, 'processing');
    throw holdExpired();
  }

  /** Crash recovery: settles intents left "processing" by asking the gateway what happened. */
  async reconcile(options: { minAgeMs: number; limit?: number }): Promise<number> {
    const { store, clock, logger } = this.deps;
    // A younger intent may still have its charge in flight in another request.
    const cutoff = clock.now().getTime() - options.minAgeMs;
    const stuck = (await store.listProcessingPaymentIntents(options.limit ?? 100)).filter(
      (i) => Date.parse(i.updatedAt) <= cutoff,
    );
    for (const intent of stuck) {
      try {
        await this.recover(intent);
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        logger.info({ paymentIntentId: intent.id, code: error.code }, 'reconciled payment intent');
      }
    }
    return stuck.length;
  }

  /**
   * Settles this intent if it was left "processing" at least `minAgeMs` ago (its request is gone),
   * for a retry taking over that request; throws what confirm would have (card_declined...).
   * A younger one may have its charge in flight, so it is left to confirm's own answer.
   */
  async recoverAbandoned(principal: Principal, intentId: string, minAgeMs: number): Promise<void> {
    const intent = await ownPaymentIntent(this.deps.store, principal, intentId);
    if (intent.status !== 'processing' || Date.parse(intent.updatedAt) > this.deps.clock.now().getTime() - minAgeMs) return;
    await this.recover(intent);
  }

  /** Asks the gateway what became of a processing intent's charge, and applies it. */
  private async recover(intent: PaymentIntent): Promise<void> {
    const { store, payments, clock } = this.deps;
    const result = intent.chargeKey ? await payments.findCharge(intent.chargeKey) : null;
    if (result === null) {
      // A hosted page still open: its notification or a later reconcile settles it.
      if (payments.checkout) return;
      // The charge never reached the gateway: the card was not charged, the buyer may try again.
      await store.updatePaymentIntent({ ...intent, status: 'requires_payment_method', updatedAt: clock.now().toISOString() }, 'processing');
      return;
    }
    await this.settle(intent, result);
  }

  /**
   * Pays back part of a registration's succeeded charge: one refund of some of its tickets. The
   * refund's id is the gateway's idempotency key, so a retried job never pays it back twice.
   */
  async refundTickets(registrationId: string, refundId: string, amountCents: number): Promise<void> {
    const intents = await this.deps.store.listPaymentIntentsByRegistration(registrationId);
    const paid = intents.find((intent) => intent.status === 'succeeded' && intent.chargeKey);
    // A refund is only planned for a confirmed paid order, so the payment exists; an index lagging behind must not drop it.
    if (!paid) throw new Error(`The succeeded payment of registration ${registrationId} is not listed yet.`);
    await this.deps.payments.refund({ idempotencyKey: `refund:${refundId}`, chargeIdempotencyKey: paid.chargeKey!, amountCents });
  }

  /** Refunds the succeeded charge of a registration (idempotent: safe to run again). */
  async refundRegistration(registrationId: string): Promise<void> {
    const intents = await this.deps.store.listPaymentIntentsByRegistration(registrationId);
    let refunded = 0;
    for (const intent of intents) {
      if (intent.status !== 'succeeded' || !intent.chargeKey) continue;
      await this.deps.payments.refund({ idempotencyKey: `refund:${intent.chargeKey}`, chargeIdempotencyKey: intent.chargeKey });
      refunded++;
    }
    // Only a paid, confirmed order becomes "refunded", so its succeeded payment exists; a listing
    // that does not show it yet (an index lagging behind) must not end the job with the money kept.
    if (refunded === 0 && (await this.deps.store.getRegistration(registrationId))?.status === 'refunded') {
      throw new Error(`The succeeded payment of refunded registration ${registrationId} is not listed yet.`);
    }
  }
}

/** What clients see of an intent: no internal gateway key. */
export function publicIntent(intent: PaymentIntent): Omit<PaymentIntent, 'chargeKey' | 'userId'> {
  const { chargeKey: _chargeKey, userId: _userId, ...rest } = intent;
  return rest;
}
