import Database from 'better-sqlite3';
import type { AccountStore, Mailbox, Store } from '@ticketbooth/core';
import { migrate } from './migrations.js';
import { createSqliteStore, sqliteStoreOn, type SqliteStoreOptions } from './sqlite-store.js';
import { createSql } from './db.js';
import { createSqliteAccountStore } from './accounts.js';
import { createSqliteMailbox } from './mailbox.js';

export interface SqliteStores {
  store: Store;
  accounts: AccountStore;
  mailbox: Mailbox;
  db: Database.Database;
  close(): void;
}

/**
 * Opens (and migrates) the database file. WAL lets readers run beside the one writer;
 * synchronous=FULL by default because a confirmed payment must survive a power cut, not only a
 * process crash (NORMAL in WAL mode can lose the last commits on power loss).
 */
export function openSqlite(path: string, options: { synchronous?: 'NORMAL' | 'FULL'; busyTimeoutMs?: number } & SqliteStoreOptions = {}): SqliteStores {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${options.synchronous ?? 'FULL'}`);
  db.pragma('foreign_keys = ON');
  db.pragma(`busy_timeout = ${options.busyTimeoutMs ?? 5000}`);
  migrate(db);
  // One write path for the store and the mailbox: a mail's row joins the burst's commit (one fsync).
  const sql = createSql(db, options.newTicketCode);
  return {
    store: sqliteStoreOn(sql),
    accounts: createSqliteAccountStore(db),
    mailbox: createSqliteMailbox(sql),
    db,
    close: () => {
      if (db.open) db.close();
    },
  };
}

export { createSqliteStore, createSqliteAccountStore, createSqliteMailbox };
