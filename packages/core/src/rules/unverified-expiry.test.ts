import { describe, expect, it } from 'vitest';
import { unverifiedAccountExpired } from './unverified-expiry.js';

const createdAt = '2030-01-01T00:00:00.000Z';

describe('unverifiedAccountExpired', () => {
  it('lets a sign-up take the email of an account left unverified for 7 days', () => {
    expect(unverifiedAccountExpired({ emailVerified: false, createdAt }, new Date('2030-01-08T00:00:00.000Z'))).toBe(true);
  });

  it('keeps an unverified account younger than 7 days', () => {
    expect(unverifiedAccountExpired({ emailVerified: false, createdAt }, new Date('2030-01-07T23:59:59.000Z'))).toBe(false);
  });

  it('never lets a verified account go', () => {
    expect(unverifiedAccountExpired({ emailVerified: true, createdAt }, new Date('2031-01-01T00:00:00.000Z'))).toBe(false);
  });
});
