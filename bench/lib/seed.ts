import { join } from 'node:path';
import { randomIds, type Role } from '@ticketbooth/core';
import { openSqlite } from '@ticketbooth/store-sqlite';
import { hashPassword } from '@ticketbooth/adapters-local';
import { accessTokenMinter } from '@ticketbooth/testkit';

export interface SeededUser {
  id: string;
  role: Role;
}

/**
 * Pre-creates verified accounts straight in the SQLite file before the server starts: signing up
 * thousands over HTTP would measure scrypt (about a second each here), not the on-sale rush.
 * One password hash is computed and shared by all of them.
 */
export async function seedUsers(dataDir: string, attendees: number): Promise<{ organizer: SeededUser; attendees: SeededUser[] }> {
  const db = openSqlite(join(dataDir, 'ticketbooth.db'), { synchronous: 'NORMAL' });
  const passwordHash = await hashPassword('bench-password', { N: 2 ** 10, r: 8, p: 1 });
  const now = new Date().toISOString();
  const make = async (role: Role, i: number): Promise<SeededUser> => {
    const id = randomIds.newId('usr');
    await db.store.insertUser({ id, email: `${role}-${i}@bench.test`, name: `${role} ${i}`, role, emailVerified: true, createdAt: now });
    await db.accounts.putCredentials({ userId: id, passwordHash, tokenVersion: 0 });
    return { id, role };
  };
  const organizer = await make('organizer', 0);
  const list: SeededUser[] = [];
  for (let i = 0; i < attendees; i++) list.push(await make('attendee', i));
  db.close();
  return { organizer, attendees: list };
}

/** Access tokens minted with the server's own secret instead of 5,000 logins; an hour outlasts any run. */
export function mintTokens(dataDir: string, users: SeededUser[]): Promise<string[]> {
  const mint = accessTokenMinter(dataDir, { ttlSeconds: 3600 });
  return Promise.all(users.map((u) => mint(u)));
}
