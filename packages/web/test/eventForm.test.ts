import { describe, expect, it } from 'vitest';
import { draftToBody, emptyDraft, validateDraft, type EventDraft } from '../src/eventForm.js';

const now = new Date('2026-06-01T12:00:00Z');

function validDraft(): EventDraft {
  return {
    ...emptyDraft(),
    name: 'Rust meetup',
    location: 'Berlin',
    startsAt: '2026-07-01T18:00',
    ticketTypes: [
      { name: 'Standard', price: '25', quantity: '' },
      { name: 'VIP', price: '99,50', quantity: '20' },
    ],
  };
}

describe('the event form', () => {
  it('accepts a complete draft', () => {
    expect(validateDraft(validDraft(), now)).toEqual({});
  });

  it('names each missing or malformed field in words', () => {
    const draft = { ...validDraft(), name: ' ', capacity: '0', startsAt: '2026-05-01T10:00' };
    draft.ticketTypes = [{ name: '', price: '12.345', quantity: '-3' }];
    expect(validateDraft(draft, now)).toEqual({
      name: 'Give the event a name.',
      capacity: 'Capacity must be a whole number of at least 1.',
      startsAt: 'The start must be in the future.',
      'ticketTypes.0.name': 'Name this ticket type.',
      'ticketTypes.0.price': 'Enter a price like 25 or 25.50 (0 for free).',
      'ticketTypes.0.quantity': 'Leave empty for no limit, or enter a whole number of at least 1.',
    });
  });

  it('refuses an end before the start', () => {
    expect(validateDraft({ ...validDraft(), endsAt: '2026-07-01T17:00' }, now).endsAt).toBe('The end must be after the start.');
  });

  it('sends prices in integer minor units and an empty quantity as no limit', () => {
    const body = draftToBody(validDraft());
    expect(body.ticketTypes).toEqual([
      { name: 'Standard', priceCents: 2500, quantity: null },
      { name: 'VIP', priceCents: 9950, quantity: 20 },
    ]);
    expect(body.startsAt).toBe(new Date('2026-07-01T18:00').toISOString());
    expect(body).not.toHaveProperty('endsAt');
  });

  it('sends the per-account limit, and the cutoff or null when attendees may not cancel paid orders', () => {
    expect(draftToBody(validDraft())).toMatchObject({ maxTicketsPerAccount: 10, attendeeCancellationCutoffHours: 48 });
    expect(draftToBody({ ...validDraft(), maxTicketsPerAccount: '4', cancellationCutoffHours: '0' })).toMatchObject({ maxTicketsPerAccount: 4, attendeeCancellationCutoffHours: 0 });
    expect(draftToBody({ ...validDraft(), attendeesMayCancel: false })).toMatchObject({ attendeeCancellationCutoffHours: null });
  });

  it('refuses a per-account limit or a cutoff outside the API bounds, and ignores the cutoff when cancelling is off', () => {
    expect(validateDraft({ ...validDraft(), maxTicketsPerAccount: '0', cancellationCutoffHours: '8761' }, now)).toEqual({
      maxTicketsPerAccount: 'Tickets per account must be a whole number from 1 to 100.',
      cancellationCutoffHours: 'Enter whole hours from 0 (until the start) to 8760 (a year).',
    });
    expect(validateDraft({ ...validDraft(), maxTicketsPerAccount: '101' }, now)).toHaveProperty('maxTicketsPerAccount');
    expect(validateDraft({ ...validDraft(), maxTicketsPerAccount: '100', cancellationCutoffHours: 'soon', attendeesMayCancel: false }, now)).toEqual({});
  });

  it('refuses texts longer than the API accepts, in words, before sending', () => {
    const draft = { ...validDraft(), name: 'n'.repeat(201), location: 'l'.repeat(301), description: 'd'.repeat(10_001) };
    draft.ticketTypes = [{ name: 't'.repeat(81), price: '0', quantity: '' }];
    expect(validateDraft(draft, now)).toEqual({
      name: 'The name can be at most 200 characters (now 201).',
      location: 'The location can be at most 300 characters (now 301).',
      description: 'The description can be at most 10000 characters (now 10001).',
      'ticketTypes.0.name': 'A ticket type name can be at most 80 characters (now 81).',
    });
    expect(validateDraft({ ...validDraft(), name: ` ${'n'.repeat(200)} ` }, now)).toEqual({});
  });
});
