import type { CheckIn, EventStats, EventWithCounts, Page, PaymentIntent, Principal, RegistrantRow, Registration, Store, Ticket, TicketSigner } from '@ticketbooth/core';
import { must } from './checking.js';
import type { Ledger } from './ledger.js';
import type { Model, ModelEvent, ModelRegistration, ModelTicket } from './model.js';

/** One registration as the store shows it now, with its tickets and payment intents. */
export interface RegistrationState {
  model: ModelRegistration;
  registration: Registration;
  event: ModelEvent;
  tickets: Ticket[];
  intents: PaymentIntent[];
  /** Its one succeeded intent, if any. */
  paid: PaymentIntent | undefined;
}

/** The store read back after a step (through one of the two connections), beside the model and the ledger. */
export interface Snapshot {
  /** `drained`: the outbox has run, so the eventual invariants hold too. */
  phase: 'step' | 'drained';
  /** Where in the scenario, for the messages: "(step 3: pay)". */
  at: string;
  model: Model;
  registrations: RegistrationState[];
  events: { model: ModelEvent; state: EventWithCounts }[];
  /** Each attendee's ticket list, read from the holder's side. */
  holders: { user: Principal; page: Page<Ticket> }[];
  ledger: Ledger;
  /** Charge keys that reached the gateway during this run. */
  runCharges: string[];
  signer: TicketSigner;
  /** Blob keys written (rendered ticket PDFs). */
  blobKeys: ReadonlySet<string>;
}

export interface SnapshotSource {
  model: Model;
  ledger: Ledger;
  signer: TicketSigner;
  blobKeys: ReadonlySet<string>;
  /** Index of the run's first charge in the ledger's charge order. */
  firstCharge: number;
}

/** Reads everything back, and brings the model's last-seen registrations, events and tickets up to date. */
export async function readSnapshot(store: Store, source: SnapshotSource, phase: Snapshot['phase'], where: string): Promise<Snapshot> {
  const { model, ledger } = source;
  ledger.read();
  const regList = [...model.regs.values()];
  const [eventStates, regStates, ticketLists, intentLists, holderPages] = await Promise.all([
    Promise.all(model.events.map((e) => store.getEvent(e.id))),
    Promise.all(regList.map((r) => store.getRegistration(r.id))),
    Promise.all(regList.map((r) => store.listTicketsByRegistration(r.id))),
    Promise.all(regList.map((r) => store.listPaymentIntentsByRegistration(r.id))),
    Promise.all(model.attendees.map((u) => store.listTicketsByUser(u.userId, 1000))),
  ]);
  const at = `(${where})`;
  const registrations = regList.map((mr, i): RegistrationState => {
    const registration = regStates[i];
    must(registration !== null, `registration ${mr.id} vanished ${at}`);
    const intents = intentLists[i]!;
    return { model: mr, registration, event: model.eventById(registration.eventId), tickets: ticketLists[i]!, intents, paid: intents.find((x) => x.status === 'succeeded') };
  });
  const events = model.events.map((e, i) => {
    const state = eventStates[i];
    must(state !== null, `event ${e.id} vanished ${at}`);
    return { model: e, state };
  });
  for (const { model: mr, registration } of registrations) mr.last = registration;
  for (const { model: e, state } of events) e.state = state;
  for (const t of registrations.flatMap((r) => r.tickets)) {
    const known = model.tickets.get(t.id);
    if (known) known.ticket = t;
    else model.tickets.set(t.id, { ticket: t, admissions: 0 });
  }
  return {
    phase,
    at,
    model,
    registrations,
    events,
    holders: model.attendees.map((user, i) => ({ user, page: holderPages[i]! })),
    ledger,
    runCharges: ledger.chargeOrder.slice(source.firstCharge),
    signer: source.signer,
    blobKeys: source.blobKeys,
  };
}

/** One event at the end of a run, all settled: its registrant list, stats and check-in log. */
export interface SettledEvent {
  model: ModelEvent;
  registrations: ModelRegistration[];
  tickets: ModelTicket[];
  registrants: Page<RegistrantRow>;
  stats: EventStats;
  checkIns: CheckIn[];
}

export async function readSettledEvent(store: Store, model: Model, event: ModelEvent): Promise<SettledEvent> {
  return {
    model: event,
    registrations: [...model.regs.values()].filter((r) => r.eventId === event.id),
    tickets: [...model.tickets.values()].filter((t) => t.ticket.eventId === event.id),
    registrants: await store.listRegistrantsByEvent(event.id, 1000),
    stats: await store.eventStats(event.id),
    checkIns: await store.listCheckIns(event.id, 10_000),
  };
}
