/** Work per key shared by the callers that arrive while it runs. */
export interface SingleFlight<T> {
  (key: string, work: () => Promise<T>): Promise<T>;
  /** Callers from now on start new work for `key` (every key if none); those waiting keep theirs. */
  drop(key?: string): void;
}

/**
 * Runs at most one `work` per key at a time: callers that arrive while it runs await the same
 * promise. The key is forgotten once the work settles, so a failure is not remembered.
 */
export function singleFlight<T>(): SingleFlight<T> {
  const running = new Map<string, Promise<T>>();
  const flight = (key: string, work: () => Promise<T>): Promise<T> => {
    const inFlight = running.get(key);
    if (inFlight) return inFlight;
    const started: Promise<T> = Promise.resolve()
      .then(work)
      .finally(() => {
        // Dropped meanwhile, the key may already name newer work.
        if (running.get(key) === started) running.delete(key);
      });
    running.set(key, started);
    return started;
  };
  return Object.assign(flight, { drop: (key?: string) => (key === undefined ? running.clear() : void running.delete(key)) });
}
