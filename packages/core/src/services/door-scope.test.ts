import { describe, expect, it } from 'vitest';
import type { CheckInList } from '../domain/door.js';
import { DEFAULT_ATTENDEE_POLICY, type EventWithCounts } from '../domain/event.js';
import type { Principal, ScannerPrincipal } from '../ports/identity.js';
import { doorScope } from './access.js';

const AT = '2026-12-01T09:00:00.000Z';
const organizer: Principal = { userId: 'usr_organizer_a', role: 'organizer' };
const otherOrganizer: Principal = { userId: 'usr_organizer_b', role: 'organizer' };
const event = (id: string): EventWithCounts => ({
  id, organizerId: organizer.userId, name: id, description: '', category: 'music', location: 'Hall', startsAt: AT, endsAt: AT,
  timezone: 'UTC', currency: 'EUR', capacity: 10, status: 'published', ticketTypes: [], cancelReason: null, createdAt: AT, updatedAt: AT, counts: {},
  ...DEFAULT_ATTENDEE_POLICY,
  revision: 0,
  image: null,
});
const vipGate: CheckInList = { id: 'cil_vip', eventId: 'evt_a', name: 'VIP gate', ticketTypeIds: ['tt_vip'], createdAt: AT };
const scanner = (overrides: Partial<ScannerPrincipal> = {}): ScannerPrincipal => ({
  kind: 'scanner', linkId: 'scl_1', eventId: 'evt_a', checkinListId: null, name: 'Main entrance', ...overrides,
});
const store = {
  getEvent: async (id: string) => (['evt_a', 'evt_b'].includes(id) ? event(id) : null),
  getCheckInList: async (id: string) => (id === vipGate.id ? vipGate : null),
};

describe('doorScope', () => {
  it("lets the event's organizer scan as the organizer's door, every ticket type", async () => {
    expect(await doorScope(store, organizer, 'evt_a')).toMatchObject({ by: organizer.userId, door: 'Organizer', list: null, scannerLinkId: null });
  });

  it('answers another organizer not found, as for everything they do not own', async () => {
    await expect(doorScope(store, otherOrganizer, 'evt_a')).rejects.toMatchObject({ code: 'not_found' });
  });

  it('lets a scanner scan at its own event as its link, with its list', async () => {
    expect(await doorScope(store, scanner({ checkinListId: vipGate.id }), 'evt_a')).toMatchObject({ by: 'scl_1', door: 'Main entrance', list: vipGate, scannerLinkId: 'scl_1' });
  });

  it('forbids a scanner every other event, whether or not it exists', async () => {
    await expect(doorScope(store, scanner(), 'evt_b')).rejects.toMatchObject({ code: 'forbidden' });
    await expect(doorScope(store, scanner(), 'evt_missing')).rejects.toMatchObject({ code: 'forbidden' });
  });
});
