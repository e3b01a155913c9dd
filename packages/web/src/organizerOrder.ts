/**
 * "My events" in date order: what comes next first (soonest at the top), then what has already
 * started, most recent first.
 */
export function byDateForOrganizer<T extends { startsAt: string }>(events: readonly T[], now: Date): T[] {
  const at = (e: T) => Date.parse(e.startsAt);
  const upcoming = events.filter((e) => at(e) >= now.getTime()).sort((a, b) => at(a) - at(b));
  const past = events.filter((e) => at(e) < now.getTime()).sort((a, b) => at(b) - at(a));
  return [...upcoming, ...past];
}
