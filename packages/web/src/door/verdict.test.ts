import { createTicketSigner, generateSigningKey } from '@ticketbooth/tickets';
import { describe, expect, it } from 'vitest';
import { importKeys } from '../scanner/qr-verify.js';
import { judgeScan, markAdmitted, TicketIndex, type DoorTicket } from './verdict.js';

const key = generateSigningKey();
const signer = createTicketSigner([key], key.keyId);
const ticket = (id: string, over: Partial<DoorTicket> = {}): DoorTicket => ({
  id,
  code: `C${id.toUpperCase().padEnd(7, 'X')}`.slice(0, 8),
  attendeeName: `Guest ${id}`,
  ticketTypeId: 'tt_standard',
  ticketTypeName: 'Standard',
  status: 'valid',
  checkedInAt: null,
  checkedInBy: null,
  ...over,
});
const scope = { eventId: 'e_1', ticketTypeIds: [] };
const qrOf = (ticketId: string, eventId = 'e_1') => signer.sign({ ticketId, eventId });

describe('the door verdict made offline from the local copy', async () => {
  const keys = await importKeys(signer.publicKeys());
  const index = new TicketIndex([
    ticket('a'),
    ticket('b', { status: 'cancelled' }),
    ticket('c', { status: 'used', checkedInAt: '2026-12-01T19:42:00.000Z', checkedInBy: 'Main entrance' }),
    ticket('v', { ticketTypeId: 'tt_vip', ticketTypeName: 'VIP', attendeeName: 'Zoë Ångström' }),
  ]);

  it('admits a genuine valid ticket of the event, with its name and type', async () => {
    expect(await judgeScan({ qr: qrOf('a') }, scope, index, keys)).toMatchObject({ result: 'admitted', ticket: { attendeeName: 'Guest a', ticketTypeName: 'Standard' } });
  });

  it('says ALREADY USED with when and where for a ticket used at another door', async () => {
    expect(await judgeScan({ qr: qrOf('c') }, scope, index, keys)).toMatchObject({ result: 'already_used', ticket: { checkedInAt: '2026-12-01T19:42:00.000Z', checkedInBy: 'Main entrance' } });
  });

  it('refuses a ticket cancelled before the door went offline', async () => {
    expect((await judgeScan({ qr: qrOf('b') }, scope, index, keys)).result).toBe('cancelled');
  });

  it('refuses a forged QR as INVALID and a genuine QR of another event as WRONG EVENT', async () => {
    const forger = generateSigningKey();
    const forged = createTicketSigner([{ ...forger, keyId: key.keyId }], key.keyId).sign({ ticketId: 'a', eventId: 'e_1' });
    expect((await judgeScan({ qr: forged }, scope, index, keys)).result).toBe('invalid');
    expect((await judgeScan({ qr: qrOf('a', 'e_2') }, scope, index, keys)).result).toBe('wrong_event');
  });

  it('refuses a ticket type outside the check-in list as NOT ON THIS LIST', async () => {
    const vipOnly = { eventId: 'e_1', ticketTypeIds: ['tt_vip'] };
    expect((await judgeScan({ qr: qrOf('a') }, vipOnly, index, keys)).result).toBe('not_on_list');
    expect((await judgeScan({ qr: qrOf('v') }, vipOnly, index, keys)).result).toBe('admitted');
  });

  it('admits a genuine ticket sold after the last pull: no genuine ticket is refused for want of a network', async () => {
    expect(await judgeScan({ qr: qrOf('new') }, scope, index, keys)).toEqual({ result: 'admitted' });
  });

  it('finds a ticket by the code printed under the QR, typed in any case with spaces or dashes', async () => {
    expect((await judgeScan({ code: 'ca xx-xxxx' }, scope, index, keys)).result).toBe('admitted');
    expect((await judgeScan({ code: 'CBXXXXXX' }, scope, index, keys)).result).toBe('cancelled');
    expect((await judgeScan({ code: 'NOPE1234' }, scope, index, keys)).result).toBe('invalid');
  });

  it('finds attendees by name whatever the case and accents', () => {
    expect(index.searchByName('zoe angst').map((t) => t.id)).toEqual(['v']);
    expect(index.searchByName('  ')).toEqual([]);
  });

  it('a ticket admitted here is ALREADY USED on the next scan', async () => {
    const local = new TicketIndex(index.all());
    local.put(markAdmitted(local.get('a')!, '2026-12-01T20:00:00.000Z', 'Side door'));
    expect(await judgeScan({ qr: qrOf('a') }, scope, local, keys)).toMatchObject({ result: 'already_used', ticket: { checkedInBy: 'Side door' } });
  });
});
