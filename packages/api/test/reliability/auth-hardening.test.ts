import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient, ApiResponse } from '../support/client.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { reportFigures } from './figures.js';

/**
 * Login throttling and account enumeration, measured at the production scrypt cost (N=2^17) so a
 * missing dummy hash for unknown emails would show as a hundredfold faster answer.
 * (Refresh-token reuse, scrypt parameters and clean logs: auth.test.ts and adapters-local.)
 */
const PASSWORD = 'correct horse battery';
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

describe('auth hardening', () => {
  let t: TestServer;
  let anyone: ApiClient;
  let verifiedEmail: string;
  let unverifiedEmail: string;
  const nextWindow = () => t.clock.advance(16 * 60_000); // past the login failure window

  beforeAll(async () => {
    t = await startTestServer({ scryptN: 2 ** 17 });
    anyone = t.client();
    const attendee = await t.client().signUpVerified('attendee');
    verifiedEmail = attendee.user!.email;
    unverifiedEmail = `unverified-${Date.now()}@example.test`;
    expect((await anyone.post('/api/auth/signup', { email: unverifiedEmail, password: PASSWORD, name: 'Una', role: 'attendee' })).status).toBe(201);
  }, 60_000);
  afterAll(() => t?.stop());

  it('brute force on one account: 5 tries per 15 minutes, then even the right password waits', async () => {
    nextWindow();
    const results: number[] = [];
    for (let i = 0; i < 20; i++) results.push((await anyone.post('/api/auth/login', { email: verifiedEmail, password: `guess-${i}-wrong` })).status);
    const locked = await anyone.post('/api/auth/login', { email: verifiedEmail, password: PASSWORD });
    nextWindow();
    const later = await anyone.post('/api/auth/login', { email: verifiedEmail, password: PASSWORD });
    const allowed = results.filter((s) => s === 401).length;
    reportFigures('auth-throttle-account', { attempts: results.length, allowedPer15Min: allowed, throttled: results.filter((s) => s === 429).length });
    expect(allowed).toBe(5);
    expect(results.slice(5).every((s) => s === 429)).toBe(true);
    expect(locked.status).toBe(429);
    expect(locked.body.error.code).toBe('too_many_attempts');
    expect(later.status).toBe(200);
  });

  it('password spraying from one client: 60 failed tries per 15 minutes across accounts', async () => {
    // The per-client limit does not depend on the hash cost: a cheap-scrypt server keeps this quick.
    const quick = await startTestServer();
    // A sprayer comes back after a 503 busy (the hash queue was full, so nothing was counted), as
    // its Retry-After asks; on a loaded machine a few of 90 concurrent tries meet one.
    const spray = async (email: string): Promise<number> => {
      for (let attempt = 0; ; attempt++) {
        const res = await quick.client().post('/api/auth/login', { email, password: 'Summer2026!' });
        if (res.status !== 503 || attempt === 20) return res.status;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    };
    const statuses = await Promise.all(Array.from({ length: 90 }, (_, i) => spray(`spray-${i}@example.test`))).finally(() => quick.stop());
    const allowed = statuses.filter((s) => s === 401).length;
    reportFigures('auth-throttle-client', { attempts: statuses.length, allowedPer15Min: allowed, throttled: statuses.filter((s) => s === 429).length });
    expect(allowed).toBe(60);
    expect(statuses.filter((s) => s === 429)).toHaveLength(30);
  });

  it('login says the same thing, as slowly, for an unknown email and a wrong password', async () => {
    const timed = async (email: string): Promise<{ ms: number; res: ApiResponse }> => {
      nextWindow();
      const start = performance.now();
      const res = await anyone.post('/api/auth/login', { email, password: 'not-the-password' });
      return { ms: performance.now() - start, res };
    };
    const unknown: number[] = [];
    const wrong: number[] = [];
    for (let i = 0; i < 9; i++) {
      const a = await timed(`nobody-${i}@example.test`);
      const b = await timed(verifiedEmail);
      expect(a.res.status).toBe(401);
      expect(b.res.status).toBe(401);
      expect(a.res.body).toEqual(b.res.body);
      unknown.push(a.ms);
      wrong.push(b.ms);
    }
    const ratio = median(unknown) / median(wrong);
    reportFigures('auth-enumeration-login', { medianUnknownMs: Math.round(median(unknown)), medianWrongPasswordMs: Math.round(median(wrong)), ratio: Number(ratio.toFixed(2)) });
    // Without the dummy hash an unknown email answers in ~1% of the time; equal cost keeps it near 1.
    expect(ratio).toBeGreaterThan(0.5);
    expect(ratio).toBeLessThan(2);
  }, 60_000);

  it('resend-verification answers 202 alike for unknown, unverified and verified emails', async () => {
    const answers = await Promise.all([`ghost-${Date.now()}@example.test`, unverifiedEmail, verifiedEmail].map((email) => anyone.post('/api/auth/resend-verification', { email })));
    reportFigures('auth-enumeration-resend', { statuses: answers.map((a) => a.status).join('/') });
    expect(answers.map((a) => a.status)).toEqual([202, 202, 202]);
    expect(new Set(answers.map((a) => a.text)).size).toBe(1);
  });

  it('an unverified account learns nothing without its password, and cannot log in with it', async () => {
    nextWindow();
    const wrong = await anyone.post('/api/auth/login', { email: unverifiedEmail, password: 'not-the-password' });
    const right = await anyone.post('/api/auth/login', { email: unverifiedEmail, password: PASSWORD });
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.code).toBe('invalid_credentials');
    expect(right.status).toBe(403);
    expect(right.body.error.code).toBe('email_not_verified');
  });
});
