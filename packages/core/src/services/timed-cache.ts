import type { Clock } from '../ports/clock.js';
import { singleFlight } from './single-flight.js';

/**
 * Values cached per key for a time: what is read far more than it changes. The public listing's
 * answers are cached per query and dropped whenever anything that shows in a listing changes in
 * this process (an event edited, a spot taken or released); the time limit bounds staleness from
 * other processes (several Lambdas). Registering reads events through one too (registrations.ts).
 */
export class TimedCache<T> {
  private entries = new Map<string, { at: number; value: T }>();
  /**
   * Loads under way, shared by every caller that misses on the same key meanwhile: when a copy
   * expires under thousands of readers a second, one read goes to the store, not one per reader.
   */
  private readonly loading = singleFlight<T>();
  private dropped = 0;
  /** Moved on by every invalidation and forget: a load begun before one may have read what it dropped. */
  private drops = 0;

  constructor(
    private readonly clock: Clock,
    private readonly ttlMs = 2000,
    private readonly maxEntries = 1000,
  ) {}

  invalidate(): void {
    this.entries.clear();
    this.loading.drop();
    this.dropped++;
    this.drops++;
  }

  /**
   * How many times the cache was dropped: a copy of an answer made at one generation (the Node
   * server's prepared responses) is out of date once the generation moves on.
   */
  get generation(): number {
    return this.dropped;
  }

  /** Drops one key's value: the next `get` loads it anew. */
  forget(key: string): void {
    this.entries.delete(key);
    this.loading.drop(key);
    this.drops++;
  }

  async get(key: string, load: () => Promise<T>): Promise<T> {
    const now = this.clock.now().getTime();
    const hit = this.entries.get(key);
    if (hit && now - hit.at < this.ttlMs) return hit.value;
    const drops = this.drops;
    return this.loading(key, async () => {
      const value = await load();
      // Its callers get it (they asked before any change), but a value read across a drop is not kept.
      if (this.drops === drops) this.store(key, now, value);
      return value;
    });
  }

  private store(key: string, at: number, value: T): void {
    if (this.entries.size >= this.maxEntries) this.entries.clear();
    this.entries.set(key, { at, value });
  }
}
