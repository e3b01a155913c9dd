import { assertMove, type PaymentStore } from '@ticketbooth/core';
import type { Sql } from './db.js';
import { toPaymentIntent, type PaymentIntentRow } from './rows.js';

export function sqlitePayments({ q, immediate }: Sql): PaymentStore {
  return {
    async openPaymentIntent(i) {
      return immediate(() => {
        const first = q('SELECT * FROM payment_intents WHERE registration_id = ? ORDER BY created_at, id LIMIT 1').get(i.registrationId) as PaymentIntentRow | undefined;
        if (first) return toPaymentIntent(first);
        q(`INSERT INTO payment_intents (id, registration_id, user_id, amount_cents, currency, status, client_secret, last_error, charge_key, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(
          i.id, i.registrationId, i.userId, i.amountCents, i.currency, i.status, i.clientSecret, i.lastError ? JSON.stringify(i.lastError) : null, i.chargeKey, i.createdAt, i.updatedAt,
        );
        return i;
      });
    },
    async getPaymentIntent(id) {
      const row = q('SELECT * FROM payment_intents WHERE id = ?').get(id) as PaymentIntentRow | undefined;
      return row ? toPaymentIntent(row) : null;
    },
    async updatePaymentIntent(i, expectedStatus) {
      assertMove('payment_intent', expectedStatus, i.status);
      const changes = await immediate(() => q('UPDATE payment_intents SET status = ?, last_error = ?, charge_key = ?, updated_at = ? WHERE id = ? AND status = ?').run(
        i.status, i.lastError ? JSON.stringify(i.lastError) : null, i.chargeKey, i.updatedAt, i.id, expectedStatus,
      ).changes);
      return changes === 1;
    },
    async listPaymentIntentsByRegistration(registrationId) {
      return (q('SELECT * FROM payment_intents WHERE registration_id = ? ORDER BY created_at, id').all(registrationId) as PaymentIntentRow[]).map(toPaymentIntent);
    },
    async listProcessingPaymentIntents(limit) {
      return (q("SELECT * FROM payment_intents WHERE status = 'processing' ORDER BY updated_at LIMIT ?").all(limit) as PaymentIntentRow[]).map(toPaymentIntent);
    },
  };
}
