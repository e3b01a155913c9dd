import { describe, expect, it } from 'vitest';
import { formatEventWhen, formatInstantIn, formatWallClock, sortableLocalTime } from './when.js';

describe('when an event happens', () => {
  it('is given on the event zone wall clock, with the zone named, and the date once for a same-day event', () => {
    expect(formatEventWhen({ startsAt: '2027-02-27T18:30:00.000Z', endsAt: '2027-02-27T21:30:00.000Z', timezone: 'Europe/Berlin' })).toBe('Sat 27 Feb 2027, 19:30 – 22:30 (Europe/Berlin)');
  });

  it('shows 19:30 for an event at 19:30 in Los Angeles, which is the next day in UTC', () => {
    expect(formatEventWhen({ startsAt: '2026-12-10T03:30:00.000Z', endsAt: '2026-12-10T06:00:00.000Z', timezone: 'America/Los_Angeles' })).toBe('Wed 9 Dec 2026, 19:30 – 22:00 (America/Los_Angeles)');
  });

  it('gives both dates when the event ends on another local day', () => {
    expect(formatEventWhen({ startsAt: '2026-12-25T17:00:00.000Z', endsAt: '2026-12-26T09:00:00.000Z', timezone: 'America/Los_Angeles' })).toBe('Fri 25 Dec 2026, 09:00 – Sat 26 Dec 2026, 01:00 (America/Los_Angeles)');
  });

  it('follows summer time: the same wall-clock hour across a change of offset', () => {
    const winter = formatEventWhen({ startsAt: '2027-03-27T18:30:00.000Z', endsAt: '2027-03-27T19:30:00.000Z', timezone: 'Europe/Berlin' });
    const summer = formatEventWhen({ startsAt: '2027-03-28T17:30:00.000Z', endsAt: '2027-03-28T18:30:00.000Z', timezone: 'Europe/Berlin' });
    expect(winter).toBe('Sat 27 Mar 2027, 19:30 – 20:30 (Europe/Berlin)');
    expect(summer).toBe('Sun 28 Mar 2027, 19:30 – 20:30 (Europe/Berlin)');
  });

  it('gives only the start of an event with no end given, from the domain or the API', () => {
    const start = { startsAt: '2027-02-27T18:30:00.000Z', timezone: 'Europe/Berlin' };
    expect(formatEventWhen({ ...start, endsAt: '2027-02-27T20:30:00.000Z', openEnded: true })).toBe('Sat 27 Feb 2027, 19:30 (Europe/Berlin)');
    expect(formatEventWhen({ ...start, endsAt: null })).toBe('Sat 27 Feb 2027, 19:30 (Europe/Berlin)');
  });

  it('writes midnight as 00:00', () => {
    expect(formatEventWhen({ startsAt: '2027-01-01T00:00:00.000Z', endsAt: '2027-01-01T02:00:00.000Z', timezone: 'UTC' })).toBe('Fri 1 Jan 2027, 00:00 – 02:00 (UTC)');
  });

  it('gives a single instant on the same wall clock, with the zone named', () => {
    expect(formatInstantIn('2026-12-10T03:30:00.000Z', 'America/Los_Angeles')).toBe('Wed 9 Dec 2026, 19:30 (America/Los_Angeles)');
  });

  it('gives the wall clock alone when the zone is named elsewhere', () => {
    expect(formatWallClock('2026-12-10T03:30:00.000Z', 'America/Los_Angeles')).toBe('Wed 9 Dec 2026, 19:30');
  });
});

describe('an instant for a spreadsheet', () => {
  it('is the wall clock of the zone in a sortable form, the day after in UTC shown as the local evening', () => {
    expect(sortableLocalTime('2026-12-10T03:30:05.000Z', 'America/Los_Angeles')).toBe('2026-12-09 19:30:05');
    expect(sortableLocalTime('2027-02-27T00:05:00.000Z', 'Europe/Berlin')).toBe('2027-02-27 01:05:00');
  });
});
