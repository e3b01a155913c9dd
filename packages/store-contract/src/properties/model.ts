import { accountLimitReached, blockingHold, cancellationWindowClosed, ticketsHeldByAccount, type CheckInResult, type Clock, type EventWithCounts, type PaymentIntent, type Principal, type Registration, type Ticket } from '@ticketbooth/core';
import { codeOf, must, type Outcome } from './checking.js';
import { HOLD_MINUTES, type CardKind, type Op } from './generators.js';

/**
 * The reference model: what the store must hold, tracked from the use cases' answers and from the
 * store read back after every step, and what a single step must answer in a known state.
 */

export interface ModelEvent {
  id: string;
  index: number;
  capacity: number;
  currency: string;
  types: { id: string; priceCents: number; quantity: number | null }[];
  cancelled: boolean;
  state: EventWithCounts | null;
}
export interface ModelRegistration {
  id: string;
  eventId: string;
  user: Principal;
  last: Registration;
}
export interface ModelTicket {
  ticket: Ticket;
  /** "admitted" answers to first-time scans (a replayed nonce is the same scan, not a new one). */
  admissions: number;
}

/** A generated operation resolved against the model: the registration, ticket or event it acts on. */
export type Action =
  | { kind: 'register'; user: Principal; event: ModelEvent; lines: { ticketTypeId: string; quantity: number }[] }
  | { kind: 'pay'; reg: ModelRegistration; card: CardKind }
  | { kind: 'cancel'; reg: ModelRegistration }
  | { kind: 'expire'; minutes: number }
  | { kind: 'scan'; ticket: ModelTicket; eventId: string; mode: 'once' | 'repeat' | 'wrong' }
  | { kind: 'cancelEvent'; event: ModelEvent }
  | { kind: 'drain' }
  | { kind: 'skip'; op: Op['kind'] };

export type Done = { action: Action; outcome: Outcome; scans?: CheckInResult[] };

/** The model's expectation of one step: its exact answer, and the state the store shows after it. */
export interface Prediction {
  answer(done: Done): void;
  after(where: string): void;
}

const recent = <T>(list: T[], n: number): T | undefined => (list.length ? list[list.length - 1 - (n % list.length)] : undefined);

export class Model {
  readonly regs = new Map<string, ModelRegistration>();
  readonly tickets = new Map<string, ModelTicket>();

  constructor(
    readonly events: ModelEvent[],
    readonly attendees: Principal[],
    private readonly clock: Clock,
  ) {}

  eventById(id: string): ModelEvent {
    return this.events.find((e) => e.id === id)!;
  }

  resolve(op: Op): Action {
    const { events, attendees } = this;
    const all = [...this.regs.values()];
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
        const list = [...this.tickets.values()];
        const valid = list.filter((t) => t.ticket.status === 'valid');
        const ticket = recent(op.anyTicket || valid.length === 0 ? list : valid, op.ticket);
        if (!ticket) return { kind: 'skip', op: op.kind };
        const own = this.eventById(ticket.ticket.eventId);
        const eventId = op.mode === 'wrong' ? events[(own.index + 1) % events.length]!.id : own.id;
        return { kind: 'scan', ticket, eventId, mode: op.mode };
      }
      case 'cancelEvent':
        return { kind: 'cancelEvent', event: events[op.event % events.length]! };
      case 'drain':
        return op;
    }
  }

  /** A single step in a known state: the model predicts the exact answer and its effect. */
  predict(action: Action): Prediction {
    const now = this.clock.now().getTime();
    const none = () => {};
    switch (action.kind) {
      case 'register': {
        const e = action.event;
        const wanted = new Map<string, number>();
        for (const l of action.lines) wanted.set(l.ticketTypeId, (wanted.get(l.ticketTypeId) ?? 0) + l.quantity);
        const total = [...wanted.values()].reduce((a, b) => a + b, 0);
        // holds past their time are released by the placement itself
        const freed = new Map<string, number>();
        for (const r of this.regs.values()) {
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
        // One pending registration per account and event: a paid order beside a live hold is refused first.
        const placing = { userId: action.user.userId, eventId: e.id, status: amount === 0 ? 'confirmed' as const : 'pending_payment' as const };
        const known = [...this.regs.values()].map((r) => r.last);
        const held = blockingHold(placing, known, new Date(now));
        // Then the account's tickets for the event (a lapsed hold does not count), then the room.
        const overLimit = accountLimitReached(e.state!, ticketsHeldByAccount(placing.userId, e.id, known, new Date(now)), { quantity: total });
        const expected = e.cancelled ? 'not_on_sale' : held ? 'hold_exists' : overLimit ? 'account_limit' : fits ? 'ok' : 'sold_out';
        let placed: Registration | null = null;
        return {
          answer: ({ outcome }) => {
            must(codeOf(outcome) === expected, `register answered ${codeOf(outcome)}, the model expected ${expected}`, { lines: action.lines, eventLeft, capacity: e.capacity, counts: e.state?.counts, freed: [...freed] });
            if (held && expected === 'hold_exists') must(!outcome.ok && JSON.stringify(outcome.details) === JSON.stringify({ registrationId: held.id }), 'hold_exists does not name the live hold', outcome);
            if (overLimit && expected === 'account_limit') must(!outcome.ok && JSON.stringify(outcome.details) === JSON.stringify(overLimit), 'account_limit does not say the limit and what the account holds', { outcome, overLimit });
            if (outcome.ok) {
              const view = outcome.value as Registration & { tickets: Ticket[] };
              must(view.amountCents === amount && view.status === (amount === 0 ? 'confirmed' : 'pending_payment') && view.tickets.length === (amount === 0 ? total : 0), 'register returned the wrong order', view);
              must(amount === 0 || view.holdExpiresAt === new Date(now + HOLD_MINUTES * 60_000).toISOString(), 'the hold does not last the hold time', view);
              placed = view;
            }
          },
          after: (where) => {
            if (placed) must(this.regs.get(placed.id)!.last.status === placed.status, `the placed registration is ${this.regs.get(placed.id)!.last.status} (${where})`);
          },
        };
      }
      case 'pay': {
        const r = action.reg.last;
        // A cancelled event's holds are not payable, even before its cancellation job has run.
        const payable = r.status === 'pending_payment' && r.amountCents > 0 && Date.parse(r.holdExpiresAt!) > now && !this.eventById(r.eventId).cancelled;
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
        // Invariant 8: an attendee may not cancel (and be refunded) once a ticket of the order was used, nor outside the event's window.
        const used = r.status === 'confirmed' && [...this.tickets.values()].some((t) => t.ticket.registrationId === r.id && (t.admissions > 0 || t.ticket.checkedInAt !== null));
        const admitted = used || cancellationWindowClosed(r, this.eventById(r.eventId).state!, new Date(now)) !== null;
        const next = admitted ? null : r.status === 'pending_payment' ? 'cancelled' : r.status === 'confirmed' ? (r.amountCents > 0 ? 'refunded' : 'cancelled') : null;
        const expected = admitted ? 'cancellation_closed' : next ? 'ok' : 'invalid_state';
        return {
          answer: ({ outcome }) => must(codeOf(outcome) === expected, `cancel of a ${r.status} registration answered ${codeOf(outcome)}, the model expected ${expected}`, r),
          after: (where) => must(action.reg.last.status === (next ?? r.status), `after cancel the registration is ${action.reg.last.status}, expected ${next ?? r.status} (${where})`),
        };
      }
      case 'expire':
        return {
          answer: ({ outcome }) => must(outcome.ok, 'expireHolds failed', outcome),
          after: (where) => {
            const later = this.clock.now().getTime();
            for (const r of this.regs.values()) {
              if (r.last.status === 'pending_payment') must(Date.parse(r.last.holdExpiresAt!) > later, `a hold past its time survived the expiry run (${where})`, r.last);
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
  }
}

const intentOf = (done: Done): PaymentIntent | null => (done.action.kind === 'pay' && done.outcome.ok ? (done.outcome.value as PaymentIntent) : null);

/**
 * A declined card's pay that answered with the intent another pay of the same hold, in the same
 * batch, succeeded with: a confirm of an intent already paid answers it as it is, whatever card
 * it is sent with (so that a retried confirm whose answer was lost learns it was paid).
 */
function paidByAnother(done: Done, batch: readonly Done[]): boolean {
  const { action } = done;
  const intent = intentOf(done);
  if (action.kind !== 'pay' || !intent) return false;
  return batch.some((other) => other !== done && other.action.kind === 'pay' && other.action.card === 'success' && other.action.reg.id === action.reg.id && intentOf(other)?.id === intent.id);
}

/** What any interleaving may answer: the codes a concurrent batch (`batch`, this answer among them) can legitimately produce. */
export function checkConcurrentAnswer(done: Done, where: string, batch: readonly Done[]): void {
  const { action, outcome } = done;
  const allowed: Record<Action['kind'], string[]> = {
    register: ['ok', 'sold_out', 'not_on_sale', 'hold_exists', 'account_limit'],
    pay: action.kind === 'pay' && action.card === 'decline'
      ? ['card_declined', 'not_payable', 'hold_expired', 'idempotency_in_progress', ...(paidByAnother(done, batch) ? ['ok'] : [])]
      : ['ok', 'not_payable', 'hold_expired', 'idempotency_in_progress'],
    cancel: ['ok', 'invalid_state', 'cancellation_closed'],
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
}
