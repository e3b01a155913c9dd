import { describe, expect, it } from 'vitest';
import { fromZonedInput, toZonedInput } from '../src/format.js';
import { draftToBody, emptyDraft, validateDraft } from '../src/eventForm.js';

describe("the event form's times, on the event zone's wall clock", () => {
  it('reads 19:30 in Los Angeles as 03:30 UTC the next day, whatever zone the browser is in', () => {
    expect(fromZonedInput('2026-12-09T19:30', 'America/Los_Angeles')).toBe('2026-12-10T03:30:00.000Z');
    expect(fromZonedInput('2027-02-27T19:30', 'Europe/Berlin')).toBe('2027-02-27T18:30:00.000Z');
    expect(fromZonedInput('2027-07-01T19:30', 'Europe/Berlin')).toBe('2027-07-01T17:30:00.000Z');
  });

  it('shows a stored instant back on the same wall clock', () => {
    expect(toZonedInput('2026-12-10T03:30:00.000Z', 'America/Los_Angeles')).toBe('2026-12-09T19:30');
    expect(toZonedInput('2027-02-27T18:30:00.000Z', 'Asia/Tokyo')).toBe('2027-02-28T03:30');
  });

  it('moves a time skipped by summer time forward by the skipped hour', () => {
    expect(fromZonedInput('2027-03-28T02:30', 'Europe/Berlin')).toBe('2027-03-28T01:30:00.000Z');
  });

  it('sends the instant of the chosen zone, and asks for a zone it does not know', () => {
    const draft = { ...emptyDraft(), name: 'Jazz night', location: 'Portland', startsAt: '2026-12-09T19:30', endsAt: '2026-12-09T22:30', timezone: 'America/Los_Angeles' };
    expect(validateDraft(draft, new Date('2026-12-01T00:00:00Z'))).toEqual({});
    expect(draftToBody(draft)).toMatchObject({ startsAt: '2026-12-10T03:30:00.000Z', endsAt: '2026-12-10T06:30:00.000Z', timezone: 'America/Los_Angeles' });
    expect(validateDraft({ ...draft, timezone: 'Mars/Olympus' }, new Date('2026-12-01T00:00:00Z'))).toEqual({ timezone: 'Choose a time zone from the list, like Europe/Berlin.' });
    expect(validateDraft({ ...draft, timezone: '' }, new Date('2026-12-01T00:00:00Z'))).toHaveProperty('timezone');
  });
});
