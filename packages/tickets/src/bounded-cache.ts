/**
 * Values by key for the life of the process, forgotten all at once when `limit` are kept: what
 * most tickets share (an event's texts, a font's subset) is computed once, and a run of distinct
 * keys (attendee names, ticket ids) cannot grow it.
 */
export function boundedCache<T>(limit: number): (key: string, compute: () => T) => T {
  const kept = new Map<string, T>();
  return (key, compute) => {
    let value = kept.get(key);
    if (value === undefined) {
      if (kept.size >= limit) kept.clear();
      value = compute();
      kept.set(key, value);
    }
    return value;
  };
}
