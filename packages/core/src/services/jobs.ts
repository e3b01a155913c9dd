import { totals } from '../domain/event.js';
import type { Job, JobPayload } from '../domain/job.js';
import type { Registration } from '../domain/registration.js';
import type { MailAttachment } from '../ports/mail.js';
import type { ServiceDeps } from './deps.js';
import type { PaymentService } from './payments.js';
import { ticketPdfKey } from './ticket-issuer.js';
import { planCancellation } from '../rules/cancellation.js';

const LEASE_MS = 60_000;
const MAX_BACKOFF_MS = 10 * 60_000;

/** Drains the outbox: mail, refunds and event cancellations that were committed with their cause. */
export class JobRunner {
  constructor(
    private readonly deps: ServiceDeps,
    private readonly payments: PaymentService,
    /** Called after an event's registrations were cancelled (spots released). */
    private readonly changed: () => void,
  ) {}

  /** Runs due jobs until none are left or `maxJobs` ran; returns how many ran. */
  async drain(maxJobs = 200): Promise<number> {
    let ran = 0;
    while (ran < maxJobs) {
      const jobs = await this.deps.store.claimJobs(this.deps.clock.now().toISOString(), Math.min(20, maxJobs - ran), LEASE_MS);
      if (jobs.length === 0) break;
      for (const job of jobs) await this.runOne(job);
      ran += jobs.length;
    }
    return ran;
  }

  private async runOne(job: Job): Promise<void> {
    try {
      await this.handle(job.payload);
      await this.deps.store.completeJob(job.id);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const delay = Math.min(MAX_BACKOFF_MS, 5_000 * 2 ** Math.min(job.attempts, 10));
      this.deps.logger.warn({ jobId: job.id, kind: job.payload.kind, attempts: job.attempts, err: message }, 'job failed; will retry');
      await this.deps.store.retryJob(job.id, new Date(this.deps.clock.now().getTime() + delay).toISOString(), message);
    }
  }

  private async handle(payload: JobPayload): Promise<void> {
    switch (payload.kind) {
      case 'send_ticket_mail':
        return this.sendTicketMail(payload.registrationId);
      case 'send_cancellation_mail':
        return this.sendCancellationMail(payload.registrationId, payload.reason);
      case 'refund_registration':
        return this.payments.refundRegistration(payload.registrationId);
      case 'cancel_event_registrations':
        return this.cancelEventRegistrations(payload.eventId, payload.reason);
    }
  }

  private async sendTicketMail(registrationId: string): Promise<void> {
    const { store, renderer, blobs, mailer, settings } = this.deps;
    const registration = await store.getRegistration(registrationId);
    if (!registration || registration.status !== 'confirmed') return;
    const event = await store.getEvent(registration.eventId);
    if (!event) return;
    const tickets = await store.listTicketsByRegistration(registrationId);
    const attachments: MailAttachment[] = [];
    for (const [index, ticket] of tickets.entries()) {
      const pdf = await renderer.pdf({ event, ticket });
      await blobs.put(ticketPdfKey(ticket.id), pdf, 'application/pdf');
      attachments.push({ filename: `ticket-${index + 1}.pdf`, contentType: 'application/pdf', content: pdf });
    }
    attachments.push({
      filename: 'event.ics',
      contentType: 'text/calendar',
      content: new TextEncoder().encode(renderer.calendar({ event, registration })),
    });
    const when = new Intl.DateTimeFormat('en-US', { dateStyle: 'full', timeStyle: 'short', timeZone: event.timezone }).format(new Date(event.startsAt));
    await mailer.send({
      to: registration.attendeeEmail,
      subject: `Your tickets for ${event.name}`,
      text: [
        `Hello ${registration.attendeeName},`,
        '',
        `You are registered for ${event.name}: ${registration.quantity} ticket${registration.quantity === 1 ? '' : 's'}.`,
        `When: ${when} (${event.timezone})`,
        `Where: ${event.location}`,
        '',
        'Your tickets are attached as PDF files. Each QR code admits one person, once.',
        '',
        `— ${settings.appName}`,
      ].join('\n'),
      attachments,
    });
  }

  private async sendCancellationMail(registrationId: string, reason: string): Promise<void> {
    const { store, mailer, settings } = this.deps;
    const registration = await store.getRegistration(registrationId);
    const event = registration ? await store.getEvent(registration.eventId) : null;
    if (!registration || !event) return;
    const refunded = registration.status === 'refunded';
    await mailer.send({
      to: registration.attendeeEmail,
      subject: `Cancelled: ${event.name}`,
      text: [
        `Hello ${registration.attendeeName},`,
        '',
        `Your registration for ${event.name} has been cancelled. ${reason}`,
        refunded ? `Your payment will be refunded to your card.` : '',
        '',
        `— ${settings.appName}`,
      ].join('\n'),
    });
  }

  /** Cancels every open registration of a cancelled event; re-running it skips the ones already done. */
  private async cancelEventRegistrations(eventId: string, reason: string): Promise<void> {
    let cursor: string | undefined;
    do {
      const page = await this.deps.store.listRegistrantsByEvent(eventId, 100, cursor);
      for (const { registration } of page.items) await this.cancelForEvent(registration, reason);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    this.changed();
    // The listing may lag the registrations (DynamoDB's indexes are eventually consistent); the
    // event's counters do not. Spots still taken mean a registration was not listed yet: fail, so
    // the outbox runs this pass again later.
    const event = await this.deps.store.getEvent(eventId);
    const { sold, held } = event ? totals(event) : { sold: 0, held: 0 };
    const taken = sold + held;
    if (taken > 0) throw new Error(`${taken} spots of cancelled event ${eventId} are still taken by registrations not listed yet.`);
  }

  /**
   * The listing can be stale: a hold may be paid (or cancelled) between the read and the move. A move
   * that finds another status re-reads the registration and handles what it is now, so an order paid
   * during the cancellation is refunded rather than left confirmed for a cancelled event.
   */
  private async cancelForEvent(listed: Registration, reason: string): Promise<void> {
    const { store, clock } = this.deps;
    const cause = { by: 'event', reason } as const;
    let r: Registration | null = listed;
    for (let attempt = 0; r && attempt < 5; attempt++) {
      const plan = planCancellation(r, cause);
      if (!plan) return;
      if (await store.transitionRegistration(r.id, [plan.from], plan.to, clock.now().toISOString(), plan.jobs)) return;
      r = await store.getRegistration(r.id);
    }
    if (r && planCancellation(r, cause)) {
      throw new Error(`Registration ${r.id} kept changing while its event was cancelled.`);
    }
  }
}
