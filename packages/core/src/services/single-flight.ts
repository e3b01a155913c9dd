/**
 * Runs at most one `work` per key at a time: callers that arrive while it runs await the same
 * promise. The key is forgotten once the work settles, so a failure is not remembered.
 */
export function singleFlight<T>(): (key: string, work: () => Promise<T>) => Promise<T> {
  const running = new Map<string, Promise<T>>();
  return (key, work) => {
    const inFlight = running.get(key);
    if (inFlight) return inFlight;
    const started = Promise.resolve()
      .then(work)
      .finally(() => running.delete(key));
    running.set(key, started);
    return started;
  };
}
