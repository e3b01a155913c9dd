import { describe, expect, it } from 'vitest';
import { noticeAfterAnnouncement, noticeAfterEdit, revisionAfterEdit, scheduleChanges } from './event-change.js';

const berlin = { startsAt: '2027-02-27T18:30:00.000Z', endsAt: '2027-02-27T21:30:00.000Z', timezone: 'Europe/Berlin', location: 'Hall 1' };
const later = { ...berlin, startsAt: '2027-02-27T19:30:00.000Z', endsAt: '2027-02-27T22:30:00.000Z' };
const elsewhere = { ...later, location: 'Hall 2' };
const event = { ...berlin, name: 'Night', revision: 3 };

describe('what an event edit changes for its ticket holders', () => {
  it('names the schedule fields that differ, none for the same schedule', () => {
    expect(scheduleChanges(berlin, elsewhere)).toEqual(['startsAt', 'endsAt', 'location']);
    expect(scheduleChanges(berlin, { ...berlin, timezone: 'Europe/Paris' })).toEqual(['timezone']);
    expect(scheduleChanges(berlin, { ...berlin })).toEqual([]);
  });

  it('counts giving or removing an end as a change even when the assumed end is the same instant', () => {
    expect(scheduleChanges(berlin, { ...berlin, openEnded: true })).toEqual(['openEnded']);
    expect(scheduleChanges({ ...berlin, openEnded: true }, berlin)).toEqual(['openEnded']);
    expect(scheduleChanges({ ...berlin, openEnded: true }, { ...berlin, openEnded: true })).toEqual([]);
    expect(revisionAfterEdit(event, { ...berlin, openEnded: true, name: 'Night' })).toBe(4);
  });

  it('keeps an open end in the schedule holders were told about', () => {
    expect(noticeAfterEdit({ ...berlin, openEnded: true }, later, null)).toEqual({ ...berlin, openEnded: true });
    expect(noticeAfterEdit(berlin, later, null)).not.toHaveProperty('openEnded');
  });

  it('raises the revision when the ticket prints something else: name, time, zone or place', () => {
    expect(revisionAfterEdit(event, { ...later, name: 'Night' })).toBe(4);
    expect(revisionAfterEdit(event, { ...berlin, name: 'Night II' })).toBe(4);
    expect(revisionAfterEdit(event, { ...berlin, name: 'Night' })).toBe(3);
  });

  it('keeps what holders were told from the first move through a second quick one', () => {
    const afterFirst = noticeAfterEdit(berlin, later, null);
    expect(afterFirst).toEqual(berlin);
    expect(noticeAfterEdit(later, elsewhere, afterFirst)).toEqual(berlin);
  });

  it('starts no notice for an edit that leaves time and place alone', () => {
    expect(noticeAfterEdit(berlin, { ...berlin }, null)).toBeNull();
  });

  it('ends the notice once holders were told of the current schedule, and keeps what they were told when it moved meanwhile', () => {
    expect(noticeAfterAnnouncement(later, later)).toBeNull();
    expect(noticeAfterAnnouncement(elsewhere, later)).toEqual(later);
  });
});
