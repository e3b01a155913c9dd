import fc from 'fast-check';
import { defaultSettings, type Card } from '@ticketbooth/core';

/** fast-check arbitraries of the scenarios: a few events, then steps of single operations or concurrent batches. */

export const HOLD_MINUTES = defaultSettings.holdMinutes;

export const CARDS = {
  success: { number: '4242424242424242', expMonth: 12, expYear: 2040, cvc: '123' },
  decline: { number: '4000000000000002', expMonth: 12, expYear: 2040, cvc: '123' },
} satisfies Record<string, Card>;
export type CardKind = keyof typeof CARDS;

/** An operation as generated: indexes into what exists when it runs (the model resolves them). */
export type Op =
  | { kind: 'register'; user: number; event: number; lines: { type: number; qty: number }[] }
  | { kind: 'pay'; reg: number; anyReg: boolean; card: CardKind }
  | { kind: 'cancel'; reg: number; anyReg: boolean }
  | { kind: 'expire'; minutes: number }
  | { kind: 'scan'; ticket: number; anyTicket: boolean; mode: 'once' | 'repeat' | 'wrong' }
  | { kind: 'cancelEvent'; event: number }
  | { kind: 'drain' };
/** A batch's operations run concurrently, each on side 0 or 1 (one store connection each). */
export type Step = { kind: 'one'; op: Op } | { kind: 'batch'; ops: { side: 0 | 1; op: Op }[] };
export interface EventSpec {
  capacity: number;
  maxTicketsPerAccount: number;
  types: { priceCents: number; quantity: number | null }[];
}
export interface Scenario {
  events: EventSpec[];
  steps: Step[];
}

/** Small picks on purpose: operations of one batch often land on the same registration or ticket. */
const pick = fc.nat({ max: 3 });
const small = fc.oneof({ weight: 6, arbitrary: fc.integer({ min: 1, max: 3 }) }, { weight: 1, arbitrary: fc.integer({ min: 4, max: 10 }) });

const opArb: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 20,
    arbitrary: fc.record({
      kind: fc.constant('register' as const),
      user: fc.nat({ max: 2 }),
      event: fc.nat({ max: 2 }),
      // 1–10 tickets: one line, or two lines (possibly of the same type, which the service merges)
      lines: fc.oneof(
        fc.tuple(fc.record({ type: fc.nat({ max: 1 }), qty: small })),
        fc.tuple(fc.record({ type: fc.nat({ max: 1 }), qty: fc.integer({ min: 1, max: 3 }) }), fc.record({ type: fc.nat({ max: 1 }), qty: fc.integer({ min: 1, max: 3 }) })),
      ),
    }),
  },
  {
    weight: 16,
    arbitrary: fc.record({
      kind: fc.constant('pay' as const),
      reg: pick,
      anyReg: fc.boolean(),
      card: fc.constantFrom<CardKind>('success', 'success', 'success', 'decline'),
    }),
  },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('cancel' as const), reg: pick, anyReg: fc.boolean() }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('expire' as const), minutes: fc.constantFrom(5, HOLD_MINUTES + 1, 2 * HOLD_MINUTES + 1) }) },
  {
    weight: 12,
    arbitrary: fc.record({
      kind: fc.constant('scan' as const),
      ticket: pick,
      anyTicket: fc.boolean(),
      mode: fc.constantFrom<'once' | 'repeat' | 'wrong'>('once', 'once', 'repeat', 'wrong'),
    }),
  },
  // not too often: a cancelled event takes one of the 2–3 events out of the run
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('cancelEvent' as const), event: fc.nat({ max: 2 }) }) },
  { weight: 6, arbitrary: fc.constant({ kind: 'drain' as const }) },
);

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  { weight: 3, arbitrary: opArb.map((op): Step => ({ kind: 'one', op })) },
  {
    weight: 2,
    arbitrary: fc
      .array(fc.record({ side: fc.constantFrom<0 | 1>(0, 1), op: opArb }), { minLength: 2, maxLength: 6 })
      .map((ops): Step => ({ kind: 'batch', ops })),
  },
);

const eventArb: fc.Arbitrary<EventSpec> = fc.record({
  capacity: fc.integer({ min: 2, max: 10 }),
  // often below the capacity, so that one of the three accounts reaches it
  maxTicketsPerAccount: fc.integer({ min: 2, max: 10 }),
  types: fc.array(
    fc.record({
      priceCents: fc.oneof({ weight: 1, arbitrary: fc.constant(0) }, { weight: 2, arbitrary: fc.integer({ min: 1, max: 20_000 }) }),
      quantity: fc.option(fc.integer({ min: 1, max: 6 }), { nil: null }),
    }),
    { minLength: 1, maxLength: 2 },
  ),
});

export const scenarioArb = (maxSteps: number): fc.Arbitrary<Scenario> =>
  fc.record({ events: fc.array(eventArb, { minLength: 2, maxLength: 3 }), steps: fc.array(stepArb, { minLength: 1, maxLength: maxSteps, size: 'max' }) });
