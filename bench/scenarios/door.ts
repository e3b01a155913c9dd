import { createEvent } from '../lib/event.js';
import { pool } from '../lib/http.js';
import { againstBare, type Paired } from '../lib/paired.js';
import { record, type RecordedAnswers } from '../lib/recorded-answers.js';
import { TICKETS_PER_ACCOUNT, type Sizes, type Stage } from './context.js';

export interface DoorResult extends Paired {
  tickets: number;
  scans: number;
  scanners: number;
  admitted: number;
  alreadyUsed: number;
  doubleAdmissions: number;
  otherResults: number;
}

/** Registers `tickets` tickets for the event, TICKETS_PER_ACCOUNT to an account; returns their QR codes. */
export async function issue(s: Stage, eventId: string, tickets: number, tokens: string[]): Promise<string[]> {
  const registrations = await pool(Math.ceil(tickets / TICKETS_PER_ACCOUNT), 20, (i) =>
    s.client.request('POST', `/api/events/${eventId}/registrations`, { quantity: Math.min(TICKETS_PER_ACCOUNT, tickets - i * TICKETS_PER_ACCOUNT) }, tokens[i]),
  );
  return registrations.flatMap((r) => (r.status === 201 ? r.body.tickets.map((t: { qr: string }) => t.qr) : []));
}

/** A first scan's answer on a throwaway event: what the bare baseline replays. */
async function recordAnswers(s: Stage, token: string): Promise<RecordedAnswers> {
  const eventId = await createEvent(s.client, s.organizerToken, { name: 'Door sample', capacity: 10, priceCents: 0 });
  const [qr] = await issue(s, eventId, 1, [token]);
  const path = `/api/events/${eventId}/checkins`;
  const res = await s.client.request('POST', path, { qr }, s.organizerToken);
  if (res.body?.result !== 'admitted') throw new Error(`recording the door: ${res.status} ${res.raw.toString()}`);
  const answers: RecordedAnswers = {};
  record(answers, 'POST', path, res.status, res.raw);
  return answers;
}

/** The queue at the door: every ticket scanned, 10% of them twice, by parallel scanners. */
export async function door(s: Stage, sizes: Sizes): Promise<DoorResult> {
  const answers = await recordAnswers(s, s.spareTokens[2]!);
  const eventId = await createEvent(s.client, s.organizerToken, { name: 'Door', capacity: sizes.doorTickets, priceCents: 0 });
  const qrs = await issue(s, eventId, sizes.doorTickets, s.attendeeTokens);
  if (qrs.length !== sizes.doorTickets) throw new Error(`issued ${qrs.length} tickets, wanted ${sizes.doorTickets}`);
  // Tickets are issued days before the door opens: let the server mail them (render the PDFs) first.
  await s.server.waitUntilIdle();
  const scans = [...qrs, ...qrs.filter((_, i) => i % 10 === 0)];
  for (let i = scans.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [scans[i], scans[j]] = [scans[j]!, scans[i]!];
  }
  const paired = await againstBare(
    s.server,
    {
      connections: sizes.doorScanners,
      amount: scans.length,
      steps: [{ method: 'POST', path: `/api/events/${eventId}/checkins`, auth: 'fixed' }],
      token: s.organizerToken,
      bodies: scans.map((qr) => JSON.stringify({ qr })),
      tally: 'result',
    },
    answers,
  );
  const count = (result: string) => Object.entries(paired.ours.tally).reduce((n, [key, c]) => (key.endsWith(` ${result}`) ? n + c : n), 0);
  const admitted = count('admitted');
  const alreadyUsed = count('already_used');
  return {
    ...paired,
    tickets: qrs.length,
    scans: paired.ours.requests,
    scanners: sizes.doorScanners,
    admitted,
    alreadyUsed,
    doubleAdmissions: Math.max(0, admitted - new Set(qrs).size),
    otherResults: paired.ours.requests - admitted - alreadyUsed,
  };
}
