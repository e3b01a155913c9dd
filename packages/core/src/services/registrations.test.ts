import { describe, expect, it } from 'vitest';
import type { EventWithCounts } from '../domain/event.js';
import type { Ticket } from '../domain/ticket.js';
import { randomIds } from '../ports/ids.js';
import { ticketsOf, type Store } from '../ports/store.js';
import { defaultSettings, type ServiceDeps } from './deps.js';
import { RegistrationService } from './registrations.js';
import { createServices } from './index.js';

const NOW = Date.parse('2030-01-01T10:00:00.000Z');

/** Only the listed Store methods exist; anything else throws. */
function storeWith(methods: Partial<Store>): Store {
  return new Proxy(methods, {
    get: (target, name) => target[name as keyof Store] ?? (() => { throw new Error(`unexpected store.${String(name)}`); }),
  }) as Store;
}

// Only what registering reads of an event: published, not ended, one free ticket type.
const event = {
  id: 'evt_1', userId: 'usr_org', status: 'published', endsAt: '2030-02-01T10:00:00.000Z', currency: 'EUR',
  ticketTypes: [{ id: 'tt_free', name: 'Free', priceCents: 0, quantity: null }],
} as unknown as EventWithCounts;

const serviceOver = (store: Store, sign: (claims: { ticketId: string }) => string = ({ ticketId }) => `qr-${ticketId}`) =>
  new RegistrationService({ store, ids: randomIds, clock: { now: () => new Date(NOW) }, settings: defaultSettings, signer: { sign } } as unknown as ServiceDeps, () => {});

describe('registering', () => {
  it('answers with the codes the store stored where it drew new ones for codes already taken', async () => {
    let placed: Ticket[] = [];
    const store = storeWith({
      getEvent: async () => event,
      getUser: async () => ({ id: 'usr_1', name: 'Ada', email: 'ada@example.test' }) as never,
      placeRegistration: async (_r, toPlace) => {
        const tickets = ticketsOf(toPlace, event);
        placed = tickets;
        return { ok: true, redrawnCodes: { [tickets[1]!.id]: 'ZZZZ2222' } };
      },
    });
    const view = await serviceOver(store).register({ userId: 'usr_1', role: 'attendee' }, 'evt_1', { quantity: 2 });
    expect(view.tickets.map((t) => t.code)).toEqual([placed[0]!.code, 'ZZZZ2222']);
  });

  it('signs no tickets for a free order the store refuses (sold out)', async () => {
    let signed = 0;
    const store = storeWith({
      getEvent: async () => event,
      getUser: async () => ({ id: 'usr_1', name: 'Ada', email: 'ada@example.test' }) as never,
      placeRegistration: async () => ({ ok: false, reason: 'sold_out', spotsRemaining: 0 }),
    });
    await expect(serviceOver(store, ({ ticketId }) => (signed++, `qr-${ticketId}`)).register({ userId: 'usr_1', role: 'attendee' }, 'evt_1', { quantity: 2 })).rejects.toMatchObject({ code: 'sold_out' });
    expect(signed).toBe(0);
  });

  it('decides again from a fresh read a refusal the event as cached gave (published meanwhile)', async () => {
    const reads = [{ ...event, status: 'draft' }, event];
    const store = storeWith({
      getEvent: async () => reads.shift() as EventWithCounts,
      getUser: async () => ({ id: 'usr_1', name: 'Ada', email: 'ada@example.test' }) as never,
      placeRegistration: async () => ({ ok: true }),
    });
    const view = await serviceOver(store).register({ userId: 'usr_1', role: 'attendee' }, 'evt_1', { quantity: 1 });
    expect([view.status, reads.length]).toEqual(['confirmed', 0]);
  });

  it('prices anew from a fresh read when the store says the prices moved, and asks to try again after three tries', async () => {
    let reads = 0;
    let placements = 0;
    const store = storeWith({
      getEvent: async () => (reads++, event),
      getUser: async () => ({ id: 'usr_1', name: 'Ada', email: 'ada@example.test' }) as never,
      placeRegistration: async () => (placements++, { ok: false, reason: 'repriced' }),
    });
    const service = serviceOver(store);
    await expect(service.register({ userId: 'usr_1', role: 'attendee' }, 'evt_1', { quantity: 1 })).rejects.toMatchObject({ code: 'busy' });
    expect([reads, placements]).toEqual([3, 3]);
  });

  it('reads the event once for a store refusal that stands (sold out), and not again within seconds', async () => {
    let reads = 0;
    const store = storeWith({
      getEvent: async () => (reads++, event),
      getUser: async () => ({ id: 'usr_1', name: 'Ada', email: 'ada@example.test' }) as never,
      placeRegistration: async () => ({ ok: false, reason: 'sold_out', spotsRemaining: 0 }),
    });
    const service = serviceOver(store);
    for (const userId of ['usr_1', 'usr_2']) {
      await expect(service.register({ userId, role: 'attendee' }, 'evt_1', { quantity: 1 })).rejects.toMatchObject({ code: 'sold_out' });
    }
    expect(reads).toBe(1);
  });

  it('reads the event once for the orders that arrive together as a sale opens', async () => {
    let reads = 0;
    const store = storeWith({
      getEvent: async () => (reads++, await new Promise((resolve) => setTimeout(resolve, 5)), event),
      getUser: async () => ({ id: 'usr_1', name: 'Ada', email: 'ada@example.test' }) as never,
      placeRegistration: async () => ({ ok: false, reason: 'sold_out', spotsRemaining: 0 }),
    });
    const service = serviceOver(store);
    const answers = await Promise.allSettled(Array.from({ length: 50 }, (_, i) => service.register({ userId: `usr_${i}`, role: 'attendee' }, 'evt_1', { quantity: 1 })));
    expect(answers.every((a) => a.status === 'rejected')).toBe(true);
    expect(reads).toBe(1);
  });

  it('prices the first order after an edit in this process at the new price, not turned back by the store', async () => {
    let current = { ...event, organizerId: 'usr_org', openEnded: false, startsAt: '2030-01-20T10:00:00.000Z', ticketTypes: [{ id: 'tt_a', name: 'Adult', priceCents: 1000, quantity: null }] } as unknown as EventWithCounts;
    const prices: number[] = [];
    const store = storeWith({
      getEvent: async () => current,
      getUser: async () => ({ id: 'usr_1', name: 'Ada', email: 'ada@example.test' }) as never,
      updateEvent: async (_id, patch) => ({ ok: true, event: (current = { ...current, ...patch } as EventWithCounts) }),
      placeRegistration: async (r) => {
        prices.push(r.lines[0]!.unitPriceCents);
        return r.lines[0]!.unitPriceCents === current.ticketTypes[0]!.priceCents ? { ok: false, reason: 'sold_out', spotsRemaining: 0 } : { ok: false, reason: 'repriced' };
      },
    });
    const services = createServices({ store, ids: randomIds, clock: { now: () => new Date(NOW) }, settings: defaultSettings, signer: { sign: () => 'qr' } } as unknown as ServiceDeps);
    const attendee = { userId: 'usr_1', role: 'attendee' } as const;
    await expect(services.registrations.register(attendee, 'evt_1', { quantity: 1 })).rejects.toMatchObject({ code: 'sold_out' });
    await services.events.update({ userId: 'usr_org', role: 'organizer' }, 'evt_1', { ticketTypes: [{ id: 'tt_a', name: 'Adult', priceCents: 1500 }] });
    await expect(services.registrations.register(attendee, 'evt_1', { quantity: 1 })).rejects.toMatchObject({ code: 'sold_out' });
    expect(prices).toEqual([1000, 1500]);
  });
});
