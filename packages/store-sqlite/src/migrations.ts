import type { Database } from 'better-sqlite3';
import { randomTicketCode } from '@ticketbooth/core';

function addColumns(db: Database, table: string, columns: string[]): void {
  const existing = new Set((db.prepare(`SELECT name FROM pragma_table_info('${table}')`).all() as { name: string }[]).map((c) => c.name));
  for (const column of columns) if (!existing.has(column.split(' ')[0]!)) db.exec(`ALTER TABLE ${table} ADD COLUMN ${column}`);
}

/** Every ticket without a short code gets a random one, unique within its event. */
function backfillTicketCodes(db: Database): void {
  const taken = new Map<string, Set<string>>();
  const setCode = db.prepare('UPDATE tickets SET code = ? WHERE id = ?');
  for (const { id, event_id } of db.prepare('SELECT id, event_id FROM tickets WHERE code IS NULL').all() as { id: string; event_id: string }[]) {
    const codes = taken.get(event_id) ?? new Set(
      (db.prepare('SELECT code FROM tickets WHERE event_id = ? AND code IS NOT NULL').all(event_id) as { code: string }[]).map((r) => r.code),
    );
    taken.set(event_id, codes);
    let code = randomTicketCode();
    while (codes.has(code)) code = randomTicketCode();
    codes.add(code);
    setCode.run(code, id);
  }
}

/** Schema changes in order (SQL, or a step that needs code); PRAGMA user_version records how many have been applied. */
const MIGRATIONS: (string | ((db: Database) => void))[] = [
  `
  CREATE TABLE users (
    id TEXT PRIMARY KEY,
    email TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    role TEXT NOT NULL,
    email_verified INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL
  );
  CREATE TABLE events (
    id TEXT PRIMARY KEY,
    organizer_id TEXT NOT NULL,
    name TEXT NOT NULL,
    description TEXT NOT NULL,
    category TEXT NOT NULL,
    location TEXT NOT NULL,
    starts_at TEXT NOT NULL,
    ends_at TEXT NOT NULL,
    timezone TEXT NOT NULL,
    currency TEXT NOT NULL,
    capacity INTEGER NOT NULL,
    status TEXT NOT NULL,
    cancel_reason TEXT,
    search_text TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  );
  CREATE INDEX events_listing ON events (status, starts_at, id);
  CREATE INDEX events_by_organizer ON events (organizer_id, created_at, id);
  -- sold/held are the counters the never-oversold check reads: O(ticket types), never a scan.
  CREATE TABLE ticket_types (
    id TEXT PRIMARY KEY,
    event_id TEXT NOT NULL REFERENCES events(id),
    position INTEGER NOT NULL,
    name TEXT NOT NULL,
    price_cents INTEGER NOT NULL,
    quantity INTEGER,
    sold INTEGER NOT NULL DEFAULT 0 CHECK (sold >= 0),
    held INTEGER NOT NULL DEFAULT 0 CHECK (held >= 0)
  );
  CREATE INDEX ticket_types_by_event ON ticket_types (event_id, position);
  CREATE TABLE registrations (
    id TEXT PRIMARY KEY,
    event_id TEXT NOT NULL REFERENCES events(id),
    user_id TEXT NOT NULL,
    attendee_name TEXT NOT NULL,
    attendee_email TEXT NOT NULL,
    lines TEXT NOT NULL,
    quantity INTEGER NOT NULL,
    amount_cents INTEGER NOT NULL,
    currency TEXT NOT NULL,
    status TEXT NOT NULL,
    hold_expires_at TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  );
  CREATE INDEX registrations_by_event ON registrations (event_id, created_at, id);
  CREATE INDEX registrations_by_user ON registrations (user_id, created_at, id);
  CREATE INDEX registrations_holds ON registrations (status, hold_expires_at) WHERE status = 'pending_payment';
  CREATE TABLE tickets (
    id TEXT PRIMARY KEY,
    registration_id TEXT NOT NULL REFERENCES registrations(id),
    event_id TEXT NOT NULL,
    user_id TEXT NOT NULL,
    ticket_type_id TEXT NOT NULL,
    ticket_type_name TEXT NOT NULL,
    attendee_name TEXT NOT NULL,
    status TEXT NOT NULL,
    qr TEXT NOT NULL,
    checked_in_at TEXT,
    created_at TEXT NOT NULL,
    position INTEGER NOT NULL
  );
  CREATE INDEX tickets_by_registration ON tickets (registration_id, position);
  CREATE INDEX tickets_by_user ON tickets (user_id, created_at, id);
  CREATE INDEX tickets_by_event ON tickets (event_id, checked_in_at);
  CREATE TABLE payment_intents (
    id TEXT PRIMARY KEY,
    registration_id TEXT NOT NULL,
    user_id TEXT NOT NULL,
    amount_cents INTEGER NOT NULL,
    currency TEXT NOT NULL,
    status TEXT NOT NULL,
    client_secret TEXT NOT NULL,
    last_error TEXT,
    charge_key TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  );
  CREATE INDEX payment_intents_by_registration ON payment_intents (registration_id, created_at);
  CREATE INDEX payment_intents_processing ON payment_intents (status) WHERE status = 'processing';
  CREATE TABLE checkins (
    id TEXT PRIMARY KEY,
    event_id TEXT NOT NULL,
    ticket_id TEXT,
    nonce TEXT,
    result TEXT NOT NULL,
    at TEXT NOT NULL,
    by_user TEXT NOT NULL
  );
  CREATE UNIQUE INDEX checkins_nonce ON checkins (event_id, nonce) WHERE nonce IS NOT NULL;
  CREATE INDEX checkins_by_event ON checkins (event_id, at);
  CREATE TABLE idempotency_keys (
    scope TEXT PRIMARY KEY,
    request_hash TEXT NOT NULL,
    state TEXT NOT NULL,
    response_status INTEGER,
    response_body TEXT,
    created_at TEXT NOT NULL
  );
  CREATE TABLE jobs (
    id TEXT PRIMARY KEY,
    payload TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    run_after TEXT NOT NULL,
    lease_until TEXT,
    last_error TEXT,
    created_at TEXT NOT NULL
  );
  CREATE INDEX jobs_due ON jobs (run_after);
  CREATE TABLE credentials (
    user_id TEXT PRIMARY KEY REFERENCES users(id),
    password_hash TEXT NOT NULL,
    token_version INTEGER NOT NULL DEFAULT 0
  );
  CREATE TABLE verification_codes (
    user_id TEXT PRIMARY KEY REFERENCES users(id),
    code_hash TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0
  );
  CREATE TABLE refresh_tokens (
    token_hash TEXT PRIMARY KEY,
    user_id TEXT NOT NULL,
    family_id TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    used_at TEXT,
    revoked_at TEXT
  );
  CREATE INDEX refresh_tokens_by_family ON refresh_tokens (family_id);
  CREATE TABLE mailbox (
    id TEXT PRIMARY KEY,
    to_addr TEXT NOT NULL,
    subject TEXT NOT NULL,
    text TEXT NOT NULL,
    sent_at TEXT NOT NULL,
    attachments TEXT NOT NULL
  );
  CREATE INDEX mailbox_by_recipient ON mailbox (to_addr, sent_at);
  CREATE INDEX mailbox_by_time ON mailbox (sent_at);
  `,
  // The request that placed a registration (an Idempotency-Key's scope), so a retry taking over
  // that key finds it instead of placing a second one.
  `
  ALTER TABLE registrations ADD COLUMN request_key TEXT;
  CREATE UNIQUE INDEX registrations_by_request_key ON registrations (request_key) WHERE request_key IS NOT NULL;
  `,
  // Idempotency keys are forgotten after their retention, oldest first.
  `
  CREATE INDEX idempotency_keys_by_age ON idempotency_keys (created_at);
  `,
  // A job that failed its last allowed attempt is kept, never claimed again, and listed under its event.
  `
  ALTER TABLE jobs ADD COLUMN failed_at TEXT;
  ALTER TABLE jobs ADD COLUMN event_id TEXT;
  CREATE INDEX jobs_failed_by_event ON jobs (event_id, failed_at) WHERE failed_at IS NOT NULL;
  `,
  // Idempotency key states named as in the DynamoDB store (and the port's IdempotencyKeyState).
  `
  UPDATE idempotency_keys SET state = 'started' WHERE state = 'in_progress';
  UPDATE idempotency_keys SET state = 'completed' WHERE state = 'done';
  `,
  // The door team: short ticket codes, changes ordered for incremental door data, check-in lists,
  // scanner links (only their secret's hash) and double admissions kept as conflicts.
  // Safe to run again over its own result (a re-run only fills codes still missing).
  (db) => {
    addColumns(db, 'tickets', ['code TEXT', 'changed_at TEXT', 'checked_in_by TEXT']);
    addColumns(db, 'checkins', ['door TEXT', 'device_id TEXT']);
    db.exec('UPDATE tickets SET changed_at = coalesce(checked_in_at, created_at) WHERE changed_at IS NULL');
    backfillTicketCodes(db);
    db.exec(`
    CREATE UNIQUE INDEX IF NOT EXISTS tickets_by_code ON tickets (event_id, code);
    CREATE INDEX IF NOT EXISTS tickets_door_changes ON tickets (event_id, changed_at, id);
    CREATE TABLE IF NOT EXISTS checkin_lists (
      id TEXT PRIMARY KEY,
      event_id TEXT NOT NULL,
      name TEXT NOT NULL,
      ticket_type_ids TEXT NOT NULL,
      created_at TEXT NOT NULL
    );
    CREATE INDEX IF NOT EXISTS checkin_lists_by_event ON checkin_lists (event_id, created_at, id);
    CREATE TABLE IF NOT EXISTS scanner_links (
      id TEXT PRIMARY KEY,
      event_id TEXT NOT NULL,
      name TEXT NOT NULL,
      checkin_list_id TEXT,
      secret_hash TEXT NOT NULL UNIQUE,
      expires_at TEXT,
      created_at TEXT NOT NULL,
      revoked_at TEXT,
      last_seen_at TEXT,
      scan_count INTEGER NOT NULL DEFAULT 0
    );
    CREATE INDEX IF NOT EXISTS scanner_links_by_event ON scanner_links (event_id, created_at, id);
    CREATE TABLE IF NOT EXISTS checkin_conflicts (
      id TEXT PRIMARY KEY,
      event_id TEXT NOT NULL,
      checkin_id TEXT NOT NULL UNIQUE,
      ticket_id TEXT NOT NULL,
      first_checked_in_at TEXT NOT NULL,
      first_by TEXT NOT NULL,
      later_scanned_at TEXT NOT NULL,
      later_by TEXT NOT NULL,
      later_device_id TEXT,
      recorded_at TEXT NOT NULL
    );
    CREATE INDEX IF NOT EXISTS checkin_conflicts_by_event ON checkin_conflicts (event_id, recorded_at, id);
    `);
  },
  // The event's attendee policy (v1.1); events made before it get the defaults.
  `
  ALTER TABLE events ADD COLUMN max_tickets_per_account INTEGER NOT NULL DEFAULT 10;
  ALTER TABLE events ADD COLUMN attendee_cancellation_cutoff_hours INTEGER DEFAULT 48;
  `,
  // Tickets that follow edits: the event's revision (PDF keys, .ics SEQUENCE), the schedule its
  // holders were last told about until they are told of a move, and each holder's last change mail.
  `
  ALTER TABLE events ADD COLUMN revision INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE events ADD COLUMN change_notice TEXT;
  CREATE TABLE event_change_mails (
    registration_id TEXT PRIMARY KEY,
    revision INTEGER NOT NULL
  );
  `,
  // Password reset codes (apart from verification codes, so a reset never burns a sign-up's code),
  // and a user's sessions found together, to end them all on a password change.
  `
  CREATE TABLE IF NOT EXISTS reset_codes (
    user_id TEXT PRIMARY KEY REFERENCES users(id),
    code_hash TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0
  );
  CREATE INDEX IF NOT EXISTS refresh_tokens_by_user ON refresh_tokens (user_id);
  `,
  // Order tools: tickets refunded one by one (each refund kept as the order's history, its amount
  // summed on the order), a ticket's PDF version, raised when its attendee name changes, and when
  // an order's ticket mail was sent again (a few times an hour at most).
  `
  ALTER TABLE registrations ADD COLUMN refunded_cents INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE tickets ADD COLUMN pdf_version INTEGER NOT NULL DEFAULT 0;
  CREATE TABLE order_refunds (
    id TEXT PRIMARY KEY,
    registration_id TEXT NOT NULL REFERENCES registrations(id),
    event_id TEXT NOT NULL,
    ticket_ids TEXT NOT NULL,
    amount_cents INTEGER NOT NULL,
    currency TEXT NOT NULL,
    reason TEXT NOT NULL,
    by_role TEXT NOT NULL,
    by_user_id TEXT NOT NULL,
    at TEXT NOT NULL
  );
  CREATE INDEX order_refunds_by_registration ON order_refunds (registration_id, at, id);
  CREATE TABLE order_resends (
    registration_id TEXT NOT NULL REFERENCES registrations(id),
    at TEXT NOT NULL
  );
  CREATE INDEX order_resends_by_registration ON order_resends (registration_id, at);
  `,
  // The waiting list: one live entry (waiting or offered) per account and event; an offer's spots
  // are in its ticket type's held counter while it lasts.
  `
  CREATE TABLE waitlist_entries (
    id TEXT PRIMARY KEY,
    event_id TEXT NOT NULL REFERENCES events(id),
    user_id TEXT NOT NULL,
    attendee_name TEXT NOT NULL,
    attendee_email TEXT NOT NULL,
    ticket_type_id TEXT NOT NULL,
    quantity INTEGER NOT NULL,
    status TEXT NOT NULL,
    offer_minutes INTEGER NOT NULL,
    offer_id TEXT UNIQUE,
    offer_expires_at TEXT,
    registration_id TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  );
  CREATE UNIQUE INDEX waitlist_live_entry ON waitlist_entries (event_id, user_id) WHERE status IN ('waiting', 'offered');
  CREATE INDEX waitlist_by_event ON waitlist_entries (event_id, status, created_at, id);
  CREATE INDEX waitlist_by_user ON waitlist_entries (user_id, status);
  CREATE INDEX waitlist_offers_due ON waitlist_entries (offer_expires_at) WHERE status = 'offered';
  `,
  // Events with no end given: ends_at is then an assumed end for sales, never shown.
  `
  ALTER TABLE events ADD COLUMN open_ended INTEGER NOT NULL DEFAULT 0;
  `,
  // Promo codes (uses counted like spots), and the code, discount and paid amount a registration was placed with.
  `
  CREATE TABLE promo_codes (
    id TEXT PRIMARY KEY,
    event_id TEXT NOT NULL REFERENCES events(id),
    code TEXT NOT NULL,
    percent_off INTEGER,
    amount_off_cents INTEGER,
    max_uses INTEGER,
    valid_from TEXT,
    valid_until TEXT,
    ticket_type_ids TEXT NOT NULL,
    uses INTEGER NOT NULL DEFAULT 0,
    disabled_at TEXT,
    created_at TEXT NOT NULL,
    UNIQUE (event_id, code)
  );
  ALTER TABLE registrations ADD COLUMN promo_code_id TEXT;
  ALTER TABLE registrations ADD COLUMN promo_code TEXT;
  ALTER TABLE registrations ADD COLUMN discount_cents INTEGER;
  `,
  // Fixed-window rate-limit counters (quotes, renames, order PDFs): see rate-limits.ts.
  `
  CREATE TABLE rate_limit_counters (
    kind TEXT NOT NULL,
    key TEXT NOT NULL,
    window_start TEXT NOT NULL,
    hits INTEGER NOT NULL,
    expires_at TEXT NOT NULL,
    PRIMARY KEY (kind, key)
  );
  CREATE INDEX rate_limit_counters_expiry ON rate_limit_counters (expires_at);
  `,
  // An event's cover image (its variants' keys and sizes) as JSON; null: none.
  `
  ALTER TABLE events ADD COLUMN image TEXT;
  `,
  // The counter shards the organizer asked for (SalesCounting); null: none asked. Kept, not used: SQLite has one writer.
  `
  ALTER TABLE events ADD COLUMN counter_shards INTEGER;
  `,
];

/** Applies the migrations not yet applied, up to `toVersion` (all of them unless a test stops earlier). */
export function migrate(db: Database, toVersion = MIGRATIONS.length): void {
  const applied = db.pragma('user_version', { simple: true }) as number;
  for (let version = applied; version < toVersion; version++) {
    db.transaction(() => {
      const step = MIGRATIONS[version]!;
      if (typeof step === 'string') db.exec(step);
      else step(db);
      db.pragma(`user_version = ${version + 1}`);
    }).immediate();
  }
}
