import type { Database } from 'better-sqlite3';
import type { Store } from '@ticketbooth/core';
import { createSql, type Sql } from './db.js';
import { sqliteDoor } from './door.js';
import { sqliteEvents } from './events.js';
import { sqliteEventImages } from './event-images.js';
import { sqliteIdempotency } from './idempotency.js';
import { sqliteJobs } from './jobs.js';
import { sqliteOrders } from './orders.js';
import { sqlitePayments } from './payments.js';
import { sqlitePromoCodes } from './promo-codes.js';
import { sqliteRateLimits } from './rate-limits.js';
import { sqliteRegistrations } from './registrations.js';
import { sqliteStats } from './stats.js';
import { sqliteTickets } from './tickets.js';
import { sqliteUsers } from './users.js';
import { sqliteWaitlist } from './waitlist.js';

/**
 * The Store port on SQLite, one file per role as in store-dynamodb. Every method that changes
 * spots, payments or tickets runs in one BEGIN IMMEDIATE transaction: the write lock is taken
 * before anything is read, so two connections (or processes) can never both see the same free spot.
 */
export interface SqliteStoreOptions {
  /** Draws a ticket code in place of one already taken (default random; tests force collisions). */
  newTicketCode?: () => string;
}

export function createSqliteStore(db: Database, options: SqliteStoreOptions = {}): Store {
  return sqliteStoreOn(createSql(db, options.newTicketCode));
}

/** The store on a connection whose write path (group commit) other parts of the file share. */
export function sqliteStoreOn(sql: Sql): Store {
  const { db } = sql;
  return {
    ...sqliteUsers(sql),
    ...sqliteEvents(sql),
    ...sqliteEventImages(sql),
    ...sqliteRegistrations(sql),
    ...sqlitePayments(sql),
    ...sqliteTickets(sql),
    ...sqliteDoor(sql),
    ...sqlitePromoCodes(sql),
    ...sqliteStats(sql),
    ...sqliteIdempotency(sql),
    ...sqliteJobs(sql),
    ...sqliteOrders(sql),
    ...sqliteWaitlist(sql),
    ...sqliteRateLimits(sql),
    async close() {
      if (db.open) db.close();
    },
  };
}
