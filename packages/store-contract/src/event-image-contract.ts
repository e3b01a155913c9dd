import { describe, expect, it } from 'vitest';
import { randomIds, type EventImage, type Store } from '@ticketbooth/core';
import { at, makeEvent } from '@ticketbooth/testkit';
import type { StoreHarness } from './contract.js';

const imageOf = (eventId: string, alt: string | null = null): EventImage => {
  const version = randomIds.newId('img');
  return {
    version,
    alt,
    variants: [
      { kind: 'card', key: `events/${eventId}/${version}/card.webp`, width: 640, height: 360, contentType: 'image/webp' },
      { kind: 'share', key: `events/${eventId}/${version}/share.jpg`, width: 1200, height: 630, contentType: 'image/jpeg' },
    ],
  };
};

/** An event's cover image: kept with the event, swapped atomically, never undone by an edit. */
export function describeEventImageContract(harness: () => StoreHarness): void {
  const store = (): Store => harness().store;
  const another = async (): Promise<Store> => (harness().openAnother ? harness().openAnother!() : store());

  describe('events: cover images', () => {
    it('keeps the image with the event in every read, answers the one it replaced, and removes it with null', async () => {
      const event = makeEvent({ organizerId: randomIds.newId('usr'), status: 'published' });
      await store().insertEvent(event);
      expect((await store().getEvent(event.id))?.image).toBeNull();
      const first = imageOf(event.id, 'Lanterns over the water');
      expect(await store().setEventImage(event.id, first, at(1))).toMatchObject({ ok: true, previous: null, event: { image: first, updatedAt: at(1) } });
      expect((await store().getEvent(event.id))?.image).toEqual(first);
      const listed = await store().listEventsByOrganizer(event.organizerId, 10);
      expect(listed.items.map((e) => e.image)).toEqual([first]);
      const found = await store().searchPublishedEvents({ q: event.name, limit: 100, notEndedAt: at(0) });
      expect(found.items.find((e) => e.id === event.id)?.image).toEqual(first);
      const second = imageOf(event.id);
      expect(await store().setEventImage(event.id, second, at(2))).toMatchObject({ ok: true, previous: first, event: { image: second } });
      expect(await store().setEventImage(event.id, null, at(3))).toMatchObject({ ok: true, previous: second, event: { image: null } });
      expect((await store().getEvent(event.id))?.image).toBeNull();
    });

    it('keeps an image given at insert, and an edit of the event leaves the image alone', async () => {
      const event = makeEvent({ organizerId: randomIds.newId('usr') });
      const given = imageOf(event.id);
      await store().insertEvent({ ...event, image: given });
      expect((await store().getEvent(event.id))?.image).toEqual(given);
      const replaced = imageOf(event.id);
      await store().setEventImage(event.id, replaced, at(1));
      const edited = await store().updateEvent(event.id, { name: 'Renamed' }, at(2));
      expect(edited.ok && edited.event).toMatchObject({ name: 'Renamed', image: replaced });
      expect((await store().getEvent(event.id))?.image).toEqual(replaced);
    });

    it('refuses an unknown event and a cancelled one', async () => {
      expect(await store().setEventImage('evt_missing', imageOf('evt_missing'), at(1))).toEqual({ ok: false, reason: 'not_found' });
      const event = makeEvent();
      await store().insertEvent(event);
      await store().cancelEvent(event.id, 'Rain', at(1), []);
      expect(await store().setEventImage(event.id, imageOf(event.id), at(2))).toEqual({ ok: false, reason: 'invalid_state' });
      expect(await store().setEventImage(event.id, null, at(2))).toEqual({ ok: false, reason: 'invalid_state' });
      expect((await store().getEvent(event.id))?.image).toBeNull();
    });

    it('of 16 concurrent uploads on two connections, each replaced exactly one other (or none, once): no variant is orphaned or deleted twice', async () => {
      const event = makeEvent();
      await store().insertEvent(event);
      const second = await another();
      const images = Array.from({ length: 16 }, () => imageOf(event.id));
      const results = await Promise.all(images.map((image, i) => (i % 2 ? second : store()).setEventImage(event.id, image, at(1))));
      const replaced = results.map((r) => (r.ok ? r.previous?.version ?? null : 'refused'));
      expect(replaced).not.toContain('refused');
      const final = (await store().getEvent(event.id))!.image!.version;
      // A chain: every upload but the last one standing was replaced exactly once; exactly one replaced nothing.
      expect(replaced.filter((v) => v === null)).toHaveLength(1);
      expect([...replaced.filter((v) => v !== null), final].sort()).toEqual(images.map((i) => i.version).sort());
    });
  });
}
