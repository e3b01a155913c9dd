import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../src/migrations.js';
import { createSqliteStore } from '../src/sqlite-store.js';

const times = { leaseMs: 60_000, retentionMs: 24 * 3_600_000 };
const now = '2026-06-01T10:00:00.000Z';

describe('SQLite migrations', () => {
  it('renames idempotency key states to the names both stores use, so old keys keep their meaning', async () => {
    const db = new Database(':memory:');
    migrate(db, 4); // the version before the renaming
    // Keys as the schema before the renaming stored them.
    const insert = db.prepare('INSERT INTO idempotency_keys (scope, request_hash, state, response_status, response_body, created_at) VALUES (?, ?, ?, ?, ?, ?)');
    insert.run('running', 'h', 'in_progress', null, null, now);
    insert.run('answered', 'h', 'done', 201, '{"id":"reg_1"}', now);
    migrate(db);

    expect(db.prepare('SELECT scope, state FROM idempotency_keys ORDER BY scope').all()).toEqual([
      { scope: 'answered', state: 'completed' },
      { scope: 'running', state: 'started' },
    ]);
    const store = createSqliteStore(db);
    expect(await store.beginIdempotent('running', 'h', now, times)).toEqual({ state: 'in_progress' });
    expect(await store.beginIdempotent('answered', 'h', now, times)).toEqual({ state: 'replay', status: 201, body: '{"id":"reg_1"}' });
    await store.close();
  });
});
