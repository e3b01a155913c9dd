import { describe, expect, it } from 'vitest';
import { randomIds, randomTicketCode, type Event, type ScannerLink, type Store } from '@ticketbooth/core';
import { T0, at, makeEvent, makeIntent, makeRegistration, makeTickets } from '@ticketbooth/testkit';
import type { StoreHarness } from './contract.js';

/** The door team's store behaviour: codes, lists, scanner links, door data and conflicts. */
export function describeDoorContract(harness: () => StoreHarness): void {
  const store = (): Store => harness().store;
  const another = async (): Promise<Store> => (harness().openAnother ? harness().openAnother!() : store());

  const eventWithTypes = async (): Promise<Event> => {
    const event = makeEvent({
      capacity: 100,
      ticketTypes: [
        { id: randomIds.newId('tt'), name: 'General', priceCents: 0, quantity: null },
        { id: randomIds.newId('tt'), name: 'VIP', priceCents: 0, quantity: null },
      ],
    });
    await store().insertEvent(event);
    return event;
  };
  const ticketsOf = async (event: Event, ticketTypeId: string, quantity = 1) => {
    const r = makeRegistration(event, { status: 'confirmed', quantity, ticketTypeId, userId: randomIds.newId('usr') });
    const tickets = makeTickets(r).map((t) => ({ ...t, ticketTypeName: event.ticketTypes.find((tt) => tt.id === ticketTypeId)!.name }));
    expect(await store().placeRegistration(r, tickets, [], T0)).toEqual({ ok: true });
    return { r, tickets };
  };
  let n = 0;
  const scanInput = (eventId: string, ticketId: string, extra: Partial<Parameters<Store['checkIn']>[0]> = {}) => ({
    id: `chk_door_${n++}_${Math.random().toString(36).slice(2)}`, eventId, ticketId, presetResult: null, nonce: null, at: at(5), by: 'u', ...extra,
  });
  const link = (eventId: string, overrides: Partial<ScannerLink> = {}): ScannerLink => ({
    id: randomIds.newId('scl'), eventId, name: 'Main entrance', checkinListId: null, secretHash: randomIds.newId('hash'),
    expiresAt: null, createdAt: T0, revokedAt: null, lastSeenAt: null, scanCount: 0, ...overrides,
  });

  describe('the door team', () => {
    it('finds a ticket by its short code within its event only; the same code at another event is kept as it is', async () => {
      const event = await eventWithTypes();
      const other = await eventWithTypes();
      const { tickets } = await ticketsOf(event, event.ticketTypes[0]!.id);
      const code = tickets[0]!.code;
      expect((await store().getTicketByCode(event.id, code))?.id).toBe(tickets[0]!.id);
      expect(await store().getTicketByCode(other.id, code)).toBeNull();
      const elsewhere = makeRegistration(other, { status: 'confirmed', quantity: 1, userId: randomIds.newId('usr') });
      expect(await store().placeRegistration(elsewhere, makeTickets(elsewhere).map((t) => ({ ...t, code })), [], T0)).toEqual({ ok: true });
      expect((await store().getTicketByCode(other.id, code))?.registrationId).toBe(elsewhere.id);
    });

    it('a code already taken at the event, or repeated within one order, is drawn anew in the same placement: every code stays unique', async () => {
      const event = await eventWithTypes();
      const { tickets: [first] } = await ticketsOf(event, event.ticketTypes[0]!.id);
      const taken = first!.code;
      // The store's first draw repeats the taken code too, so one ticket needs a second draw.
      const draws = [taken, 'ZZZZ2222', 'ZZZZ3333'];
      const drawing = await harness().withTicketCodes(() => draws.shift() ?? randomTicketCode());

      const clash = makeRegistration(event, { status: 'confirmed', quantity: 2, userId: randomIds.newId('usr') });
      const asked = makeTickets(clash).map((t) => ({ ...t, code: taken }));
      const placed = await drawing.placeRegistration(clash, asked, [], T0);
      expect(placed.ok).toBe(true);
      const redrawn = placed.ok ? placed.redrawnCodes ?? {} : {};
      expect(Object.keys(redrawn).sort()).toEqual(asked.map((t) => t.id).sort());
      expect(Object.values(redrawn).sort()).toEqual(['ZZZZ2222', 'ZZZZ3333']);
      for (const ticket of asked) {
        expect((await store().getTicket(ticket.id))?.code).toBe(redrawn[ticket.id]);
        expect((await store().getTicketByCode(event.id, redrawn[ticket.id]!))?.id).toBe(ticket.id);
      }
      expect((await store().getTicketByCode(event.id, taken))?.id).toBe(first!.id);

      // Paid: the tickets issued with the payment get a fresh code the same way.
      draws.push('ZZZZ4444');
      const paid = makeRegistration(event, { quantity: 1, userId: randomIds.newId('usr'), holdExpiresAt: at(30) });
      expect((await drawing.placeRegistration(paid, [], [], at(1))).ok).toBe(true);
      const [ticket] = makeTickets(paid).map((t) => ({ ...t, code: taken }));
      expect((await drawing.confirmPayment(paid.id, makeIntent(paid, { status: 'succeeded' }), [ticket!], [], at(2))).ok).toBe(true);
      expect((await store().getTicket(ticket!.id))?.code).toBe('ZZZZ4444');
      expect((await store().getTicketByCode(event.id, taken))?.id).toBe(first!.id);
    });

    it("answers not_on_list for a ticket type the gate's list leaves out, and leaves the ticket valid", async () => {
      const event = await eventWithTypes();
      const [general, vip] = event.ticketTypes.map((t) => t.id) as [string, string];
      const { tickets } = await ticketsOf(event, general, 2);
      expect((await store().checkIn(scanInput(event.id, tickets[0]!.id, { listTypes: [vip] }))).result).toBe('not_on_list');
      expect((await store().getTicket(tickets[0]!.id))?.status).toBe('valid');
      expect((await store().checkIn(scanInput(event.id, tickets[0]!.id, { listTypes: [general] }))).result).toBe('admitted');
      expect((await store().checkIn(scanInput(event.id, tickets[1]!.id, { listTypes: [] }))).result).toBe('admitted');
    });

    it('50 concurrent offline admissions of one ticket: one admitted, 49 conflicts naming the first door; a retry changes nothing', async () => {
      const event = await eventWithTypes();
      const { tickets } = await ticketsOf(event, event.ticketTypes[0]!.id);
      const ticketId = tickets[0]!.id;
      const other = await another();
      const scans = Array.from({ length: 50 }, (_, i) => scanInput(event.id, ticketId, {
        nonce: `nonce-${i}`, at: at(10 + i), now: at(100), door: `Door ${i}`, deviceId: `dev-${i}`, resultShown: 'admitted',
      }));
      const first = await Promise.all(scans.map((s, i) => (i % 2 ? other : store()).checkIn(s)));
      const admitted = first.filter((r) => r.result === 'admitted');
      expect(admitted).toHaveLength(1);
      const winner = first.indexOf(admitted[0]!);
      expect(admitted[0]!.conflict).toBeNull();
      const losers = first.filter((r) => r.result !== 'admitted');
      expect(losers.every((r) => r.result === 'already_used')).toBe(true);
      expect(losers.map((r) => r.conflict)).toEqual(Array(49).fill({ firstCheckedInAt: at(10 + winner), firstBy: `Door ${winner}` }));
      // Every answer names the door that admitted it, so a live scan at another door can say where.
      expect(first.map((r) => r.ticket?.checkedInBy)).toEqual(Array(50).fill(`Door ${winner}`));
      expect(await store().getTicket(ticketId)).toMatchObject({ status: 'used', checkedInAt: at(10 + winner), checkedInBy: `Door ${winner}` });

      const conflicts = await store().listCheckInConflicts(event.id, 100);
      expect(conflicts).toHaveLength(49);
      expect(conflicts[0]).toMatchObject({ ticketId, attendeeName: tickets[0]!.attendeeName, ticketTypeName: 'General', firstBy: `Door ${winner}`, recordedAt: at(100) });
      expect(new Set(conflicts.map((c) => c.laterBy)).size).toBe(49);

      // The same batch again (new check-in ids, the same nonces): the same answers, nothing new recorded.
      const retried = await Promise.all(scans.map((s, i) => (i % 2 ? store() : other).checkIn({ ...s, id: `${s.id}_retry` })));
      expect(retried.map((r) => [r.result, r.conflict])).toEqual(first.map((r) => [r.result, r.conflict]));
      expect(await store().listCheckInConflicts(event.id, 100)).toHaveLength(49);
      expect((await store().eventStats(event.id)).checkedIn).toBe(1);
    });

    it('a refusal the door showed is no conflict, nor is a live scan of a used ticket', async () => {
      const event = await eventWithTypes();
      const { tickets } = await ticketsOf(event, event.ticketTypes[0]!.id);
      expect((await store().checkIn(scanInput(event.id, tickets[0]!.id))).result).toBe('admitted');
      expect((await store().checkIn(scanInput(event.id, tickets[0]!.id, { nonce: 'x1', resultShown: 'already_used' }))).conflict).toBeNull();
      expect((await store().checkIn(scanInput(event.id, tickets[0]!.id))).conflict).toBeNull();
      expect(await store().listCheckInConflicts(event.id, 10)).toEqual([]);
    });

    it("lists the event's tickets for the door, and since a time only those changed from then (check-ins, cancellations)", async () => {
      const event = await eventWithTypes();
      const [general, vip] = event.ticketTypes.map((t) => t.id) as [string, string];
      const a = await ticketsOf(event, general, 3);
      const b = await ticketsOf(event, vip, 1);
      const all = await store().listDoorTickets(event.id, null);
      expect(all.map((t) => t.id).sort()).toEqual([...a.tickets, ...b.tickets].map((t) => t.id).sort());
      expect(all.find((t) => t.id === b.tickets[0]!.id)).toEqual({
        id: b.tickets[0]!.id, code: b.tickets[0]!.code, attendeeName: b.tickets[0]!.attendeeName, ticketTypeId: vip, ticketTypeName: 'VIP',
        status: 'valid', checkedInAt: null, checkedInBy: null, changedAt: T0,
      });
      expect(await store().listDoorTickets(event.id, at(1))).toEqual([]);

      await store().checkIn(scanInput(event.id, a.tickets[0]!.id, { at: at(2), now: at(3), door: 'Side door' }));
      await store().transitionRegistration(b.r.id, ['confirmed'], 'cancelled', at(4), []);
      const changed = await store().listDoorTickets(event.id, at(3));
      expect(changed.map((t) => [t.id, t.status, t.checkedInAt, t.checkedInBy, t.changedAt])).toEqual([
        [a.tickets[0]!.id, 'used', at(2), 'Side door', at(3)],
        [b.tickets[0]!.id, 'cancelled', null, null, at(4)],
      ]);
      expect((await store().listDoorTickets(event.id, at(4))).map((t) => t.id)).toEqual([b.tickets[0]!.id]);
      expect((await store().doorCounts(event.id)).sort((x, y) => x.ticketTypeId.localeCompare(y.ticketTypeId))).toEqual(
        [{ ticketTypeId: general, expected: 3, checkedIn: 1 }, { ticketTypeId: vip, expected: 0, checkedIn: 0 }].sort((x, y) => x.ticketTypeId.localeCompare(y.ticketTypeId)),
      );
    });

    it('keeps check-in lists per event', async () => {
      const event = await eventWithTypes();
      const list = { id: randomIds.newId('cil'), eventId: event.id, name: 'VIP gate', ticketTypeIds: [event.ticketTypes[1]!.id], createdAt: T0 };
      const all = { id: randomIds.newId('cil'), eventId: event.id, name: 'Main entrance', ticketTypeIds: [], createdAt: at(1) };
      await store().insertCheckInList(list);
      await store().insertCheckInList(all);
      expect(await store().getCheckInList(list.id)).toEqual(list);
      expect(await store().listCheckInLists(event.id)).toEqual([list, all]);
      expect(await store().listCheckInLists((await eventWithTypes()).id)).toEqual([]);
      expect(await store().getCheckInList('cil_missing')).toBeNull();
    });

    it('finds a scanner link by its secret hash, counts concurrent scans exactly, and revokes it once, only at its own event', async () => {
      const event = await eventWithTypes();
      const gate = link(event.id);
      await store().insertScannerLink(gate);
      expect(await store().getScannerLinkBySecretHash(gate.secretHash)).toEqual(gate);
      expect(await store().getScannerLinkBySecretHash('no-such-hash')).toBeNull();

      const other = await another();
      await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? other : store()).touchScannerLink(gate.id, at(i % 5), 3)));
      expect(await store().getScannerLinkBySecretHash(gate.secretHash)).toMatchObject({ scanCount: 60 });
      expect((await store().listScannerLinks(event.id)).map((l) => l.id)).toEqual([gate.id]);

      expect(await store().revokeScannerLink((await eventWithTypes()).id, gate.id, at(9))).toBe(false);
      expect(await store().revokeScannerLink(event.id, gate.id, at(9))).toBe(true);
      expect(await store().revokeScannerLink(event.id, gate.id, at(10))).toBe(false);
      expect(await store().getScannerLinkBySecretHash(gate.secretHash)).toMatchObject({ revokedAt: at(9) });
      expect(await store().listScannerLinks(event.id)).toEqual([]);
    });
  });
}
