import type { Event } from '../domain/event.js';

/** What a ticket holder plans around: when and where. A change to any of it is mailed to every holder. */
export interface EventSchedule {
  startsAt: string;
  endsAt: string;
  /** true: no end was given, so `endsAt` is only assumed and holders are told the start alone (see Event). */
  openEnded?: boolean;
  timezone: string;
  location: string;
}

type Printed = Pick<Event, 'name' | 'revision'> & EventSchedule;

export const scheduleOf = (event: EventSchedule): EventSchedule => ({
  startsAt: event.startsAt,
  endsAt: event.endsAt,
  // Kept only as true, as on the event (a notice stored before it existed reads as having an end).
  ...(event.openEnded ? { openEnded: true } : {}),
  timezone: event.timezone,
  location: event.location,
});

const SCHEDULE_FIELDS = ['startsAt', 'endsAt', 'openEnded', 'timezone', 'location'] as const;

/**
 * The schedule fields that differ, in a fixed order; empty when the two are the same. Giving or
 * removing an end changes what holders read even when the assumed end stays the same instant.
 */
export function scheduleChanges(before: EventSchedule, after: EventSchedule): (keyof EventSchedule)[] {
  return SCHEDULE_FIELDS.filter((field) => (field === 'openEnded' ? !before.openEnded !== !after.openEnded : before[field] !== after[field]));
}

/** The revision after an edit: raised when the ticket would print something else (its name, time, zone or place). */
export function revisionAfterEdit(current: Printed, next: Omit<Printed, 'revision'>): number {
  const printedChanged = current.name !== next.name || scheduleChanges(current, next).length > 0;
  return printedChanged ? current.revision + 1 : current.revision;
}

/**
 * The schedule the holders were last told about, kept until they are told of the change: set by
 * the first edit that moves the event, kept through later edits (two quick moves are one notice,
 * from the first "before" to the last "after"), and null while the holders know the current schedule.
 */
export function noticeAfterEdit(current: EventSchedule, next: EventSchedule, pending: EventSchedule | null): EventSchedule | null {
  if (pending) return pending;
  return scheduleChanges(current, next).length > 0 ? scheduleOf(current) : null;
}

/**
 * The notice left once holders were told of `announced`: none when that is still the schedule,
 * else `announced` itself (an edit landed meanwhile; the next notice starts from what they were told).
 */
export function noticeAfterAnnouncement(current: EventSchedule, announced: EventSchedule): EventSchedule | null {
  return scheduleChanges(announced, current).length === 0 ? null : scheduleOf(announced);
}
