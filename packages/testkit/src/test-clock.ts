import type { Clock } from '@ticketbooth/core';

/** A clock the test moves by hand (hold expiry, link expiry, token expiry). */
export class TestClock implements Clock {
  private current: number;
  constructor(start: number = Date.now()) {
    this.current = start;
  }
  now(): Date {
    return new Date(this.current);
  }
  /** Moves the clock by `ms` (negative moves it back). */
  advance(ms: number): void {
    this.current += ms;
  }
}
