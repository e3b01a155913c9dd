import type { Database } from 'better-sqlite3';
import type { AccountStore, Credentials, RefreshTokenRecord, VerificationCode } from '@ticketbooth/core';

/** Credentials of the built-in identity: hashes only, never a password, code or token in clear. */
export function createSqliteAccountStore(db: Database): AccountStore {
  const putCredentials = db.prepare(
    `INSERT INTO credentials (user_id, password_hash, token_version) VALUES (?, ?, ?)
     ON CONFLICT (user_id) DO UPDATE SET password_hash = excluded.password_hash, token_version = excluded.token_version`,
  );
  const getCredentials = db.prepare('SELECT user_id, password_hash, token_version FROM credentials WHERE user_id = ?');
  const bump = db.prepare('UPDATE credentials SET token_version = token_version + 1 WHERE user_id = ? RETURNING token_version');
  const putCode = db.prepare(
    `INSERT INTO verification_codes (user_id, code_hash, expires_at, attempts) VALUES (?, ?, ?, ?)
     ON CONFLICT (user_id) DO UPDATE SET code_hash = excluded.code_hash, expires_at = excluded.expires_at, attempts = excluded.attempts`,
  );
  const getCode = db.prepare('SELECT * FROM verification_codes WHERE user_id = ?');
  const incAttempts = db.prepare('UPDATE verification_codes SET attempts = attempts + 1 WHERE user_id = ?');
  const deleteCode = db.prepare('DELETE FROM verification_codes WHERE user_id = ?');
  const putRefresh = db.prepare(
    'INSERT INTO refresh_tokens (token_hash, user_id, family_id, expires_at, used_at, revoked_at) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const getRefresh = db.prepare('SELECT * FROM refresh_tokens WHERE token_hash = ?');
  const markUsed = db.prepare('UPDATE refresh_tokens SET used_at = ? WHERE token_hash = ? AND used_at IS NULL');
  const revokeFamily = db.prepare('UPDATE refresh_tokens SET revoked_at = ? WHERE family_id = ? AND revoked_at IS NULL');

  return {
    async putCredentials(c: Credentials) {
      putCredentials.run(c.userId, c.passwordHash, c.tokenVersion);
    },
    async getCredentials(userId) {
      const row = getCredentials.get(userId) as { user_id: string; password_hash: string; token_version: number } | undefined;
      return row ? { userId: row.user_id, passwordHash: row.password_hash, tokenVersion: row.token_version } : null;
    },
    async bumpTokenVersion(userId) {
      const row = bump.get(userId) as { token_version: number } | undefined;
      return row?.token_version ?? 0;
    },
    async putVerificationCode(code: VerificationCode) {
      putCode.run(code.userId, code.codeHash, code.expiresAt, code.attempts);
    },
    async getVerificationCode(userId) {
      const row = getCode.get(userId) as { user_id: string; code_hash: string; expires_at: string; attempts: number } | undefined;
      return row ? { userId: row.user_id, codeHash: row.code_hash, expiresAt: row.expires_at, attempts: row.attempts } : null;
    },
    async incrementVerificationAttempts(userId) {
      incAttempts.run(userId);
    },
    async deleteVerificationCode(userId) {
      deleteCode.run(userId);
    },
    async putRefreshToken(r: RefreshTokenRecord) {
      putRefresh.run(r.tokenHash, r.userId, r.familyId, r.expiresAt, r.usedAt, r.revokedAt);
    },
    async getRefreshToken(tokenHash) {
      const row = getRefresh.get(tokenHash) as
        | { token_hash: string; user_id: string; family_id: string; expires_at: string; used_at: string | null; revoked_at: string | null }
        | undefined;
      return row
        ? { tokenHash: row.token_hash, userId: row.user_id, familyId: row.family_id, expiresAt: row.expires_at, usedAt: row.used_at, revokedAt: row.revoked_at }
        : null;
    },
    async markRefreshTokenUsed(tokenHash, at) {
      return markUsed.run(at, tokenHash).changes === 1;
    },
    async revokeRefreshFamily(familyId, at) {
      revokeFamily.run(at, familyId);
    },
  };
}
