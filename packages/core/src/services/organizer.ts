import { spotsRemaining, totals } from '../domain/event.js';
import type { JobKind } from '../domain/job.js';
import type { RegistrationStatus } from '../domain/registration.js';
import type { Principal } from '../ports/identity.js';
import type { Page } from '../ports/store.js';
import type { ServiceDeps } from './deps.js';
import { ownedEvent } from './access.js';
import { salesByTicketType, type TicketTypeSales } from '../rules/sales-by-type.js';
import { sharesByTicket } from '../rules/ticket-share.js';
import type { TicketStatus } from '../domain/ticket.js';

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
  /** Sales, revenue and check-ins per ticket type. */
  byTicketType: TicketTypeSales[];
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

/** One issued ticket as the export lists it. */
export interface TicketExportRow {
  ticketId: string;
  code: string;
  ticketTypeName: string;
  attendeeName: string;
  buyerEmail: string;
  registrationId: string;
  /** Its share of what its order paid (0 once refunded). */
  amountCents: number;
  currency: string;
  status: TicketStatus;
  checkedInAt: string | null;
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

  async stats(principal: Principal, eventId: string): Promise<EventStatsView> {
    const event = await ownedEvent(this.deps.store, principal, eventId);
    const [stats, orders] = await Promise.all([this.deps.store.eventStats(eventId), this.deps.store.listEventOrders(eventId)]);
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
      byTicketType: salesByTicketType(event, orders),
      failedJobs: await this.failedJobs(eventId),
    };
  }

  /** Every ticket the event issued, order by order (for the CSV export), with the event's time zone. */
  async ticketRows(principal: Principal, eventId: string): Promise<{ timezone: string; rows: TicketExportRow[] }> {
    const event = await ownedEvent(this.deps.store, principal, eventId);
    const orders = await this.deps.store.listEventOrders(eventId);
    const rows = orders.flatMap(({ registration, tickets }) => {
      const shares = sharesByTicket(registration, tickets);
      return tickets.map((t) => ({
        ticketId: t.id,
        code: t.code,
        ticketTypeName: t.ticketTypeName,
        attendeeName: t.attendeeName,
        buyerEmail: registration.attendeeEmail,
        registrationId: registration.id,
        amountCents: t.status === 'cancelled' ? 0 : shares.get(t.id)!,
        currency: registration.currency,
        status: t.status,
        checkedInAt: t.checkedInAt,
      }));
    });
    return { timezone: event.timezone, rows };
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
