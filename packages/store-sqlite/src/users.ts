import { DELETED_USER, accountDeletionBlock, unverifiedAccountExpired, type EventStatus, type RegistrationStatus, type UserStore } from '@ticketbooth/core';
import type { Sql } from './db.js';
import { toUser, type UserRow } from './rows.js';
import { forgetWaitlistOf } from './waitlist-offers.js';

/** The built-in identity's rows of a user (same database), gone with the user. */
const IDENTITY_TABLES = ['credentials', 'verification_codes', 'reset_codes', 'refresh_tokens'] as const;

export function sqliteUsers(sql: Sql): UserStore {
  const { q, immediate } = sql;
  const removeUserRows = (userId: string) => {
    for (const table of IDENTITY_TABLES) q(`DELETE FROM ${table} WHERE user_id = ?`).run(userId);
    q('DELETE FROM users WHERE id = ?').run(userId);
  };
  return {
    async insertUser(user) {
      return immediate(() => {
        const existing = q('SELECT * FROM users WHERE email = ?').get(user.email) as UserRow | undefined;
        if (existing) {
          // An account left unverified too long (it can have no registrations: login needs a verified email).
          if (!unverifiedAccountExpired(toUser(existing), new Date(user.createdAt))) return { ok: false, reason: 'email_taken' } as const;
          removeUserRows(existing.id);
        }
        q('INSERT INTO users (id, email, name, role, email_verified, created_at) VALUES (?, ?, ?, ?, ?, ?)').run(
          user.id, user.email, user.name, user.role, user.emailVerified ? 1 : 0, user.createdAt,
        );
        return { ok: true } as const;
      });
    },
    async getUser(id) {
      const row = q('SELECT * FROM users WHERE id = ?').get(id) as UserRow | undefined;
      return row ? toUser(row) : null;
    },
    async getUserByEmail(email) {
      const row = q('SELECT * FROM users WHERE email = ?').get(email.trim().toLowerCase()) as UserRow | undefined;
      return row ? toUser(row) : null;
    },
    async markEmailVerified(userId) {
      await immediate(() => q('UPDATE users SET email_verified = 1 WHERE id = ?').run(userId));
    },
    async deleteUser(userId, now) {
      return immediate(() => {
        const registrations = (
          q(`SELECT r.status, r.hold_expires_at, e.ends_at, e.status AS event_status
             FROM registrations r JOIN events e ON e.id = r.event_id WHERE r.user_id = ?`).all(userId) as Array<{
            status: RegistrationStatus; hold_expires_at: string | null; ends_at: string; event_status: EventStatus;
          }>
        ).map((r) => ({ status: r.status, holdExpiresAt: r.hold_expires_at, event: { endsAt: r.ends_at, status: r.event_status } }));
        const owned = (q('SELECT ends_at, status FROM events WHERE organizer_id = ?').all(userId) as Array<{ ends_at: string; status: EventStatus }>)
          .map((e) => ({ endsAt: e.ends_at, status: e.status }));
        const block = accountDeletionBlock(registrations, owned, now);
        if (block) return { ok: false, reason: block } as const;
        q('UPDATE registrations SET attendee_name = ?, attendee_email = ? WHERE user_id = ?').run(DELETED_USER, DELETED_USER, userId);
        q('UPDATE tickets SET attendee_name = ? WHERE user_id = ?').run(DELETED_USER, userId);
        forgetWaitlistOf(sql, userId, now.toISOString());
        removeUserRows(userId);
        return { ok: true } as const;
      });
    },
  };
}
