import { AsyncLocalStorage } from 'node:async_hooks';
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, it } from 'vitest';
import fc from 'fast-check';
import {
  createServices,
  defaultSettings,
  DomainError,
  randomIds,
  type BlobStore,
  type Card,
  type CheckInResult,
  type Clock,
  type EventWithCounts,
  type Identity,
  type Logger,
  type Mailer,
  type PaymentGateway,
  type PaymentIntent,
  type Principal,
  type Registration,
  type Services,
  type Store,
  type Ticket,
  type TicketRenderer,
  type TicketSigner,
} from '@ticketbooth/core';
import { createFileLedger, createMockPaymentGateway } from '@ticketbooth/adapters-local';
import { createTicketSigner, generateSigningKey } from '@ticketbooth/tickets';
import type { StoreHarness } from './contract.js';

/**
 * DESIGN.md's invariants as properties, under random sequences and random concurrent batches of
 * the real use cases (core's services) over the Store under test, split across two connections
 * (clients). fast-check generates the operations; inside a concurrent batch `fc.scheduler` decides
 * the order in which the store and gateway calls of the batch's operations are let through, so a
 * failing interleaving shrinks and replays (exactly on SQLite, closely on DynamoDB).
 *
 * After every step the store is read back and every invariant checked; after the outbox is drained
 * the eventual ones too (cancelled events emptied, refunds made, tickets rendered).
 *
 * Replay a failure with the seed and path fast-check prints: PROPERTIES_SEED=… PROPERTIES_PATH=….
 */

export interface StorePropertiesOptions {
  /** Property runs in `npm test`; STRESS=1 multiplies them by `stressFactor`. */
  numRuns?: number;
  stressFactor?: number;
  /** Most steps (single operations or concurrent batches) in one run. */
  maxSteps?: number;
  /** Short name for the `[reliability]` line and test-results/reliability.jsonl. */
  figuresName?: string;
  /** Time limit of the whole property (ms); stress runs get ten times more. */
  timeoutMs?: number;
}

const stress = process.env.STRESS === '1';
const HOLD_MINUTES = defaultSettings.holdMinutes;
const CARDS = {
  success: { number: '4242424242424242', expMonth: 12, expYear: 2040, cvc: '123' },
  decline: { number: '4000000000000002', expMonth: 12, expYear: 2040, cvc: '123' },
} satisfies Record<string, Card>;
const RESULTS_DIR = fileURLToPath(new URL('../../../test-results/', import.meta.url));

// ---------------------------------------------------------------------------------------------
// Generated scenarios

type CardKind = keyof typeof CARDS;
type Op =
  | { kind: 'register'; user: number; event: number; lines: { type: number; qty: number }[] }
  | { kind: 'pay'; reg: number; anyReg: boolean; card: CardKind }
  | { kind: 'cancel'; reg: number; anyReg: boolean }
  | { kind: 'expire'; minutes: number }
  | { kind: 'scan'; ticket: number; anyTicket: boolean; mode: 'once' | 'repeat' | 'wrong' }
  | { kind: 'cancelEvent'; event: number }
  | { kind: 'drain' };
type Step = { kind: 'one'; op: Op } | { kind: 'batch'; ops: { side: 0 | 1; op: Op }[] };
interface EventSpec {
  capacity: number;
  types: { priceCents: number; quantity: number | null }[];
}
interface Scenario {
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
  types: fc.array(
    fc.record({
      priceCents: fc.oneof({ weight: 1, arbitrary: fc.constant(0) }, { weight: 2, arbitrary: fc.integer({ min: 1, max: 20_000 }) }),
      quantity: fc.option(fc.integer({ min: 1, max: 6 }), { nil: null }),
    }),
    { minLength: 1, maxLength: 2 },
  ),
});
const scenarioArb = (maxSteps: number): fc.Arbitrary<Scenario> =>
  fc.record({ events: fc.array(eventArb, { minLength: 2, maxLength: 3 }), steps: fc.array(stepArb, { minLength: 1, maxLength: maxSteps, size: 'max' }) });

// ---------------------------------------------------------------------------------------------
// In-process adapters (the store is what is under test; these are cheap and observable)

class TestClock implements Clock {
  constructor(public ms: number) {}
  now(): Date {
    return new Date(this.ms);
  }
  advance(minutes: number): void {
    this.ms += minutes * 60_000;
  }
}

function memoryBlobs(): BlobStore & { keys: Set<string> } {
  const keys = new Set<string>();
  return {
    keys,
    async put(key) {
      keys.add(key);
    },
    async exists(key) {
      return keys.has(key);
    },
    async signedUrl(key) {
      return `memory://${key}`;
    },
  };
}

const fakeRenderer: TicketRenderer = {
  async pdf({ ticket }) {
    return new TextEncoder().encode(`%PDF-fake ${ticket.id}`);
  },
  calendar({ registration }) {
    return `BEGIN:VCALENDAR\r\nX-REGISTRATION:${registration.id}\r\nEND:VCALENDAR\r\n`;
  },
};

const noIdentity: Identity = new Proxy({} as Identity, {
  get: (_target, prop) => (prop === 'then' ? undefined : () => Promise.reject(new Error('Identity is not used by the store properties.'))),
});

/** The mock gateway's ledger, read back: what money really moved. */
class Ledger {
  private offset = 0;
  readonly charges = new Map<string, { succeeded: boolean; amountCents: number; currency: string }>();
  readonly refunds = new Map<string, number>();
  /** Charge keys in the order they reached the gateway. */
  readonly chargeOrder: string[] = [];
  refundTotal = 0;
  constructor(private readonly path: string) {}
  read(): void {
    if (!existsSync(this.path)) return;
    const text = readFileSync(this.path, 'utf8');
    const fresh = text.slice(this.offset);
    const end = fresh.lastIndexOf('\n') + 1;
    this.offset += end;
    for (const line of fresh.slice(0, end).split('\n')) {
      if (!line.trim()) continue;
      const entry = JSON.parse(line) as
        | { type: 'charge'; key: string; result: { status: string }; amountCents: number; currency: string }
        | { type: 'refund'; key: string; chargeKey: string };
      if (entry.type === 'charge') {
        if (this.charges.has(entry.key)) throw new Error(`The gateway recorded charge ${entry.key} twice.`);
        this.charges.set(entry.key, { succeeded: entry.result.status === 'succeeded', amountCents: entry.amountCents, currency: entry.currency });
        this.chargeOrder.push(entry.key);
      } else {
        this.refunds.set(entry.chargeKey, (this.refunds.get(entry.chargeKey) ?? 0) + 1);
        this.refundTotal++;
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Checking

class InvariantViolation extends Error {
  override name = 'InvariantViolation';
}
let assertions = 0;
function must(condition: boolean, message: string, details?: unknown): asserts condition {
  assertions++;
  if (!condition) throw new InvariantViolation(details === undefined ? message : `${message} ${JSON.stringify(details)}`);
}

type Outcome<T = unknown> = { ok: true; value: T } | { ok: false; code: string; message: string };
async function attempt<T>(fn: () => Promise<T>): Promise<Outcome<T>> {
  try {
    return { ok: true, value: await fn() };
  } catch (error) {
    if (error instanceof DomainError) return { ok: false, code: error.code, message: error.message };
    throw error;
  }
}
const codeOf = (o: Outcome): string => (o.ok ? 'ok' : o.code);

interface ModelEvent {
  id: string;
  index: number;
  capacity: number;
  currency: string;
  types: { id: string; priceCents: number; quantity: number | null }[];
  cancelled: boolean;
  state: EventWithCounts | null;
}
interface ModelRegistration {
  id: string;
  eventId: string;
  user: Principal;
  last: Registration;
}
interface ModelTicket {
  ticket: Ticket;
  /** "admitted" answers to first-time scans (a replayed nonce is the same scan, not a new one). */
  admissions: number;
}

interface Figures {
  runs: number;
  steps: number;
  batches: number;
  batchOps: number;
  checks: number;
  assertions: number;
  registered: number;
  soldOut: number;
  notOnSale: number;
  paid: number;
  declined: number;
  holdExpired: number;
  inProgress: number;
  expiredHolds: number;
  cancelledRegs: number;
  eventsCancelled: number;
  admissions: number;
  alreadyUsed: number;
  wrongEvent: number;
  cancelledScans: number;
  charges: number;
  refunds: number;
  raceRefunds: number;
  jobs: number;
  jobFailures: number;
  mails: number;
  skipped: number;
  durationMs: number;
  failed: number;
}

/** Shared contract of the concurrency properties, for any Store adapter. */
export function describeStoreProperties(name: string, open: () => Promise<StoreHarness>, options: StorePropertiesOptions = {}): void {
  const numRuns = (options.numRuns ?? 10) * (stress ? (options.stressFactor ?? 10) : 1);
  const maxSteps = options.maxSteps ?? 20;
  const timeoutMs = (options.timeoutMs ?? 120_000) * (stress ? 10 : 1);
  const figuresName = options.figuresName ?? name;

  describe(`Store properties: ${name}`, () => {
    let h: StoreHarness;
    let stores: [Store, Store];
    let ledgerDir: string;
    beforeAll(async () => {
      h = await open();
      stores = [h.store, h.openAnother ? await h.openAnother() : h.store];
      ledgerDir = mkdtempSync(join(tmpdir(), 'ticketbooth-properties-'));
    });
    afterAll(async () => {
      await h?.cleanup();
      if (ledgerDir) rmSync(ledgerDir, { recursive: true, force: true });
    });

    it(
      'never oversold, paid means ticketed, a ticket admits once, cancellations release spots and refund once, amounts are exact',
      async () => {
        const figures: Figures = {
          runs: 0, steps: 0, batches: 0, batchOps: 0, checks: 0, assertions: 0, registered: 0, soldOut: 0, notOnSale: 0,
          paid: 0, declined: 0, holdExpired: 0, inProgress: 0, expiredHolds: 0, cancelledRegs: 0, eventsCancelled: 0,
          admissions: 0, alreadyUsed: 0, wrongEvent: 0, cancelledScans: 0, charges: 0, refunds: 0, raceRefunds: 0, jobs: 0,
          jobFailures: 0, mails: 0, skipped: 0, durationMs: 0, failed: 0,
        };
        const started = Date.now();
        const assertionsAtStart = assertions;

        // --- the world both sides share: one clock, one card gateway (as Stripe is one), one signer
        const clock = new TestClock(Date.parse('2031-03-03T09:00:00.000Z'));
        const ledgerPath = join(ledgerDir, 'ledger.jsonl');
        const ledger = new Ledger(ledgerPath);
        const gateway = createMockPaymentGateway({ ledger: createFileLedger(ledgerPath), ids: randomIds, clock });
        const key = generateSigningKey();
        const signer: TicketSigner = createTicketSigner([key], key.keyId);
        const blobs = memoryBlobs();
        const mailer: Mailer = {
          async send() {
            figures.mails++;
          },
        };
        const jobWarnings: string[] = [];
        const logger: Logger = {
          info() {},
          warn(obj, msg) {
            if (msg?.includes('job failed')) figures.jobFailures++;
            jobWarnings.push(`${msg ?? ''} ${JSON.stringify(obj)}`);
          },
          error(obj, msg) {
            jobWarnings.push(`${msg ?? ''} ${JSON.stringify(obj)}`);
          },
        };

        // --- concurrent batches go through the scheduler; single steps and checks do not
        let scheduler: fc.Scheduler | null = null;
        const opLabel = new AsyncLocalStorage<string>();
        const gate = async (what: string): Promise<void> => {
          if (scheduler) await scheduler.schedule(Promise.resolve(), `${opLabel.getStore() ?? '?'} ${what}`);
        };
        const gated = <T extends object>(target: T, label: string): T =>
          new Proxy(target, {
            get(obj, prop, receiver) {
              const value: unknown = Reflect.get(obj, prop, receiver);
              if (typeof value !== 'function' || prop === 'close') return value;
              return async (...args: unknown[]) => {
                await gate(`${label}.${String(prop)}`);
                return (value as (...a: unknown[]) => unknown).apply(obj, args);
              };
            },
          });
        const sharedGateway: PaymentGateway = gated(gateway, 'gateway');
        const services: [Services, Services] = [0, 1].map((side) =>
          createServices({
            store: gated(stores[side as 0 | 1], side === 0 ? 'A' : 'B'),
            identity: noIdentity,
            mailer,
            blobs,
            payments: sharedGateway,
            signer,
            renderer: fakeRenderer,
            clock,
            ids: randomIds,
            logger,
            settings: defaultSettings,
          }),
        ) as [Services, Services];

        const property = fc.asyncProperty(scenarioArb(maxSteps), fc.scheduler(), async (scenario, s) => {
          figures.runs++;
          const jobFailuresBefore = figures.jobFailures;
          ledger.read();
          const firstCharge = ledger.chargeOrder.length;

          // --- setup: an organizer, three attendees, 2–3 published events with 1–2 ticket types
          const mkUser = async (role: 'organizer' | 'attendee'): Promise<Principal> => {
            const id = randomIds.newId('usr');
            const inserted = await stores[0].insertUser({ id, email: `${id.toLowerCase()}@example.test`, name: `P ${role}`, role, emailVerified: true, createdAt: clock.now().toISOString() });
            must(inserted.ok, 'insertUser of a fresh user failed', inserted);
            return { userId: id, role };
          };
          const organizer = await mkUser('organizer');
          const attendees = [await mkUser('attendee'), await mkUser('attendee'), await mkUser('attendee')];
          const events: ModelEvent[] = [];
          for (const [index, spec] of scenario.events.entries()) {
            const created = await services[index % 2].events.create(organizer, {
              name: `Property event ${index}`,
              description: 'Generated by the store properties',
              category: 'Test',
              location: 'Hall',
              startsAt: new Date(clock.ms + 7 * 24 * 3600_000).toISOString(),
              currency: 'EUR',
              capacity: spec.capacity,
              ticketTypes: spec.types.map((t, i) => ({ name: `Type ${i}`, priceCents: t.priceCents, quantity: t.quantity })),
              publish: true,
            });
            events.push({
              id: created.id,
              index,
              capacity: spec.capacity,
              currency: created.currency,
              types: created.ticketTypes.map((t) => ({ id: t.id, priceCents: t.priceCents, quantity: t.quantity })),
              cancelled: false,
              state: created,
            });
          }
          const regs = new Map<string, ModelRegistration>();
          const tickets = new Map<string, ModelTicket>();
          const eventById = (id: string): ModelEvent => events.find((e) => e.id === id)!;
          const recent = <T>(list: T[], n: number): T | undefined => (list.length ? list[list.length - 1 - (n % list.length)] : undefined);

          // --- reading the store back and checking every invariant
          let reads = 0;
          /** Intents charged while their hold ran out (or the order was cancelled), refunded on the spot. */
          let canceledCharged = 0;
          const check = async (phase: 'step' | 'drained', where: string): Promise<void> => {
            figures.checks++;
            const store = stores[reads++ % 2]!; // alternate connections: both must see the same truth
            ledger.read();
            const regList = [...regs.values()];
            const [eventStates, regStates, ticketLists, intentLists, userTickets] = await Promise.all([
              Promise.all(events.map((e) => store.getEvent(e.id))),
              Promise.all(regList.map((r) => store.getRegistration(r.id))),
              Promise.all(regList.map((r) => store.listTicketsByRegistration(r.id))),
              Promise.all(regList.map((r) => store.listPaymentIntentsByRegistration(r.id))),
              Promise.all(attendees.map((u) => store.listTicketsByUser(u.userId, 1000))),
            ]);
            const at = `(${where})`;
            const now = clock.now().toISOString();
            const byEvent = new Map<string, { sold: Map<string, number>; held: Map<string, number> }>();
            for (const e of events) byEvent.set(e.id, { sold: new Map(), held: new Map() });
            const intentIds = new Set<string>();
            const succeededChargeKeys = new Set<string>();
            canceledCharged = 0;

            for (const [i, mr] of regList.entries()) {
              const r = regStates[i];
              must(r !== null, `registration ${mr.id} vanished ${at}`);
              const ev = eventById(r.eventId);
              const ts = ticketLists[i]!;
              const intents = intentLists[i]!;
              // money: integer minor units, price * quantity, in the event's currency
              const lineSum = r.lines.reduce((n, l) => n + l.quantity * l.unitPriceCents, 0);
              must(Number.isInteger(r.amountCents) && r.amountCents >= 0 && r.amountCents === lineSum, `amount is not price * quantity ${at}`, r);
              must(r.lines.every((l) => Number.isInteger(l.quantity) && l.quantity > 0 && ev.types.find((t) => t.id === l.ticketTypeId)?.priceCents === l.unitPriceCents), `a line does not carry its type's price ${at}`, r);
              must(r.quantity === r.lines.reduce((n, l) => n + l.quantity, 0) && r.quantity >= 1 && r.quantity <= 10, `quantity is not the sum of 1..10 tickets ${at}`, r);
              must(r.currency === ev.currency && r.userId === mr.user.userId && r.eventId === mr.eventId, `registration fields changed ${at}`, r);
              // spots: what the counters must say
              const bucket = byEvent.get(r.eventId)!;
              if (r.status === 'confirmed' || r.status === 'pending_payment') {
                const into = r.status === 'confirmed' ? bucket.sold : bucket.held;
                for (const l of r.lines) into.set(l.ticketTypeId, (into.get(l.ticketTypeId) ?? 0) + l.quantity);
              }
              // payments
              for (const intent of intents) {
                intentIds.add(intent.id);
                must(intent.registrationId === r.id && intent.amountCents === r.amountCents && intent.currency === r.currency && Number.isInteger(intent.amountCents), `intent amount differs from its registration ${at}`, { intent, r });
                must(intent.status !== 'processing', `an intent is left processing with no request in flight ${at}`, intent);
                if (intent.status === 'succeeded') succeededChargeKeys.add(intent.chargeKey ?? '');
                if (intent.status === 'canceled') {
                  // charged while the hold ran out (or the order was cancelled): refunded on the spot
                  const charge = intent.chargeKey ? ledger.charges.get(intent.chargeKey) : undefined;
                  must(!!charge?.succeeded && ledger.refunds.get(intent.chargeKey!) === 1, `a canceled intent's charge is not refunded exactly once ${at}`, { intent, charge, refunds: ledger.refunds.get(intent.chargeKey ?? '') });
                  canceledCharged++;
                }
              }
              const succeeded = intents.filter((x) => x.status === 'succeeded');
              must(succeeded.length <= 1, `two succeeded intents for one registration ${at}`, intents);
              const paid = succeeded[0];
              if (paid) {
                const charge = ledger.charges.get(paid.chargeKey ?? '');
                must(r.amountCents > 0 && !!charge?.succeeded && charge.amountCents === r.amountCents && charge.currency === r.currency, `a succeeded intent without a matching charge ${at}`, { paid, charge });
              }
              const ticketStatuses = ts.map((t) => t.status);
              switch (r.status) {
                case 'pending_payment':
                  must(r.holdExpiresAt !== null && r.amountCents > 0, `a pending registration without a hold, or free ${at}`, r);
                  must(ts.length === 0 && !paid, `tickets or a payment before payment confirmed ${at}`, { r, ts: ts.length, paid });
                  break;
                case 'expired':
                  must(ts.length === 0 && !paid && r.amountCents > 0, `an expired hold with tickets or a payment ${at}`, { r, ts: ts.length, paid });
                  break;
                case 'confirmed': {
                  must(r.holdExpiresAt === null, `confirmed with a hold ${at}`, r);
                  must(r.amountCents === 0 ? intents.length === 0 : !!paid, `confirmed ${r.amountCents > 0 ? 'paid registration without a succeeded payment' : 'free registration with a payment'} ${at}`, { r, intents });
                  if (paid) must(!ledger.refunds.has(paid.chargeKey!), `a confirmed registration's charge was refunded ${at}`, paid);
                  // paid (or free) means ticketed: one valid or used ticket per spot, of the right types
                  must(ts.length === r.quantity, `confirmed with ${ts.length} tickets for ${r.quantity} spots ${at}`, r);
                  for (const l of r.lines) must(ts.filter((t) => t.ticketTypeId === l.ticketTypeId).length === l.quantity, `tickets do not match the lines ${at}`, { r, ts });
                  must(ticketStatuses.every((x) => x === 'valid' || x === 'used'), `a confirmed registration has a cancelled ticket ${at}`, ticketStatuses);
                  break;
                }
                case 'cancelled':
                  must(!paid, `a paid registration was cancelled instead of refunded ${at}`, { r, paid });
                  must(ticketStatuses.every((x) => x === 'cancelled'), `a cancelled registration kept a usable ticket ${at}`, ticketStatuses);
                  break;
                case 'refunded':
                  must(!!paid && ts.length === r.quantity, `refunded without a payment or without its issued tickets ${at}`, { r, paid, ts: ts.length });
                  must(ticketStatuses.every((x) => x === 'cancelled'), `a refunded registration kept a usable ticket ${at}`, ticketStatuses);
                  must((ledger.refunds.get(paid.chargeKey!) ?? 0) <= 1, `refunded more than once ${at}`, paid);
                  if (phase === 'drained') must(ledger.refunds.get(paid.chargeKey!) === 1, `a refunded registration was not refunded (after the outbox ran) ${at}`, { r, paid });
                  break;
              }
              // tickets: signed for their event, one admission at most, the store agreeing with the door's answers
              for (const t of ts) {
                must(t.registrationId === r.id && t.eventId === r.eventId && t.userId === r.userId, `ticket fields do not match its registration ${at}`, t);
                const claims = signer.verify(t.qr);
                must(claims?.ticketId === t.id && claims.eventId === t.eventId, `a ticket's QR does not verify ${at}`, t);
                let known = tickets.get(t.id);
                if (!known) tickets.set(t.id, (known = { ticket: t, admissions: 0 }));
                known.ticket = t;
                must(known.admissions <= 1, `ticket admitted ${known.admissions} times ${at}`, t);
                must((t.checkedInAt !== null) === (known.admissions === 1), `the store's check-in time disagrees with the door's answers ${at}`, { t, admissions: known.admissions });
                if (t.status === 'used') must(known.admissions === 1, `used without an admission ${at}`, t);
                if (t.status === 'valid') must(known.admissions === 0, `admitted yet still valid ${at}`, t);
                if (phase === 'drained' && r.status === 'confirmed') must(blobs.keys.has(`tickets/${t.id}.pdf`), `a confirmed ticket was never rendered by the outbox ${at}`, t);
              }
              mr.last = r;
            }

            // no ticket without a confirmed registration, found from the holder's side as well
            for (const [u, page] of userTickets.entries()) {
              const mine = regList.filter((r) => r.user.userId === attendees[u]!.userId);
              const expected = mine.reduce((n, r) => n + (ticketLists[regList.indexOf(r)]?.length ?? 0), 0);
              must(page.nextCursor === null && page.items.length === expected, `the holder's ticket list differs from the registrations' tickets ${at}`, { listed: page.items.length, expected });
              for (const t of page.items) {
                const owner = regs.get(t.registrationId);
                must(!!owner && owner.user.userId === t.userId, `a ticket without a known registration ${at}`, t);
                if (t.status !== 'cancelled') must(owner.last.status === 'confirmed', `a usable ticket whose registration is ${owner.last.status} ${at}`, t);
              }
            }

            // never oversold, and the counters are exactly the sum over registrations
            for (const [i, e] of events.entries()) {
              const state = eventStates[i];
              must(state !== null, `event ${e.id} vanished ${at}`);
              must(state.status === (e.cancelled ? 'cancelled' : 'published'), `event status ${state.status}, expected ${e.cancelled ? 'cancelled' : 'published'} ${at}`);
              const bucket = byEvent.get(e.id)!;
              let taken = 0;
              for (const t of e.types) {
                const c = state.counts[t.id] ?? { sold: 0, held: 0 };
                const sold = bucket.sold.get(t.id) ?? 0;
                const held = bucket.held.get(t.id) ?? 0;
                must(c.sold === sold && c.held === held, `counters drifted from the registrations ${at}`, { event: e.index, type: t.id, counters: c, registrations: { sold, held } });
                must(t.quantity === null || c.sold + c.held <= t.quantity, `ticket type oversold ${at}`, { event: e.index, type: t, counters: c });
                taken += c.sold + c.held;
              }
              must(taken <= e.capacity, `event oversold: ${taken} taken of ${e.capacity} ${at}`, state.counts);
              if (phase === 'drained' && e.cancelled) must(taken === 0, `a cancelled event still holds spots after its outbox job ran ${at}`, state.counts);
              e.state = state;
            }
            if (phase === 'drained') {
              for (const r of regs.values()) {
                if (eventById(r.eventId).cancelled) must(!['pending_payment', 'confirmed'].includes(r.last.status), `a registration of a cancelled event is still ${r.last.status} after its outbox job ran ${at}`, r.last);
              }
            }

            // money: every charge of this run belongs to one of its intents; each is either the one
            // payment of a confirmed (or refunded) order, or refunded exactly once
            for (const k of ledger.chargeOrder.slice(firstCharge)) {
              const charge = ledger.charges.get(k)!;
              const intentId = k.slice(0, k.indexOf(':'));
              must(intentIds.has(intentId), `a charge for an unknown intent ${at}`, k);
              const refunds = ledger.refunds.get(k) ?? 0;
              must(refunds <= 1 && (charge.succeeded || refunds === 0), `a charge refunded ${refunds} times ${at}`, k);
              if (charge.succeeded && !succeededChargeKeys.has(k)) must(refunds === 1, `money taken for no order and not given back ${at}`, k);
            }
          };

          // --- operations
          type Action =
            | { kind: 'register'; user: Principal; event: ModelEvent; lines: { ticketTypeId: string; quantity: number }[] }
            | { kind: 'pay'; reg: ModelRegistration; card: CardKind }
            | { kind: 'cancel'; reg: ModelRegistration }
            | { kind: 'expire'; minutes: number }
            | { kind: 'scan'; ticket: ModelTicket; eventId: string; mode: 'once' | 'repeat' | 'wrong' }
            | { kind: 'cancelEvent'; event: ModelEvent }
            | { kind: 'drain' }
            | { kind: 'skip'; op: Op['kind'] };

          const resolve = (op: Op): Action => {
            const all = [...regs.values()];
            switch (op.kind) {
              case 'register': {
                const event = events[op.event % events.length]!;
                return { kind: 'register', user: attendees[op.user % attendees.length]!, event, lines: op.lines.map((l) => ({ ticketTypeId: event.types[l.type % event.types.length]!.id, quantity: l.qty })) };
              }
              case 'pay': {
                const pending = all.filter((r) => r.last.status === 'pending_payment');
                const reg = recent(op.anyReg || pending.length === 0 ? all : pending, op.reg);
                return reg ? { kind: 'pay', reg, card: op.card } : { kind: 'skip', op: op.kind };
              }
              case 'cancel': {
                const open = all.filter((r) => r.last.status === 'pending_payment' || r.last.status === 'confirmed');
                const reg = recent(op.anyReg || open.length === 0 ? all : open, op.reg);
                return reg ? { kind: 'cancel', reg } : { kind: 'skip', op: op.kind };
              }
              case 'expire':
                return op;
              case 'scan': {
                const list = [...tickets.values()];
                const valid = list.filter((t) => t.ticket.status === 'valid');
                const ticket = recent(op.anyTicket || valid.length === 0 ? list : valid, op.ticket);
                if (!ticket) return { kind: 'skip', op: op.kind };
                const own = eventById(ticket.ticket.eventId);
                const eventId = op.mode === 'wrong' ? events[(own.index + 1) % events.length]!.id : own.id;
                return { kind: 'scan', ticket, eventId, mode: op.mode };
              }
              case 'cancelEvent':
                return { kind: 'cancelEvent', event: events[op.event % events.length]! };
              case 'drain':
                return op;
            }
          };

          type Done = { action: Action; outcome: Outcome; scans?: CheckInResult[] };
          const execute = async (action: Action, svc: Services): Promise<Done> => {
            await gate('start');
            switch (action.kind) {
              case 'register': {
                const outcome = await attempt(() => svc.registrations.register(action.user, action.event.id, { lines: action.lines }));
                if (outcome.ok) {
                  figures.registered++;
                  const view = outcome.value;
                  regs.set(view.id, { id: view.id, eventId: view.eventId, user: action.user, last: view });
                } else if (outcome.code === 'sold_out') figures.soldOut++;
                else if (outcome.code === 'not_on_sale') figures.notOnSale++;
                return { action, outcome };
              }
              case 'pay': {
                const outcome = await attempt(async () => {
                  const intent = await svc.payments.createIntent(action.reg.user, action.reg.id);
                  return svc.payments.confirm(action.reg.user, intent.id, CARDS[action.card]);
                });
                if (outcome.ok) figures.paid++;
                else if (outcome.code === 'card_declined') figures.declined++;
                else if (outcome.code === 'hold_expired') figures.holdExpired++;
                else if (outcome.code === 'idempotency_in_progress') figures.inProgress++;
                return { action, outcome };
              }
              case 'cancel': {
                const outcome = await attempt(() => svc.registrations.cancel(action.reg.user, action.reg.id));
                if (outcome.ok) figures.cancelledRegs++;
                return { action, outcome };
              }
              case 'expire': {
                clock.advance(action.minutes);
                const outcome = await attempt(() => svc.registrations.expireHolds());
                if (outcome.ok) figures.expiredHolds += outcome.value;
                return { action, outcome };
              }
              case 'scan': {
                const t = action.ticket;
                const scan = (nonce: string | null) => svc.door.scan(organizer, action.eventId, t.ticket.qr, nonce);
                const results: CheckInResult[] = [];
                const count = (result: CheckInResult) => {
                  if (result === 'admitted') {
                    t.admissions++;
                    figures.admissions++;
                  } else if (result === 'already_used') figures.alreadyUsed++;
                  else if (result === 'wrong_event') figures.wrongEvent++;
                  else if (result === 'cancelled') figures.cancelledScans++;
                };
                const outcome = await attempt(async () => {
                  if (action.mode === 'repeat') {
                    const nonce = randomIds.newId('nonce');
                    const first = await scan(nonce);
                    count(first.result);
                    const replay = await scan(nonce); // the same scan retried: the first answer, nothing new
                    const again = await scan(null); // a second person with the same ticket
                    count(again.result);
                    results.push(first.result, replay.result, again.result);
                  } else {
                    const r = await scan(action.mode === 'wrong' ? randomIds.newId('nonce') : null);
                    count(r.result);
                    results.push(r.result);
                  }
                });
                return { action, outcome, scans: results };
              }
              case 'cancelEvent': {
                const outcome = await attempt(() => svc.events.cancel(organizer, action.event.id, 'Cancelled by the store properties'));
                if (outcome.ok && !action.event.cancelled) {
                  action.event.cancelled = true;
                  figures.eventsCancelled++;
                }
                return { action, outcome };
              }
              case 'drain': {
                const outcome = await attempt(() => svc.jobs.drain(1000));
                if (outcome.ok) figures.jobs += outcome.value;
                return { action, outcome };
              }
              case 'skip':
                figures.skipped++;
                return { action, outcome: { ok: true, value: null } };
            }
          };

          /** What any interleaving may answer: the codes a concurrent batch can legitimately produce. */
          const checkConcurrentAnswer = (done: Done, where: string): void => {
            const { action, outcome } = done;
            const allowed: Record<Action['kind'], string[]> = {
              register: ['ok', 'sold_out', 'not_on_sale'],
              pay: action.kind === 'pay' && action.card === 'decline'
                ? ['card_declined', 'not_payable', 'hold_expired', 'idempotency_in_progress']
                : ['ok', 'not_payable', 'hold_expired', 'idempotency_in_progress'],
              cancel: ['ok', 'invalid_state'],
              expire: ['ok'],
              scan: ['ok'],
              cancelEvent: ['ok', 'invalid_state'],
              drain: ['ok'],
              skip: ['ok'],
            };
            must(allowed[action.kind].includes(codeOf(outcome)), `${action.kind} answered ${codeOf(outcome)} (${where})`, outcome.ok ? undefined : outcome.message);
            if (action.kind === 'pay' && outcome.ok) must((outcome.value as PaymentIntent).status === 'succeeded', `pay answered without a succeeded intent (${where})`, outcome.value);
            if (action.kind === 'scan' && done.scans) {
              if (action.mode === 'wrong') must(done.scans[0] === 'wrong_event', `a ticket scanned at another event answered ${done.scans[0]} (${where})`);
              if (action.mode === 'repeat') {
                must(done.scans[1] === done.scans[0], `a replayed scan nonce answered ${done.scans[1]} after ${done.scans[0]} (${where})`);
                if (done.scans[0] === 'admitted') must(done.scans[2] !== 'admitted', `a ticket admitted twice in a row (${where})`);
              }
            }
          };

          /** A single step in a known state: the model predicts the exact answer and its effect. */
          const predict = (action: Action): { answer: (done: Done) => void; after: (where: string) => void } => {
            const now = clock.ms;
            const none = () => {};
            switch (action.kind) {
              case 'register': {
                const e = action.event;
                const wanted = new Map<string, number>();
                for (const l of action.lines) wanted.set(l.ticketTypeId, (wanted.get(l.ticketTypeId) ?? 0) + l.quantity);
                const total = [...wanted.values()].reduce((a, b) => a + b, 0);
                // holds past their time are released by the placement itself
                const freed = new Map<string, number>();
                for (const r of regs.values()) {
                  if (r.eventId !== e.id || r.last.status !== 'pending_payment' || Date.parse(r.last.holdExpiresAt!) > now) continue;
                  for (const l of r.last.lines) freed.set(l.ticketTypeId, (freed.get(l.ticketTypeId) ?? 0) + l.quantity);
                }
                const taken = (id: string) => {
                  const c = e.state!.counts[id] ?? { sold: 0, held: 0 };
                  return c.sold + c.held - (freed.get(id) ?? 0);
                };
                const eventLeft = e.capacity - e.types.reduce((n, t) => n + taken(t.id), 0);
                const fits = total <= eventLeft && [...wanted].every(([id, q]) => {
                  const t = e.types.find((x) => x.id === id)!;
                  return t.quantity === null || q <= t.quantity - taken(id);
                });
                const amount = [...wanted].reduce((n, [id, q]) => n + q * e.types.find((t) => t.id === id)!.priceCents, 0);
                const expected = e.cancelled ? 'not_on_sale' : fits ? 'ok' : 'sold_out';
                let placed: Registration | null = null;
                return {
                  answer: ({ outcome }) => {
                    must(codeOf(outcome) === expected, `register answered ${codeOf(outcome)}, the model expected ${expected}`, { lines: action.lines, eventLeft, capacity: e.capacity, counts: e.state?.counts, freed: [...freed] });
                    if (outcome.ok) {
                      const view = outcome.value as Registration & { tickets: Ticket[] };
                      must(view.amountCents === amount && view.status === (amount === 0 ? 'confirmed' : 'pending_payment') && view.tickets.length === (amount === 0 ? total : 0), 'register returned the wrong order', view);
                      must(amount === 0 || view.holdExpiresAt === new Date(now + HOLD_MINUTES * 60_000).toISOString(), 'the hold does not last the hold time', view);
                      placed = view;
                    }
                  },
                  after: (where) => {
                    if (placed) must(regs.get(placed.id)!.last.status === placed.status, `the placed registration is ${regs.get(placed.id)!.last.status} (${where})`);
                  },
                };
              }
              case 'pay': {
                const r = action.reg.last;
                // A cancelled event's holds are not payable, even before its cancellation job has run.
                const payable = r.status === 'pending_payment' && r.amountCents > 0 && Date.parse(r.holdExpiresAt!) > now && !eventById(r.eventId).cancelled;
                const expected = !payable ? 'not_payable' : action.card === 'success' ? 'ok' : 'card_declined';
                return {
                  answer: ({ outcome }) => must(codeOf(outcome) === expected, `pay (${action.card}) of a ${r.status} registration answered ${codeOf(outcome)}, the model expected ${expected}`, r),
                  after: (where) => {
                    const status = action.reg.last.status;
                    must(status === (expected === 'ok' ? 'confirmed' : r.status), `after pay (${expected}) the registration is ${status} (${where})`);
                  },
                };
              }
              case 'cancel': {
                const r = action.reg.last;
                const next = r.status === 'pending_payment' ? 'cancelled' : r.status === 'confirmed' ? (r.amountCents > 0 ? 'refunded' : 'cancelled') : null;
                return {
                  answer: ({ outcome }) => must(codeOf(outcome) === (next ? 'ok' : 'invalid_state'), `cancel of a ${r.status} registration answered ${codeOf(outcome)}`, r),
                  after: (where) => must(action.reg.last.status === (next ?? r.status), `after cancel the registration is ${action.reg.last.status}, expected ${next ?? r.status} (${where})`),
                };
              }
              case 'expire':
                return {
                  answer: ({ outcome }) => must(outcome.ok, 'expireHolds failed', outcome),
                  after: (where) => {
                    for (const r of regs.values()) {
                      if (r.last.status === 'pending_payment') must(Date.parse(r.last.holdExpiresAt!) > clock.ms, `a hold past its time survived the expiry run (${where})`, r.last);
                    }
                  },
                };
              case 'scan': {
                const t = action.ticket.ticket;
                const first: CheckInResult = action.mode === 'wrong' ? 'wrong_event' : t.status === 'valid' ? 'admitted' : t.status === 'used' ? 'already_used' : 'cancelled';
                const expected = action.mode === 'repeat' ? [first, first, first === 'admitted' ? 'already_used' : first] : [first];
                return {
                  answer: (done) => must(JSON.stringify(done.scans) === JSON.stringify(expected), `scans answered ${JSON.stringify(done.scans)}, the model expected ${JSON.stringify(expected)}`, t),
                  after: none,
                };
              }
              case 'cancelEvent':
                return { answer: ({ outcome }) => must(outcome.ok, 'cancelling a published (or cancelled) event failed', outcome), after: none };
              case 'drain':
              case 'skip':
                return { answer: ({ outcome }) => must(outcome.ok, `${action.kind} failed`, outcome), after: none };
            }
          };

          await check('step', 'after setup');
          for (const [index, step] of scenario.steps.entries()) {
            figures.steps++;
            if (step.kind === 'one') {
              const action = resolve(step.op);
              const where = `step ${index}: ${action.kind}`;
              const expectation = predict(action);
              const done = await opLabel.run(`s${index}`, () => execute(action, services[index % 2]!));
              expectation.answer(done);
              const drained = action.kind === 'drain';
              await check(drained ? 'drained' : 'step', where);
              expectation.after(where);
            } else {
              figures.batches++;
              figures.batchOps += step.ops.length;
              const actions = step.ops.map(({ side, op }) => ({ side, action: resolve(op) }));
              scheduler = s;
              let settled: PromiseSettledResult<Done>[];
              try {
                const batch = Promise.allSettled(
                  actions.map(({ side, action }, i) => opLabel.run(`b${index}.${i}:${action.kind}@${side === 0 ? 'A' : 'B'}`, () => execute(action, services[side]))),
                );
                settled = await s.waitFor(batch);
              } finally {
                scheduler = null;
              }
              for (const [i, result] of settled.entries()) {
                if (result.status === 'rejected') throw result.reason;
                checkConcurrentAnswer(result.value, `step ${index}, batch op ${i}`);
              }
              await check('step', `step ${index}: batch of ${actions.map((a) => a.action.kind).join(',')}`);
            }
          }

          // --- the end of a run: holds run out, the outbox drains, and everything must have settled
          clock.advance(HOLD_MINUTES + 1);
          figures.expiredHolds += await services[0].registrations.expireHolds();
          for (let round = 0; round < 20; round++) {
            const ran = await services[round % 2]!.jobs.drain(1000);
            figures.jobs += ran;
            if (ran === 0) break;
          }
          await check('drained', 'end of run');
          must(figures.jobFailures === jobFailuresBefore, 'an outbox job failed', jobWarnings.slice(-3));
          for (const r of regs.values()) must(r.last.status !== 'pending_payment', 'a hold survived its expiry at the end of the run', r.last);
          for (const e of events) {
            const store = stores[e.index % 2]!;
            const mine = [...regs.values()].filter((r) => r.eventId === e.id);
            const registrants = await store.listRegistrantsByEvent(e.id, 1000);
            must(registrants.nextCursor === null && registrants.items.length === mine.length && mine.every((r) => registrants.items.some((x) => x.registration.id === r.id)), `the event's registrant list differs from the registrations made (a phantom or lost order)`, { event: e.index, listed: registrants.items.length, made: mine.length });
            const eventTickets = [...tickets.values()].filter((t) => t.ticket.eventId === e.id);
            const admitted = eventTickets.reduce((n, t) => n + t.admissions, 0);
            const confirmed = mine.filter((r) => r.last.status === 'confirmed');
            const stats = await store.eventStats(e.id);
            const counts = e.state!.counts;
            const sold = e.types.reduce((n, t) => n + (counts[t.id]?.sold ?? 0), 0);
            must(
              stats.registrations === mine.length && stats.confirmed === confirmed.length && stats.sold === sold && stats.held === 0 &&
                stats.revenueCents === confirmed.reduce((n, r) => n + r.last.amountCents, 0) && stats.checkedIn === admitted,
              `event stats disagree with the registrations and the door`,
              { event: e.index, stats, registrations: mine.length, confirmed: confirmed.length, sold, admitted },
            );
            const checkIns = await store.listCheckIns(e.id, 10_000);
            for (const t of eventTickets) {
              const recorded = checkIns.filter((c) => c.ticketId === t.ticket.id && c.result === 'admitted').length;
              must(recorded === t.admissions, `the check-in log shows ${recorded} admissions of a ticket the door admitted ${t.admissions} times`, t.ticket.id);
            }
          }
          figures.charges += ledger.chargeOrder.length - firstCharge;
          figures.raceRefunds += canceledCharged;
        });

        const seed = process.env.PROPERTIES_SEED ? Number(process.env.PROPERTIES_SEED) : undefined;
        const path = process.env.PROPERTIES_PATH;
        try {
          await fc.assert(property, {
            numRuns,
            ...(seed !== undefined ? { seed } : {}),
            ...(path ? { path } : {}),
            // shrinking re-runs whole scenarios against a real store, so time is bounded: a failure
            // reports the smallest case reached; running out of time before any failure also fails
            interruptAfterTimeLimit: timeoutMs - 15_000,
            markInterruptAsFailure: true,
          });
        } catch (error) {
          figures.failed = 1;
          throw error;
        } finally {
          ledger.read();
          figures.refunds = ledger.refundTotal;
          figures.assertions = assertions - assertionsAtStart;
          figures.durationMs = Date.now() - started;
          report(figuresName, figures);
        }
      },
      timeoutMs,
    );
  });
}

function report(test: string, figures: Figures): void {
  const shown = [
    `runs=${figures.runs}`, `steps=${figures.steps}`, `batches=${figures.batches}`, `batchOps=${figures.batchOps}`,
    `checks=${figures.checks}`, `assertions=${figures.assertions}`, `registered=${figures.registered}`, `soldOut=${figures.soldOut}`,
    `paid=${figures.paid}`, `declined=${figures.declined}`, `holdExpired=${figures.holdExpired}`, `expiredHolds=${figures.expiredHolds}`,
    `eventsCancelled=${figures.eventsCancelled}`, `admissions=${figures.admissions}`, `alreadyUsed=${figures.alreadyUsed}`,
    `wrongEvent=${figures.wrongEvent}`, `charges=${figures.charges}`, `refunds=${figures.refunds}`, `raceRefunds=${figures.raceRefunds}`, `jobs=${figures.jobs}`, `failed=${figures.failed}`, `ms=${figures.durationMs}`,
  ].join(' ');
  console.log(`[reliability] ${test}${stress ? ' (stress)' : ''}: ${shown}`);
  mkdirSync(RESULTS_DIR, { recursive: true });
  appendFileSync(join(RESULTS_DIR, 'reliability.jsonl'), `${JSON.stringify({ test, stress, at: new Date().toISOString(), figures })}\n`);
}
