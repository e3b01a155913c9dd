import type { UserStore } from '@ticketbooth/core';
import type { Sql } from './db.js';
import { toUser, type UserRow } from './rows.js';

export function sqliteUsers(sql: Sql): UserStore {
  const { q, immediate } = sql;
  return {
    async insertUser(user) {
      const result = await immediate(() => q('INSERT INTO users (id, email, name, role, email_verified, created_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (email) DO NOTHING').run(
        user.id, user.email, user.name, user.role, user.emailVerified ? 1 : 0, user.createdAt,
      ));
      return result.changes === 1 ? { ok: true } : { ok: false, reason: 'email_taken' };
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
  };
}
