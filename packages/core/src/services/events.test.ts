import { describe, expect, it } from 'vitest';
import type { StoredEvent } from '../domain/event.js';
import { DomainError } from '../errors.js';
import { randomIds } from '../ports/ids.js';
import type { Store } from '../ports/store.js';
import { defaultSettings, type ServiceDeps } from './deps.js';
import { EventService } from './events.js';

const organizer = { userId: 'usr_org', role: 'organizer' } as const;
const input = {
  name: 'Night', description: 'Talks', category: 'Tech', location: 'Hall', startsAt: '2030-01-10T18:00:00.000Z',
  endsAt: '2030-01-10T21:00:00.000Z', timezone: 'Europe/Berlin', currency: 'EUR', capacity: 100,
};

/** An event service over a store that only inserts events and reads back what it inserted. */
function service(): { events: EventService; inserted: StoredEvent[] } {
  const inserted: StoredEvent[] = [];
  const store = {
    insertEvent: async (event: StoredEvent) => void inserted.push(event),
    getEvent: async (id: string) => ({ ...inserted.find((e) => e.id === id)!, counts: {} }),
  } as unknown as Store;
  const deps = { store, ids: randomIds, clock: { now: () => new Date('2030-01-01T00:00:00.000Z') }, settings: defaultSettings } as unknown as ServiceDeps;
  return { events: new EventService(deps, () => {}), inserted };
}

describe('creating an event: counter shards', () => {
  it('stores the counter shards asked for, and none when none were asked', async () => {
    const { events, inserted } = service();
    await events.create(organizer, { ...input, counterShards: 64 });
    await events.create(organizer, input);
    expect(inserted.map((e) => e.counterShards)).toEqual([64, undefined]);
    expect(inserted[1]).not.toHaveProperty('counterShards');
  });

  it('refuses counter shards that are not a whole number from 1 to 64, storing nothing', async () => {
    const { events, inserted } = service();
    for (const counterShards of [0, 65, 2.5, Number.NaN]) {
      const refused = await events.create(organizer, { ...input, counterShards }).catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(DomainError);
      expect(refused).toMatchObject({ code: 'validation_failed', details: { fields: { counterShards: expect.any(String) } } });
    }
    expect(inserted).toEqual([]);
  });
});
