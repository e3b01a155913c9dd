import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createServices, defaultSettings, randomIds, silentLogger, type Identity, type Mailer, type ServiceDeps, type Services } from '@ticketbooth/core';
import { openSqlite, type SqliteStores } from '@ticketbooth/store-sqlite';
import { TestClock } from '@ticketbooth/testkit';
import { createLocalIdentity, createLocalMailer } from '../src/index.js';

const secret = new TextEncoder().encode('a-test-secret-that-is-long-enough-32b');
const isReset = (subject: string) => /password reset/i.test(subject);

describe('the password reset mail goes through the outbox', () => {
  let db: SqliteStores;
  let clock: TestClock;
  let identity: Identity;
  let outbox: Services['jobs'];
  /** Reset mails the mail server refuses before it accepts one. */
  let resetSendsToRefuse: number;

  beforeEach(() => {
    db = openSqlite(':memory:');
    clock = new TestClock(Date.parse('2030-01-01T00:00:00Z'));
    resetSendsToRefuse = 0;
    const mailbox = createLocalMailer({ mailbox: db.mailbox, clock, ids: randomIds, logger: silentLogger, from: 'test@example.test' });
    const mailer: Mailer = {
      send: (mail) => (isReset(mail.subject) && resetSendsToRefuse-- > 0 ? Promise.reject(new Error('smtp down')) : mailbox.send(mail)),
    };
    identity = createLocalIdentity({ store: db.store, accounts: db.accounts, mailer, clock, ids: randomIds, logger: silentLogger, jwtSecret: secret, scrypt: { N: 2 ** 10, r: 8, p: 1 } });
    // Only what the outbox's mail jobs use.
    const deps = { store: db.store, identity, mailer, clock, ids: randomIds, logger: silentLogger, settings: defaultSettings } as Partial<ServiceDeps> as ServiceDeps;
    outbox = createServices(deps).jobs;
  });
  afterEach(() => db.close());

  const resetMails = async (email: string) => (await db.mailbox.list(email, 10)).filter((m) => isReset(m.subject));

  async function account(email: string): Promise<void> {
    await identity.signUp({ email, password: 'long enough pw', name: 'Ada', role: 'attendee' });
    const [mail] = await db.mailbox.list(email, 1);
    await identity.verifyEmail(email, /\b(\d{6})\b/.exec(mail!.text)![1]!);
  }

  it('is committed as a job by the request and mailed by the outbox, its code setting the password', async () => {
    await account('ada@example.test');
    await identity.requestPasswordReset('Ada@Example.test', '10.0.0.1');
    // Nothing mailed by the request itself: a crash now leaves the job to the next drain.
    expect(await resetMails('ada@example.test')).toEqual([]);
    expect(await outbox.drain()).toBe(1);
    const [mail] = await resetMails('ada@example.test');
    const code = /\b(\d{6})\b/.exec(mail!.text)![1]!;
    expect((await identity.confirmPasswordReset({ email: 'ada@example.test', code, newPassword: 'a brand new passphrase' }, '10.0.0.1')).email).toBe('ada@example.test');
    expect(await outbox.drain()).toBe(0);
  });

  it('is retried after a failed send, and the code of the mail that arrived works', async () => {
    await account('bo@example.test');
    resetSendsToRefuse = 1;
    await identity.requestPasswordReset('bo@example.test', '10.0.0.1');
    expect(await outbox.drain()).toBe(1);
    expect(await resetMails('bo@example.test')).toEqual([]);
    // Retried after its backoff, not before.
    expect(await outbox.drain()).toBe(0);
    clock.advance(11_000);
    expect(await outbox.drain()).toBe(1);
    const mails = await resetMails('bo@example.test');
    expect(mails).toHaveLength(1);
    const code = /\b(\d{6})\b/.exec(mails[0]!.text)![1]!;
    expect((await identity.confirmPasswordReset({ email: 'bo@example.test', code, newPassword: 'a brand new passphrase' }, '10.0.0.1')).emailVerified).toBe(true);
  });

  it('an unknown email is enqueued alike and mails nobody', async () => {
    await identity.requestPasswordReset('nobody@example.test', '10.0.0.1');
    expect(await outbox.drain()).toBe(1);
    expect(await db.mailbox.list('nobody@example.test', 10)).toEqual([]);
  });
});
