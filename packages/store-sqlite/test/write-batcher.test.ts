import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { WriteBatcher } from '../src/write-batcher.js';

describe('group commit', () => {
  const open = () => {
    const db = new Database(':memory:');
    db.exec('CREATE TABLE t (v TEXT)');
    return db;
  };

  it('a burst of writes commits together, and a failing one rolls back alone', async () => {
    const db = open();
    const batcher = new WriteBatcher(db);
    const insert = (v: string) => () => db.prepare('INSERT INTO t (v) VALUES (?)').run(v).changes;
    const results = await Promise.allSettled([
      batcher.run(insert('a')),
      batcher.run(() => {
        insert('b')();
        throw new Error('refused');
      }),
      batcher.run(insert('c')),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(db.prepare('SELECT v FROM t ORDER BY v').all()).toEqual([{ v: 'a' }, { v: 'c' }]);
  });

  it('later operations in a batch see the earlier ones', async () => {
    const db = open();
    const batcher = new WriteBatcher(db);
    const count = () => (db.prepare('SELECT count(*) AS n FROM t').get() as { n: number }).n;
    const seen = await Promise.all(Array.from({ length: 5 }, () => batcher.run(() => {
      db.prepare("INSERT INTO t (v) VALUES ('x')").run();
      return count();
    })));
    expect(seen).toEqual([1, 2, 3, 4, 5]);
  });

  it('a failed commit rejects every operation of the batch', async () => {
    const db = open();
    const batcher = new WriteBatcher(db);
    const pending = batcher.run(() => db.prepare("INSERT INTO t (v) VALUES ('x')").run());
    db.close();
    await expect(pending).rejects.toThrow();
  });
});
