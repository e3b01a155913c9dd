import { randomBytes, randomInt } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTicketSigner, generateSigningKey } from '@ticketbooth/tickets';
import { eventInput, type ApiClient } from '../support/client.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { reportFigures } from './figures.js';
import { sized } from './size.js';

/** Forged door codes of every kind the issue names; none may ever admit anyone. */
const FORGERIES = sized(3_000, 100_000);
const SCANNERS = 16;

function flipBit(text: string): string {
  // Flip one bit of the decoded payload or signature, then re-encode: a valid-looking code.
  const [prefix, payload, sig] = text.split('.') as [string, string, string];
  const target = Math.random() < 0.5 ? 'payload' : 'sig';
  const bytes = Buffer.from(target === 'payload' ? payload : sig, 'base64url');
  const at = randomInt(bytes.length);
  bytes[at] = bytes[at]! ^ (1 << randomInt(8));
  const changed = bytes.toString('base64url');
  return target === 'payload' ? `${prefix}.${changed}.${sig}` : `${prefix}.${payload}.${changed}`;
}

function changeChar(text: string): string {
  const at = randomInt(text.length);
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.';
  let replacement = text[at]!;
  while (replacement === text[at]) replacement = alphabet[randomInt(alphabet.length)]!;
  return text.slice(0, at) + replacement + text.slice(at + 1);
}

describe('ticket forgery at the door', () => {
  let t: TestServer;
  let organizer: ApiClient;
  let eventA: string;
  let eventB: string;
  let genuineA: { id: string; qr: string }[];
  let genuineB: { id: string; qr: string }[];
  let keyId: string;

  beforeAll(async () => {
    t = await startTestServer();
    organizer = await t.client().signUpVerified('organizer');
    const attendee = await t.client().signUpVerified('attendee');
    eventA = (await organizer.post('/api/events', eventInput({ name: 'Event A', priceCents: 0, ticketTypes: undefined, capacity: 50 }))).body.id;
    eventB = (await organizer.post('/api/events', eventInput({ name: 'Event B', priceCents: 0, ticketTypes: undefined, capacity: 50 }))).body.id;
    const regA = await attendee.post(`/api/events/${eventA}/registrations`, { quantity: 4 });
    const regB = await attendee.post(`/api/events/${eventB}/registrations`, { quantity: 2 });
    genuineA = (await attendee.get(`/api/registrations/${regA.body.id}`)).body.tickets;
    genuineB = (await attendee.get(`/api/registrations/${regB.body.id}`)).body.tickets;
    keyId = (await organizer.get(`/api/events/${eventA}/checkin-keys`)).body.keys[0].keyId;
    expect(genuineA).toHaveLength(4);
    expect(genuineB).toHaveLength(2);
  });
  afterAll(() => t?.stop());

  it(`admits none of ${FORGERIES} forged, truncated, bit-flipped, re-signed and other-event codes; the genuine ones still admit once`, async () => {
    // An attacker's key under our key id, and under an id of its own.
    const sameIdSigner = createTicketSigner([{ ...generateSigningKey(), keyId }], keyId);
    const ownKey = generateSigningKey();
    const ownSigner = createTicketSigner([ownKey], ownKey.keyId);
    const pick = <T>(items: T[]): T => items[randomInt(items.length)]!;
    const kinds: Record<string, () => string> = {
      random: () => randomBytes(randomInt(1, 200)).toString(pick(['base64url', 'hex', 'latin1'] as const)),
      randomShaped: () => `TB1.${randomBytes(randomInt(8, 60)).toString('base64url')}.${randomBytes(64).toString('base64url')}`,
      truncated: () => pick(genuineA).qr.slice(0, randomInt(1, pick(genuineA).qr.length)),
      bitFlipped: () => flipBit(pick(genuineA).qr),
      charChanged: () => changeChar(pick(genuineA).qr),
      resignedSameKeyId: () => sameIdSigner.sign({ ticketId: pick(genuineA).id, eventId: eventA }),
      resignedOtherKey: () => ownSigner.sign({ ticketId: pick(genuineA).id, eventId: eventA }),
      inventedTicket: () => sameIdSigner.sign({ ticketId: `tkt_${randomBytes(12).toString('base64url')}`, eventId: eventA }),
      otherEvent: () => pick(genuineB).qr,
    };
    const names = Object.keys(kinds);
    const byResult: Record<string, number> = {};
    const byKind: Record<string, number> = {};
    let admitted = 0;
    let next = 0;
    const scanner = async () => {
      while (next < FORGERIES) {
        const kind = names[next++ % names.length]!;
        byKind[kind] = (byKind[kind] ?? 0) + 1;
        const res = await organizer.post(`/api/events/${eventA}/checkins`, { qr: kinds[kind]!() });
        const outcome = res.status === 200 ? String(res.body.result) : `http_${res.status}`;
        byResult[outcome] = (byResult[outcome] ?? 0) + 1;
        if (outcome === 'admitted') admitted++;
      }
    };
    await Promise.all(Array.from({ length: SCANNERS }, scanner));

    // Forgeries consumed nothing: each genuine ticket admits once, then is already used.
    const firstScans = await Promise.all(genuineA.map((tk) => organizer.post(`/api/events/${eventA}/checkins`, { qr: tk.qr })));
    const replays = await Promise.all(genuineA.map((tk) => organizer.post(`/api/events/${eventA}/checkins`, { qr: tk.qr })));
    reportFigures('forgery', { forgeries: FORGERIES, admitted, byKind, byResult, genuineAdmitted: firstScans.filter((r) => r.body.result === 'admitted').length, replaysAlreadyUsed: replays.filter((r) => r.body.result === 'already_used').length });

    expect(admitted).toBe(0);
    expect(Object.keys(byResult).every((r) => ['invalid', 'wrong_event', 'http_400'].includes(r))).toBe(true);
    expect(byResult.wrong_event).toBe(byKind.otherEvent);
    expect(firstScans.map((r) => r.body.result)).toEqual(genuineA.map(() => 'admitted'));
    expect(replays.map((r) => r.body.result)).toEqual(genuineA.map(() => 'already_used'));
  }, 600_000);
});
