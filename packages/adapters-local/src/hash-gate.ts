import { DomainError } from '@ticketbooth/core';

/**
 * Bounds the password hashes in flight. Each scrypt takes 128 MiB and a libuv pool thread (shared
 * with file I/O) for a few hundred ms; unbounded, a burst of sign-ups queued a real login for 51.6 s.
 * Past `maxQueued` waiting, a caller is refused at once with how long to wait, rather than kept
 * waiting a minute.
 */
export class HashGate {
  private running = 0;
  private readonly waiting: Array<() => void> = [];
  /** Recent hash duration (moving average), to tell a refused caller when to come back. */
  private averageMs = 250;

  constructor(
    private readonly concurrency: number,
    private readonly maxQueued: number,
  ) {}

  async run<T>(hash: () => Promise<T>): Promise<T> {
    if (this.running < this.concurrency) this.running++;
    else if (this.waiting.length < this.maxQueued) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else throw this.busy();
    const started = performance.now();
    try {
      return await hash();
    } finally {
      this.averageMs = 0.8 * this.averageMs + 0.2 * (performance.now() - started);
      // The slot passes straight to the next waiter, so `running` only drops when nobody waits.
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    }
  }

  private busy(): DomainError {
    const drainMs = ((this.waiting.length + 1) * this.averageMs) / this.concurrency;
    return new DomainError('busy', 'Too many logins and sign-ups at once. Please try again in a moment.', {
      retryAfterSeconds: Math.max(1, Math.ceil(drainMs / 1000)),
    });
  }
}
