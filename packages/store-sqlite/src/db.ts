import type { Database, Statement } from 'better-sqlite3';
import { randomTicketCode } from '@ticketbooth/core';
import { WriteBatcher } from './write-batcher.js';

/** What every part of the SQLite store shares: the connection, its statements, its one write path. */
export interface Sql {
  db: Database;
  /** Prepared once, reused: statement preparation is a measurable share of a short query. */
  q(sql: string): Statement;
  /** Every change goes through the group-commit batcher: one BEGIN IMMEDIATE transaction per burst. */
  immediate<T>(fn: () => T): Promise<T>;
  /** Draws a ticket code in place of one already taken at its event (injectable for tests). */
  newTicketCode(): string;
}

export function createSql(db: Database, newTicketCode: () => string = randomTicketCode): Sql {
  const stmt = new Map<string, Statement>();
  const batcher = new WriteBatcher(db);
  return {
    db,
    q(sql) {
      let s = stmt.get(sql);
      if (!s) {
        s = db.prepare(sql);
        stmt.set(sql, s);
      }
      return s;
    },
    immediate: (fn) => batcher.run(fn),
    newTicketCode,
  };
}

/** A status list for an SQL `IN (...)`: statuses are the domain's own constants, never input. */
export const sqlList = (statuses: readonly string[]): string => statuses.map((s) => `'${s}'`).join(', ');
