import { describe, expect, it } from 'vitest';
import { localDayOf, startsOnLocalDays, utcRangeOfLocalDays } from './local-day.js';

/** 17:00 on 15 January in Portland is 01:00 on 16 January in UTC. */
const portland = { startsAt: '2027-01-16T01:00:00.000Z', timezone: 'America/Los_Angeles' };

describe('the local day an event starts on', () => {
  it('is read on the event zone wall clock, not in UTC', () => {
    expect(localDayOf(portland.startsAt, 'America/Los_Angeles')).toBe('2027-01-15');
    expect(localDayOf(portland.startsAt, 'UTC')).toBe('2027-01-16');
    expect(localDayOf('2027-01-15T11:30:00.000Z', 'Pacific/Kiritimati')).toBe('2027-01-16');
  });

  it('finds the Portland evening on 15 January and not on 16 January', () => {
    expect(startsOnLocalDays(portland, { fromDay: '2027-01-15', toDay: '2027-01-15' })).toBe(true);
    expect(startsOnLocalDays(portland, { fromDay: '2027-01-16', toDay: '2027-01-16' })).toBe(false);
  });

  it('takes an open end as unbounded, and no days as every event', () => {
    expect(startsOnLocalDays(portland, { fromDay: '2027-01-15' })).toBe(true);
    expect(startsOnLocalDays(portland, { toDay: '2027-01-14' })).toBe(false);
    expect(startsOnLocalDays(portland, {})).toBe(true);
  });

  it('widens the days to UTC instants that hold them in every zone', () => {
    expect(utcRangeOfLocalDays({ fromDay: '2027-01-15', toDay: '2027-01-15' })).toEqual({
      from: '2027-01-14T10:00:00.000Z',
      to: '2027-01-16T14:00:00.000Z',
    });
    expect(utcRangeOfLocalDays({})).toEqual({});
  });
});
