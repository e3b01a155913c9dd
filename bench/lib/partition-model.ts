/**
 * A small model of DynamoDB's per-partition write capacity, for the hot-event ceiling: every
 * partition a write touches has a token bucket of `partitionWcuPerSecond` (1,000 WCU/s); a base
 * item written by a transaction is held for `inFlightMs`, and a second transaction reaching it
 * meanwhile is cancelled (TransactionConflict) and sent again by the store after its backoff; a
 * write that finds a bucket empty is throttled and retried by the SDK after its backoff. The
 * registrations it replays are recorded from the real store (dynamo-recorder.ts), so their
 * transactions, retries on a drained shard and rebalancings are the store's own.
 */

export interface ModelWrite {
  /** `pk` for a base-table item, `<index>:<pk>` for an index partition. */
  partition: string;
  wcu: number;
  /** A base-table item a transaction holds while it is in flight (index partitions are only capacity). */
  held: boolean;
}

export interface ModelRequest {
  transactional: boolean;
  writes: ModelWrite[];
}

/** One registration as the store wrote it: its write requests, in order. */
export type RegistrationPattern = ModelRequest[];

export interface ModelOptions {
  partitionWcuPerSecond: number;
  /** Bucket size in seconds of capacity: on-demand's burst from unused capacity is left out, so this is small. */
  burstSeconds: number;
  /** How long a transaction holds its items (two-phase: prepared until committed). */
  inFlightMs: number;
  /** Time from one request's answer to the next request of the registration (its reads). */
  thinkMs: number;
  /** The SDK's attempts per request and its backoff before retry `n` (1-based), and the store's for a cancelled transaction (0-based). */
  sdkMaxAttempts: number;
  sdkBackoffMs(retry: number): number;
  conflictRetries: number;
  conflictBackoffMs(attempt: number): number;
  /**
   * The store's answer to a transaction cancelled for a conflict, before any backoff: the request
   * it sends at once instead (a placement moves to another counter shard), or null to back off and
   * send the same one again. `tried` are the requests of this step sent so far, the cancelled one last.
   */
  instead?(tried: ModelRequest[], conflicted: ModelWrite[]): ModelRequest | null;
  /**
   * Charge a cancelled transaction its prepare (half of each held item's units). AWS documents two
   * writes per item (prepare, commit) but not whether a cancelled transaction's prepare is charged.
   */
  chargeCancelledPrepare?: boolean;
  random(): number;
}

export interface ModelRun {
  offeredPerSecond: number;
  registrations: number;
  completed: number;
  /** Answered busy: a request ran out of retries. */
  busy: number;
  /** Registrations completed while they were arriving, per second: the rate kept up with. */
  completedPerSecond: number;
  latencyMs: { p50: number; p99: number };
  throttled: number;
  conflicts: number;
}

class MinHeap<T> {
  private readonly items: { at: number; value: T }[] = [];
  get size() {
    return this.items.length;
  }
  push(at: number, value: T): void {
    const items = this.items;
    items.push({ at, value });
    for (let i = items.length - 1; i > 0; ) {
      const parent = (i - 1) >> 1;
      if (items[parent]!.at <= items[i]!.at) break;
      [items[parent], items[i]] = [items[i]!, items[parent]!];
      i = parent;
    }
  }
  pop(): { at: number; value: T } {
    const items = this.items;
    const top = items[0]!;
    const last = items.pop()!;
    if (items.length > 0) {
      items[0] = last;
      for (let i = 0; ; ) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < items.length && items[l]!.at < items[m]!.at) m = l;
        if (r < items.length && items[r]!.at < items[m]!.at) m = r;
        if (m === i) break;
        [items[m], items[i]] = [items[i]!, items[m]!];
        i = m;
      }
    }
    return top;
  }
}

interface InFlight {
  pattern: RegistrationPattern;
  arrivedAt: number;
  step: number;
  sdkRetries: number;
  conflictRetries: number;
  /** This step's requests sent instead of the recorded one after conflicts, the recorded one first. */
  tried: ModelRequest[];
}

const percentile = (sorted: number[], p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! : 0);

/**
 * `offeredPerSecond` registrations arriving at random (Poisson) for `seconds`, each one of `patterns` in turn,
 * run to their end. Only partitions written by more than one pattern can be contended, so the others
 * are left out (each registration's own items).
 */
export function simulate(patterns: RegistrationPattern[], offeredPerSecond: number, seconds: number, options: ModelOptions): ModelRun {
  const shared = sharedPartitions(patterns);
  const lean = patterns.map((p) => p.map((r) => ({ ...r, writes: r.writes.filter((w) => shared.has(w.partition)) })));
  const rate = options.partitionWcuPerSecond / 1000; // per ms
  const bucketSize = options.partitionWcuPerSecond * options.burstSeconds;
  const buckets = new Map<string, { tokens: number; at: number }>();
  const heldUntil = new Map<string, number>();
  const queue = new MinHeap<InFlight>();
  // Poisson arrivals: buyers do not take turns, so two may reach one item in the same instant.
  let count = 0;
  for (let arrivedAt = 0; arrivedAt < seconds * 1000; arrivedAt += (-Math.log(1 - options.random()) * 1000) / offeredPerSecond) {
    queue.push(arrivedAt, { pattern: lean[count++ % lean.length]!, arrivedAt, step: 0, sdkRetries: 0, conflictRetries: 0, tried: [] });
  }
  const latencies: number[] = [];
  let busy = 0;
  let throttled = 0;
  let conflicts = 0;
  let completedInWindow = 0;
  while (queue.size > 0) {
    const { at, value: reg } = queue.pop();
    const request = reg.tried[reg.tried.length - 1] ?? reg.pattern[reg.step];
    if (!request) {
      latencies.push(at - reg.arrivedAt);
      if (at <= seconds * 1000) completedInWindow++;
      continue;
    }
    const bucketOf = (partition: string) => {
      let bucket = buckets.get(partition);
      if (!bucket) buckets.set(partition, (bucket = { tokens: bucketSize, at }));
      bucket.tokens = Math.min(bucketSize, bucket.tokens + (at - bucket.at) * rate);
      bucket.at = at;
      return bucket;
    };
    if (request.writes.some((w) => bucketOf(w.partition).tokens < w.wcu)) {
      throttled++;
      if (++reg.sdkRetries >= options.sdkMaxAttempts) busy++;
      else queue.push(at + options.sdkBackoffMs(reg.sdkRetries), reg);
      continue;
    }
    const conflicted = request.transactional ? request.writes.filter((w) => w.held && (heldUntil.get(w.partition) ?? -1) > at) : [];
    if (conflicted.length > 0) {
      conflicts++;
      if (options.chargeCancelledPrepare) for (const write of request.writes) if (write.held) bucketOf(write.partition).tokens -= write.wcu / 2;
      reg.sdkRetries = 0;
      const tried = reg.tried.length > 0 ? reg.tried : [request];
      const other = reg.conflictRetries === 0 ? options.instead?.(tried, conflicted) : null;
      if (other) {
        reg.tried = [...tried, other];
        queue.push(at, reg);
        continue;
      }
      if (reg.conflictRetries >= options.conflictRetries) busy++;
      else queue.push(at + options.conflictBackoffMs(reg.conflictRetries++), reg);
      continue;
    }
    for (const write of request.writes) {
      bucketOf(write.partition).tokens -= write.wcu;
      if (request.transactional && write.held) heldUntil.set(write.partition, at + options.inFlightMs);
    }
    reg.step++;
    reg.sdkRetries = 0;
    reg.conflictRetries = 0;
    reg.tried = [];
    queue.push(at + options.inFlightMs + options.thinkMs, reg);
  }
  latencies.sort((a, b) => a - b);
  return {
    offeredPerSecond,
    registrations: count,
    completed: latencies.length,
    busy,
    completedPerSecond: Math.round(completedInWindow / seconds),
    latencyMs: { p50: Math.round(percentile(latencies, 50)), p99: Math.round(percentile(latencies, 99)) },
    throttled,
    conflicts,
  };
}

function sharedPartitions(patterns: RegistrationPattern[]): Set<string> {
  const shared = new Set<string>();
  const owner = new Map<string, number>();
  patterns.forEach((pattern, i) => {
    for (const write of pattern.flatMap((r) => r.writes)) {
      const first = owner.get(write.partition);
      if (first === undefined) owner.set(write.partition, i);
      else if (first !== i) shared.add(write.partition);
    }
  });
  return shared;
}

/**
 * The ceiling: the highest completed rate over offered rates rising by a tenth, among the runs
 * where at most 1 % were answered busy and the p99 stayed within `maxP99Ms`; the search stops at
 * the first run past those bounds.
 */
export function ceiling(patterns: RegistrationPattern[], options: ModelOptions, { from = 250, to = 40_000, seconds = 3, maxP99Ms = 1000 } = {}): { best: ModelRun | null; runs: ModelRun[] } {
  const runs: ModelRun[] = [];
  let best: ModelRun | null = null;
  for (let offered = from; offered <= to; offered = Math.round(offered * 1.1)) {
    const run = simulate(patterns, offered, seconds, options);
    runs.push(run);
    if (run.busy > run.registrations * 0.01 || run.latencyMs.p99 > maxP99Ms) break;
    if (!best || run.completedPerSecond > best.completedPerSecond) best = run;
  }
  return { best, runs };
}
