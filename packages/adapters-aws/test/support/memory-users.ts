import type { User } from '@ticketbooth/core';
import type { UserDirectory } from '../../src/index.js';

/** The Store's user slice in memory: what the identity keeps in step with Cognito. */
export function memoryUsers(): UserDirectory & { all(): User[] } {
  const byId = new Map<string, User>();
  return {
    all: () => [...byId.values()],
    async insertUser(user) {
      if ([...byId.values()].some((u) => u.email === user.email)) return { ok: false, reason: 'email_taken' };
      byId.set(user.id, { ...user });
      return { ok: true };
    },
    async getUser(id) {
      return byId.get(id) ?? null;
    },
    async getUserByEmail(email) {
      return [...byId.values()].find((u) => u.email === email.toLowerCase()) ?? null;
    },
    async markEmailVerified(userId) {
      const user = byId.get(userId);
      if (user) user.emailVerified = true;
    },
  };
}
