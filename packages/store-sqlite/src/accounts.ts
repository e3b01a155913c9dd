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
  const verification = codeTable(db, 'verification_codes');
  const reset = codeTable(db, 'reset_codes');
  const setHash = db.prepare('UPDATE credentials SET password_hash = ?, token_version = token_version + 1 WHERE user_id = ?');
  const revokeUser = db.prepare('UPDATE refresh_tokens SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL AND family_id IS NOT ?');
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
    async putVerificationCode(code) {
      verification.put(code);
    },
    async getVerificationCode(userId) {
      return verification.get(userId);
    },
    async incrementVerificationAttempts(userId) {
      verification.countAttempt(userId);
    },
    async deleteVerificationCode(userId) {
      verification.remove(userId);
    },
    async putResetCode(code) {
      reset.put(code);
    },
    async getResetCode(userId) {
      return reset.get(userId);
    },
    async countResetAttempt(userId) {
      return reset.countAttempt(userId);
    },
    async deleteResetCode(userId) {
      reset.remove(userId);
    },
    async setPasswordHash(userId, passwordHash) {
      setHash.run(passwordHash, userId);
    },
    async revokeUserRefreshTokens(userId, at, keepFamilyId) {
      revokeUser.run(at, userId, keepFamilyId ?? null);
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

/** One mailed-code table (verification or reset): a code per user, hashed, with its tries. */
function codeTable(db: Database, table: 'verification_codes' | 'reset_codes') {
  const put = db.prepare(
    `INSERT INTO ${table} (user_id, code_hash, expires_at, attempts) VALUES (?, ?, ?, ?)
     ON CONFLICT (user_id) DO UPDATE SET code_hash = excluded.code_hash, expires_at = excluded.expires_at, attempts = excluded.attempts`,
  );
  const get = db.prepare(`SELECT * FROM ${table} WHERE user_id = ?`);
  const count = db.prepare(`UPDATE ${table} SET attempts = attempts + 1 WHERE user_id = ? RETURNING attempts`);
  const remove = db.prepare(`DELETE FROM ${table} WHERE user_id = ?`);
  return {
    put: (code: VerificationCode) => put.run(code.userId, code.codeHash, code.expiresAt, code.attempts),
    get(userId: string): VerificationCode | null {
      const row = get.get(userId) as { user_id: string; code_hash: string; expires_at: string; attempts: number } | undefined;
      return row ? { userId: row.user_id, codeHash: row.code_hash, expiresAt: row.expires_at, attempts: row.attempts } : null;
    },
    countAttempt: (userId: string): number => (count.get(userId) as { attempts: number } | undefined)?.attempts ?? 0,
    remove: (userId: string) => remove.run(userId),
  };
}
