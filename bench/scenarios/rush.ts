import { createEvent } from '../lib/event.js';
import type { LoadStep } from '../lib/load-spec.js';
import { againstBare, type Paired } from '../lib/paired.js';
import { record, type RecordedAnswers } from '../lib/recorded-answers.js';
import type { Sizes, Stage } from './context.js';

export interface RushResult extends Paired {
  variant: 'free' | 'paid';
  connections: number;
  attempts: number;
  spots: number;
  confirmed: number;
  soldOut: number;
  /** Answers other than a success or sold_out, as `status code`. */
  other: Record<string, number>;
  confirmedPerSecond: number;
  oversold: number;
  statsSold: number;
  serverPeakRssMiB: number;
}

export interface RushPair {
  free: RushResult;
  paid: RushResult;
}

const CARD = JSON.stringify({ card: { number: '4242424242424242', expMonth: 12, expYear: 2099, cvc: '123' } });
const ONE_TICKET = JSON.stringify({ quantity: 1 });

function steps(eventId: string, variant: 'free' | 'paid'): LoadStep[] {
  const register: LoadStep = { method: 'POST', path: `/api/events/${eventId}/registrations`, body: ONE_TICKET, auth: 'next' };
  if (variant === 'free') return [register];
  return [register, { method: 'POST', path: '/api/registrations/{id}/payment-intents', auth: 'flow' }, { method: 'POST', path: '/api/payment-intents/{id}/confirm', body: CARD, auth: 'flow' }];
}

/** One flow on a throwaway event by a spare account: the answers the bare baseline replays. */
async function recordAnswers(s: Stage, variant: 'free' | 'paid', token: string): Promise<RecordedAnswers> {
  const eventId = await createEvent(s.client, s.organizerToken, { name: `Rush ${variant} sample`, capacity: 10, priceCents: variant === 'free' ? 0 : 2500 });
  const answers: RecordedAnswers = {};
  let id = '';
  for (const step of steps(eventId, variant)) {
    const path = step.path.replace('{id}', id);
    const res = await s.client.request(step.method, path, step.body === undefined ? undefined : JSON.parse(step.body), token);
    if (res.status >= 300) throw new Error(`recording ${path}: ${res.status} ${res.raw.toString()}`);
    record(answers, step.method, path, res.status, res.raw);
    id = res.body.id as string;
  }
  return answers;
}

/** The on-sale rush: every account tries once, over a fixed number of connections; exactly `spots` may win. */
export async function rush(s: Stage, sizes: Sizes, variant: 'free' | 'paid'): Promise<RushResult> {
  const spots = sizes.rushSpots;
  const answers = await recordAnswers(s, variant, s.spareTokens[variant === 'free' ? 0 : 1]!);
  const eventId = await createEvent(s.client, s.organizerToken, { name: `Rush ${variant}`, capacity: spots, priceCents: variant === 'free' ? 0 : 2500 });
  // The warm-up's event sells a hundredth as many spots: the same code runs, the measured event stays untouched.
  const warmUpEventId = await createEvent(s.client, s.organizerToken, { name: `Rush ${variant} warm-up`, capacity: Math.max(1, Math.round(spots / 100)), priceCents: variant === 'free' ? 0 : 2500 });
  const tokens = s.attendeeTokens.slice(0, sizes.rushRequests);
  const spec = (on: string, tokens: string[]) => ({
    connections: sizes.rushConnections,
    steps: steps(on, variant),
    tokens,
    tally: 'error.code' as const,
    // A paid flow is one request (sold out) to three: stop when the last flow ends instead.
    ...(variant === 'free' ? { amount: tokens.length } : { amount: tokens.length * 100, stopWhenTokensUsed: true }),
  });
  const paired = await againstBare(s.server, spec(eventId, tokens), answers, { warmUp: spec(warmUpEventId, s.warmUpTokens) });
  const { ours } = paired;
  const soldOut = ours.tally['409 sold_out'] ?? 0;
  const other: Record<string, number> = {};
  for (const [key, count] of Object.entries(ours.tally)) if (!key.startsWith('2') && key !== '409 sold_out') other[key] = count;
  const stats = await s.client.request('GET', `/api/events/${eventId}/stats`, undefined, s.organizerToken);
  const confirmed = ours.completedFlows;
  return {
    ...paired,
    variant,
    connections: sizes.rushConnections,
    attempts: tokens.length,
    spots,
    confirmed,
    soldOut,
    other,
    confirmedPerSecond: ours.lastCompletionMs ? Math.round((confirmed / ours.lastCompletionMs) * 1000) : 0,
    oversold: Math.max(0, stats.body.sold - spots) + Math.abs(stats.body.sold - confirmed),
    statsSold: stats.body.sold,
    serverPeakRssMiB: s.server.peakRssMiB(),
  };
}

/** The free rush, then the paid one, on the same server (`npm run bench -- rush`). */
export async function rushes(s: Stage, sizes: Sizes): Promise<RushPair> {
  return { free: await rush(s, sizes, 'free'), paid: await rush(s, sizes, 'paid') };
}
