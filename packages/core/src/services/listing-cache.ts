import type { Clock } from '../ports/clock.js';

/** One form of a prepared answer: its bytes and a tag naming that version of them. */
export interface PreparedBytes {
  readonly bytes: Uint8Array;
  readonly tag: string;
}

/** A public answer prepared once for every reader: as is, and compressed. */
export interface PreparedAnswer extends PreparedBytes {
  readonly compressed: PreparedBytes;
}

/**
 * The public listing is read far more than it changes. Answers are cached per query and dropped
 * whenever anything that shows in a listing changes in this process (an event edited, a spot
 * taken or released); the time limit bounds staleness from other processes (several Lambdas).
 */
export class ListingCache<T> {
  private entries = new Map<string, { at: number; value: T }>();
  private dropped = 0;

  constructor(
    private readonly clock: Clock,
    private readonly ttlMs = 2000,
    private readonly maxEntries = 1000,
  ) {}

  invalidate(): void {
    this.entries.clear();
    this.dropped++;
  }

  /**
   * How many times the cache was dropped: a copy of an answer made at one generation (the Node
   * server's prepared responses) is out of date once the generation moves on.
   */
  get generation(): number {
    return this.dropped;
  }

  async get(key: string, load: () => Promise<T>): Promise<T> {
    const now = this.clock.now().getTime();
    const hit = this.entries.get(key);
    if (hit && now - hit.at < this.ttlMs) return hit.value;
    const value = await load();
    if (this.entries.size >= this.maxEntries) this.entries.clear();
    this.entries.set(key, { at: now, value });
    return value;
  }
}
