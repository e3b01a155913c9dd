import type { Database } from 'better-sqlite3';

interface Pending {
  fn: () => unknown;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

/**
 * Group commit: write operations that arrive in the same turn of the event loop run in ONE
 * `BEGIN IMMEDIATE` transaction, each inside its own savepoint (better-sqlite3 nests transactions
 * as savepoints), so one failing operation rolls back alone. With synchronous=FULL every commit
 * costs an fsync; sharing it across a burst of buyers keeps full durability at rush-hour rates.
 * Operations still run one after another, so each sees the effects of the ones before it.
 */
export class WriteBatcher {
  private queue: Pending[] = [];
  private scheduled = false;

  /**
   * Made once: better-sqlite3 builds four wrappers for each transaction function it makes, which
   * per operation of a rush was a few per cent of its CPU. Inside the batch's transaction, `alone`
   * runs its operation in a savepoint.
   */
  private readonly alone: (fn: () => unknown) => unknown;
  private readonly commitBatch: { immediate(batch: Pending[], outcomes: Outcome[]): void };

  constructor(
    db: Database,
    private readonly maxBatch = 256,
  ) {
    this.alone = db.transaction((fn: () => unknown) => fn());
    this.commitBatch = db.transaction((batch: Pending[], outcomes: Outcome[]) => {
      for (const op of batch) {
        try {
          outcomes.push({ ok: true, value: this.alone(op.fn) });
        } catch (error) {
          outcomes.push({ ok: false, error });
        }
      }
    });
  }

  run<T>(fn: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ fn, resolve: resolve as (value: unknown) => void, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  private flush(): void {
    this.scheduled = false;
    const batch = this.queue.splice(0, this.maxBatch);
    if (this.queue.length > 0) {
      this.scheduled = true;
      setImmediate(() => this.flush());
    }
    const outcomes: Outcome[] = [];
    try {
      this.commitBatch.immediate(batch, outcomes);
    } catch (error) {
      // The commit itself failed (disk full, database closed): nothing in the batch happened.
      for (const op of batch) op.reject(error);
      return;
    }
    batch.forEach((op, i) => {
      const outcome = outcomes[i]!;
      if (outcome.ok) op.resolve(outcome.value);
      else op.reject(outcome.error);
    });
  }
}
