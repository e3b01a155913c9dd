import { spotsRemaining, totals } from '../domain/event.js';
import type { JobKind } from '../domain/job.js';
import type { RegistrationStatus } from '../domain/registration.js';
import type { Principal } from '../ports/identity.js';
import type { Page } from '../ports/store.js';
import type { ServiceDeps } from './deps.js';
import { ownedEvent } from './access.js';

export interface Registrant {
  registrationId: string;
  attendeeName: string;
  attendeeEmail: string;
  quantity: number;
  ticketTypes: { ticketTypeId: string; name: string; quantity: number }[];
  amountCents: number;
  currency: string;
  status: RegistrationStatus;
  createdAt: string;
  /** How many of this registration's tickets have been admitted. */
  checkedIn: number;
}

export interface EventStatsView {
  capacity: number;
  sold: number;
  held: number;
  spotsRemaining: number;
  /** sold / capacity, 0..1. */
  utilization: number;
  registrations: number;
  confirmed: number;
  revenueCents: number;
  currency: string;
  checkedIn: number;
  timeline: { date: string; registrations: number; revenueCents: number }[];
  /** Outbox work for this event that was given up on (a ticket mail that never went out), newest first. */
  failedJobs: FailedJobView[];
}

export interface FailedJobView {
  jobId: string;
  kind: JobKind;
  registrationId: string | null;
  attendeeEmail: string | null;
  attempts: number;
  failedAt: string;
}

/** The dashboard shows the most recent failures; older ones stay in the store (and the error log). */
const FAILED_JOBS_SHOWN = 20;

export class OrganizerService {
  constructor(private readonly deps: ServiceDeps) {}

  async registrants(principal: Principal, eventId: string, limit: number, cursor?: string): Promise<Page<Registrant>> {
    const event = await ownedEvent(this.deps.store, principal, eventId);
    const names = new Map(event.ticketTypes.map((t) => [t.id, t.name]));
    const page = await this.deps.store.listRegistrantsByEvent(eventId, limit, cursor);
    return {
      nextCursor: page.nextCursor,
      items: page.items.map(({ registration: r, checkedIn }) => ({
        registrationId: r.id,
        attendeeName: r.attendeeName,
        attendeeEmail: r.attendeeEmail,
        quantity: r.quantity,
        ticketTypes: r.lines.map((l) => ({ ticketTypeId: l.ticketTypeId, name: names.get(l.ticketTypeId) ?? 'Removed type', quantity: l.quantity })),
        amountCents: r.amountCents,
        currency: r.currency,
        status: r.status,
        createdAt: r.createdAt,
        checkedIn,
      })),
    };
  }

  /** Every registrant, page by page (for the CSV export). */
  async *allRegistrants(principal: Principal, eventId: string): AsyncGenerator<Registrant> {
    let cursor: string | undefined;
    do {
      const page = await this.registrants(principal, eventId, 100, cursor);
      yield* page.items;
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
  }

  async stats(principal: Principal, eventId: string): Promise<EventStatsView> {
    const event = await ownedEvent(this.deps.store, principal, eventId);
    const stats = await this.deps.store.eventStats(eventId);
    const { sold, held } = totals(event);
    return {
      capacity: event.capacity,
      sold,
      held,
      spotsRemaining: spotsRemaining(event),
      utilization: event.capacity > 0 ? Math.round((sold / event.capacity) * 10_000) / 10_000 : 0,
      registrations: stats.registrations,
      confirmed: stats.confirmed,
      revenueCents: stats.revenueCents,
      currency: event.currency,
      checkedIn: stats.checkedIn,
      timeline: stats.timeline,
      failedJobs: await this.failedJobs(eventId),
    };
  }

  private async failedJobs(eventId: string): Promise<FailedJobView[]> {
    const failed = await this.deps.store.listFailedJobs(eventId, FAILED_JOBS_SHOWN);
    return Promise.all(
      failed.map(async ({ id, payload, attempts, failedAt }) => {
        const registrationId = 'registrationId' in payload ? payload.registrationId : null;
        const registration = registrationId ? await this.deps.store.getRegistration(registrationId) : null;
        return { jobId: id, kind: payload.kind, registrationId, attendeeEmail: registration?.attendeeEmail ?? null, attempts, failedAt };
      }),
    );
  }
}
