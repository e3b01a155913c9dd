import type { Mailbox, MailboxEntry } from '@ticketbooth/core';
import type { Sql } from './db.js';

interface MailboxRow { id: string; to_addr: string; subject: string; text: string; sent_at: string; attachments: string }

const toEntry = (r: MailboxRow): MailboxEntry => ({
  id: r.id, to: r.to_addr, subject: r.subject, text: r.text, sentAt: r.sent_at,
  attachments: JSON.parse(r.attachments) as MailboxEntry['attachments'],
});

/**
 * The local outbox of sent mail behind GET /api/dev/mailbox. Its rows go through the store's group
 * commit: a mail alone in its transaction would cost an fsync of its own (synchronous=FULL).
 */
export function createSqliteMailbox({ db, immediate }: Sql): Mailbox {
  const insert = db.prepare('INSERT INTO mailbox (id, to_addr, subject, text, sent_at, attachments) VALUES (?, ?, ?, ?, ?, ?)');
  const byRecipient = db.prepare('SELECT * FROM mailbox WHERE to_addr = ? ORDER BY sent_at DESC, rowid DESC LIMIT ?');
  const all = db.prepare('SELECT * FROM mailbox ORDER BY sent_at DESC, rowid DESC LIMIT ?');
  return {
    async record(e) {
      await immediate(() => insert.run(e.id, e.to.trim().toLowerCase(), e.subject, e.text, e.sentAt, JSON.stringify(e.attachments)));
    },
    async list(to, limit) {
      const rows = (to ? byRecipient.all(to.trim().toLowerCase(), limit) : all.all(limit)) as MailboxRow[];
      return rows.map(toEntry);
    },
  };
}
