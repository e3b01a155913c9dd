import { createTicketSigner, generateSigningKey } from '@ticketbooth/tickets';
import { describe, expect, it } from 'vitest';
import { verdictScript } from '../scenarios/door-offline.js';
import type { VerdictRun } from './door-verdicts.js';

const key = generateSigningKey();
const signer = createTicketSigner([key], key.keyId);
const ticket = { id: 'tkt_bench_1', code: 'K7QX2MHP', attendeeName: 'Ada Bench', ticketTypeId: 'tt_general', ticketTypeName: 'General', status: 'valid', checkedInAt: null };

describe("the door-offline bench's in-page verdict script", () => {
  it('judges each QR with the web scanner code against the door-data it is given, and times every scan', async () => {
    // The bundle exactly as the bench hands it to Chromium; Node's WebCrypto has Ed25519 too.
    new Function(await verdictScript())();
    const run = (globalThis as unknown as { runDoorVerdicts(d: unknown, e: string, q: string[]): Promise<VerdictRun> }).runDoorVerdicts;
    const genuine = signer.sign({ ticketId: ticket.id, eventId: 'evt_bench' });
    const forged = `${genuine.slice(0, -4)}AAAA`;
    const doorData = { keys: signer.publicKeys(), checkinList: null, tickets: [ticket, { ...ticket, id: 'tkt_bench_2', code: 'K7QX2MHQ', status: 'cancelled' }] };
    const cancelled = signer.sign({ ticketId: 'tkt_bench_2', eventId: 'evt_bench' });
    const result = await run(doorData, 'evt_bench', [genuine, forged, cancelled, signer.sign({ ticketId: ticket.id, eventId: 'evt_other' })]);
    expect(result.results).toEqual({ admitted: 1, invalid: 1, cancelled: 1, wrong_event: 1 });
    expect(result.ms).toHaveLength(4);
  });
});
