import { describe, expect, it } from 'vitest';
import { RESEND_LIMIT, resendWindow } from './resend-limit.js';

const now = new Date('2030-01-01T12:00:00.000Z');
const minutesAgo = (m: number) => new Date(now.getTime() - m * 60_000).toISOString();

describe('resendWindow', () => {
  it('allows the fifth resend of the hour and refuses the sixth until the oldest is an hour old', () => {
    expect(resendWindow([50, 40, 30, 20].map(minutesAgo), now).nextAllowedAt).toBeNull();
    const five = [50, 40, 30, 20, 10].map(minutesAgo);
    expect(RESEND_LIMIT.max).toBe(5);
    expect(resendWindow(five, now).nextAllowedAt).toBe('2030-01-01T12:10:00.000Z');
  });

  it('forgets resends older than the window', () => {
    const { counted, nextAllowedAt } = resendWindow([120, 61, 59].map(minutesAgo), now);
    expect(counted).toEqual([minutesAgo(59)]);
    expect(nextAllowedAt).toBeNull();
  });
});
