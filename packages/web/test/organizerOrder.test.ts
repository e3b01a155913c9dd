import { describe, expect, it } from 'vitest';
import { byDateForOrganizer } from '../src/organizerOrder.js';

describe('my events in order', () => {
  it('puts the soonest upcoming event first and past ones after, most recent first', () => {
    const now = new Date('2026-12-01T12:00:00Z');
    const events = [
      { name: 'gala', startsAt: '2027-03-01T19:00:00Z' },
      { name: 'meetup', startsAt: '2026-11-24T18:00:00Z' },
      { name: 'pitch', startsAt: '2026-12-15T18:00:00Z' },
      { name: 'old', startsAt: '2026-06-01T18:00:00Z' },
      { name: 'summit', startsAt: '2027-01-01T09:00:00Z' },
    ];
    expect(byDateForOrganizer(events, now).map((e) => e.name)).toEqual(['pitch', 'summit', 'gala', 'meetup', 'old']);
  });
});
