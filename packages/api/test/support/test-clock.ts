import type { Clock } from '@ticketbooth/core';

/** A clock the test moves by hand (hold expiry, link expiry, token expiry). */
export class TestClock implements Clock {
  private current: number;
  constructor(start = Date.now()) {
    this.current = start;
  }
  now(): Date {
    return new Date(this.current);
  }
  advance(ms: number): void {
    this.current += ms;
  }
}
