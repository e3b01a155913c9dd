import type { IdempotencyBegin, IdempotencyKeyState, IdempotencyStore } from '@ticketbooth/core';
import type { Sql } from './db.js';

export function sqliteIdempotency({ q, immediate }: Sql): IdempotencyStore {
  return {
    async beginIdempotent(scope, requestHash, now, { leaseMs, retentionMs }) {
      return immediate((): IdempotencyBegin => {
        // Forget keys past their retention, a bounded batch at a time, this one included.
        const forgetBefore = new Date(Date.parse(now) - retentionMs).toISOString();
        q('DELETE FROM idempotency_keys WHERE rowid IN (SELECT rowid FROM idempotency_keys WHERE created_at <= ? LIMIT 100)').run(forgetBefore);
        q('DELETE FROM idempotency_keys WHERE scope = ? AND created_at <= ?').run(scope, forgetBefore);
        const row = q('SELECT * FROM idempotency_keys WHERE scope = ?').get(scope) as
          | { request_hash: string; state: IdempotencyKeyState; response_status: number | null; response_body: string | null; created_at: string }
          | undefined;
        if (!row) {
          q("INSERT INTO idempotency_keys (scope, request_hash, state, created_at) VALUES (?, ?, 'started', ?)").run(scope, requestHash, now);
          return { state: 'started' };
        }
        if (row.request_hash !== requestHash) return { state: 'mismatch' };
        if (row.state === 'started') {
          // created_at is when the key's current owner started; the write lock makes one caller the taker.
          if (Date.parse(row.created_at) + leaseMs > Date.parse(now)) return { state: 'in_progress' };
          q('UPDATE idempotency_keys SET created_at = ? WHERE scope = ?').run(now, scope);
          return { state: 'stale' };
        }
        return { state: 'replay', status: row.response_status!, body: row.response_body ?? '' };
      });
    },
    async completeIdempotent(scope, status, body) {
      await immediate(() => q("UPDATE idempotency_keys SET state = 'completed', response_status = ?, response_body = ? WHERE scope = ?").run(status, body, scope));
    },
    async abandonIdempotent(scope) {
      await immediate(() => q("DELETE FROM idempotency_keys WHERE scope = ? AND state = 'started'").run(scope));
    },
  };
}
