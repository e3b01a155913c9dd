import { AsyncLocalStorage } from 'node:async_hooks';
import type fc from 'fast-check';

/**
 * Lets `fc.scheduler` decide the order in which the store and gateway calls of a concurrent batch
 * go through, so a failing interleaving shrinks and replays. Outside a batch every call goes straight on.
 */
export class Interleaving {
  private scheduler: fc.Scheduler | null = null;
  private readonly label = new AsyncLocalStorage<string>();

  /** Waits for the scheduler's turn of the operation running now (named in the scheduler's report). */
  async gate(what: string): Promise<void> {
    if (this.scheduler) await this.scheduler.schedule(Promise.resolve(), `${this.label.getStore() ?? '?'} ${what}`);
  }

  /** `target` with every method (but `close`) gated. */
  gated<T extends object>(target: T, name: string): T {
    return new Proxy(target, {
      get: (obj, prop, receiver) => {
        const value: unknown = Reflect.get(obj, prop, receiver);
        if (typeof value !== 'function' || prop === 'close') return value;
        return async (...args: unknown[]) => {
          await this.gate(`${name}.${String(prop)}`);
          return (value as (...a: unknown[]) => unknown).apply(obj, args);
        };
      },
    });
  }

  /** Runs `fn` as the operation named `label`. */
  run<T>(label: string, fn: () => Promise<T>): Promise<T> {
    return this.label.run(label, fn);
  }

  /** Runs the labelled operations concurrently, in the order `scheduler` lets their calls through. */
  async batch<T>(scheduler: fc.Scheduler, ops: { label: string; run: () => Promise<T> }[]): Promise<PromiseSettledResult<T>[]> {
    this.scheduler = scheduler;
    try {
      return await scheduler.waitFor(Promise.allSettled(ops.map((op) => this.run(op.label, op.run))));
    } finally {
      this.scheduler = null;
    }
  }
}
