import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../src/migrations.js';
import { createSqliteStore } from '../src/sqlite-store.js';

const times = { leaseMs: 60_000, retentionMs: 24 * 3_600_000 };
const now = '2026-06-01T10:00:00.000Z';

describe('SQLite migrations', () => {
  it('renames idempotency key states to the names both stores use, so old keys keep their meaning', async () => {
    const db = new Database(':memory:');
    migrate(db);
    // Keys as the schema before the renaming stored them.
    const insert = db.prepare('INSERT INTO idempotency_keys (scope, request_hash, state, response_status, response_body, created_at) VALUES (?, ?, ?, ?, ?, ?)');
    insert.run('running', 'h', 'in_progress', null, null, now);
    insert.run('answered', 'h', 'done', 201, '{"id":"reg_1"}', now);
    db.pragma('user_version = 4'); // the version before the renaming
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

describe('SQLite migrations: the door team', () => {
  it('gives every ticket issued before short codes existed a code, unique within its event', async () => {
    const db = new Database(':memory:');
    migrate(db);
    const insert = db.prepare(`INSERT INTO tickets (id, registration_id, event_id, user_id, ticket_type_id, ticket_type_name, attendee_name, status, qr, checked_in_at, created_at, position)
                               VALUES (?, 'reg_1', ?, 'usr_1', 'tt_1', 'General', 'Ada', 'valid', 'qr', NULL, ?, 0)`);
    db.pragma('foreign_keys = OFF');
    for (let i = 0; i < 50; i++) insert.run(`tkt_old_${i}`, i % 2 ? 'evt_a' : 'evt_b', now);
    db.pragma('user_version = 5'); // the version before short codes
    migrate(db);

    const rows = db.prepare('SELECT event_id, code, changed_at FROM tickets').all() as { event_id: string; code: string | null; changed_at: string }[];
    expect(rows).toHaveLength(50);
    for (const row of rows) {
      expect(row.code).toMatch(/^[2-9A-HJKMNP-Z]{8}$/);
      expect(row.changed_at).toBe(now);
    }
    expect(new Set(rows.map((r) => `${r.event_id}:${r.code}`)).size).toBe(50);
    const store = createSqliteStore(db);
    expect((await store.getTicketByCode(rows[0]!.event_id, rows[0]!.code!))?.eventId).toBe(rows[0]!.event_id);
    await store.close();
  });
});
