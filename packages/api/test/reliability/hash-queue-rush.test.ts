import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { startTestServer } from '../support/server.js';
import { reportFigures } from './figures.js';

const PASSWORD = 'correct horse battery';
const RUSH = 120;
const HASH_QUEUE = 8;

interface Answer {
  status: number;
  retryAfter: string | undefined;
  ms: number;
  doneAt: number;
}

/** A JSON POST from a given loopback address (the server reads the socket's: TRUST_PROXY is unset). */
function postFrom(localAddress: string, baseUrl: string, path: string, body: unknown, onAnswer?: (a: Answer) => void): Promise<Answer> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = request(new URL(path, baseUrl), { method: 'POST', localAddress, headers: { 'content-type': 'application/json' } }, (res) => {
      res.resume();
      res.on('end', () => {
        const doneAt = performance.now();
        const answer = { status: res.statusCode!, retryAfter: res.headers['retry-after'] as string | undefined, ms: doneAt - started, doneAt };
        onAnswer?.(answer);
        resolve(answer);
      });
    });
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });
}

describe('abuse that costs nothing: a sign-up rush from many addresses meets the hash queue', () => {
  it(`${RUSH} concurrent sign-ups from ${RUSH} addresses: past the queue they get 503 busy at once, and a login sent while the queue is full is hashed before the queued sign-ups`, async () => {
    // Production scrypt (N=2^17, 128 MiB) and 2 hashes at once; a queue of 8 (default 32) keeps the
    // test short and proves the same. Each address signs up once, so no per-address limit applies.
    const t = await startTestServer({ scryptN: 2 ** 17, env: { PASSWORD_HASH_QUEUE: String(HASH_QUEUE) } });
    try {
      const owner = t.client();
      const email = 'owner-in-the-rush@example.test';
      expect((await postFrom('127.0.0.3', t.url, '/api/auth/signup', { email, password: PASSWORD, name: 'Owner', role: 'attendee' })).status).toBe(201);
      expect((await owner.post('/api/auth/verify-email', { email, code: await owner.latestCode(email) })).status).toBe(200);
      const alone = await postFrom('127.0.0.3', t.url, '/api/auth/login', { email, password: PASSWORD });
      expect(alone.status).toBe(200);

      // The login goes out once the first sign-up is refused busy: the queue is full at that moment.
      let queueFull!: () => void;
      const full = new Promise<void>((resolve) => (queueFull = resolve));
      const rush = Array.from({ length: RUSH }, (_, i) =>
        postFrom(`127.0.1.${10 + i}`, t.url, '/api/auth/signup', { email: `rush-${i}@example.test`, password: PASSWORD, name: 'Rush', role: 'attendee' }, (a) => {
          if (a.status === 503) queueFull();
        }),
      );
      // (Or when every sign-up has been answered, should none be refused: the test then fails below.)
      await Promise.race([full, Promise.all(rush)]);
      const login = await postFrom('127.0.0.2', t.url, '/api/auth/login', { email, password: PASSWORD });
      const answers = await Promise.all(rush);

      const created = answers.filter((a) => a.status === 201);
      const busy = answers.filter((a) => a.status === 503);
      expect(created.length + busy.length).toBe(RUSH);
      // At least the two running and the eight waiting were hashed; a few more may have come in as hashes ended.
      expect(created.length).toBeGreaterThanOrEqual(2 + HASH_QUEUE);
      expect(busy.length).toBeGreaterThan(RUSH / 2);
      expect(busy.every((a) => Number(a.retryAfter) >= 1)).toBe(true);
      expect(login.status).toBe(200);
      // In its own lane, served first, the login waited for a running hash, not for the queued sign-ups.
      const lastCreated = Math.max(...created.map((a) => a.doneAt));
      expect(login.doneAt).toBeLessThan(lastCreated);
      reportFigures('signup-rush-hash-queue', {
        signUps: RUSH,
        hashed: created.length,
        refusedBusy: busy.length,
        slowestBusyMs: Math.round(Math.max(...busy.map((a) => a.ms))),
        loginAloneMs: Math.round(alone.ms),
        loginDuringRushMs: Math.round(login.ms),
        lastSignUpAfterLoginMs: Math.round(lastCreated - login.doneAt),
      });
    } finally {
      await t.stop();
    }
  }, 180_000);
});
