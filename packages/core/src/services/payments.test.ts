import { describe, expect, it } from 'vitest';
import type { PaymentIntent } from '../domain/payment.js';
import { randomIds } from '../ports/ids.js';
import type { Logger } from '../ports/logger.js';
import type { PaymentGateway } from '../ports/payments.js';
import type { Store } from '../ports/store.js';
import { defaultSettings, type ServiceDeps } from './deps.js';
import { PaymentService } from './payments.js';

const T0 = Date.parse('2030-01-01T10:00:00.000Z');
const quiet: Logger = { info() {}, warn() {}, error() {}, debug() {} } as unknown as Logger;

const intent = (status: PaymentIntent['status']): PaymentIntent => ({
  id: 'pi_1', registrationId: 'reg_1', userId: 'usr_1', amountCents: 2500, currency: 'EUR', status, clientSecret: 's',
  lastError: null, chargeKey: 'cs_1', createdAt: new Date(T0).toISOString(), updatedAt: new Date(T0).toISOString(),
});

/** Only the listed Store methods exist; anything else throws, so the test sees every write. */
function storeWith(methods: Partial<Store>): Store {
  return new Proxy(methods, {
    get: (target, name) => target[name as keyof Store] ?? (() => { throw new Error(`unexpected store.${String(name)}`); }),
  }) as Store;
}

function hostedGateway(findCharge: PaymentGateway['findCharge']): PaymentGateway {
  const unused = () => { throw new Error('not used by a hosted gateway'); };
  return {
    name: 'stripe',
    charge: unused,
    findCharge,
    refund: unused,
    checkout: { openSession: unused, openUrl: unused, verifyNotification: unused },
  };
}

function service(store: Store, payments: PaymentGateway): PaymentService {
  const deps = { store, payments, ids: randomIds, logger: quiet, clock: { now: () => new Date(T0 + 120_000) }, settings: defaultSettings } as unknown as ServiceDeps;
  return new PaymentService(deps, () => {});
}

describe('hosted checkout settlement', () => {
  it('a repeated notification for an intent already settled asks the gateway nothing and changes nothing', async () => {
    let asked = 0;
    const payments = service(storeWith({ getPaymentIntent: async () => intent('succeeded') }), hostedGateway(async () => { asked++; return null; }));
    await payments.settleCheckout('pi_1');
    expect(asked).toBe(0);
  });

  it('leaves an intent whose hosted page is still open processing, rather than making it payable again', async () => {
    const updates: PaymentIntent[] = [];
    const store = storeWith({
      listProcessingPaymentIntents: async () => [intent('processing')],
      updatePaymentIntent: async (next) => { updates.push(next); return true; },
    });
    expect(await service(store, hostedGateway(async () => null)).reconcile({ minAgeMs: 60_000 })).toBe(1);
    expect(updates).toEqual([]);
  });

  it('refuses a card for a hosted gateway before touching the intent', async () => {
    const payments = service(storeWith({}), hostedGateway(async () => null));
    await expect(payments.confirm({ userId: 'usr_1', role: 'attendee' } as never, 'pi_1', { number: '4242424242424242', expMonth: 1, expYear: 2099, cvc: '123' }))
      .rejects.toMatchObject({ code: 'not_payable' });
  });
});
