import { DomainError } from '@ticketbooth/core';

/** Which queue a hash waits in: a login (someone waiting to get in) goes before new passwords. */
export type HashLane = 'login' | 'new_password';

/**
 * Bounds the password hashes in flight. Each scrypt takes 128 MiB and a libuv pool thread (shared
 * with file I/O) for a few hundred ms; unbounded, a burst of sign-ups queued a real login for 51.6 s.
 * Past `maxQueued` waiting in its lane, a caller is refused at once with how long to wait, rather
 * than kept waiting a minute. Logins have their own lane, served first, so a burst of sign-ups can
 * neither fill a login's queue nor stand in front of it.
 */
export class HashGate {
  private running = 0;
  private readonly waiting: Record<HashLane, Array<() => void>> = { login: [], new_password: [] };
  /** Recent hash duration (moving average), to tell a refused caller when to come back. */
  private averageMs = 250;

  constructor(
    private readonly concurrency: number,
    private readonly maxQueued: number,
  ) {}

  async run<T>(hash: () => Promise<T>, lane: HashLane = 'new_password'): Promise<T> {
    const queue = this.waiting[lane];
    if (this.running < this.concurrency) this.running++;
    else if (queue.length < this.maxQueued) await new Promise<void>((resolve) => queue.push(resolve));
    else throw this.busy(queue.length);
    const started = performance.now();
    try {
      return await hash();
    } finally {
      this.averageMs = 0.8 * this.averageMs + 0.2 * (performance.now() - started);
      // The slot passes straight to the next waiter, so `running` only drops when nobody waits.
      const next = this.waiting.login.shift() ?? this.waiting.new_password.shift();
      if (next) next();
      else this.running--;
    }
  }

  private busy(waiting: number): DomainError {
    const drainMs = ((waiting + 1) * this.averageMs) / this.concurrency;
    return new DomainError('busy', 'Too many logins and sign-ups at once. Please try again in a moment.', {
      retryAfterSeconds: Math.max(1, Math.ceil(drainMs / 1000)),
    });
  }
}
