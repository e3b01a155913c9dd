import { totals } from '../domain/event.js';
import type { Job, JobKind, JobPayload } from '../domain/job.js';
import type { Event } from '../domain/event.js';
import type { Registration } from '../domain/registration.js';
import type { MailAttachment } from '../ports/mail.js';
import { presumedDeadAfterMs, type ServiceDeps } from './deps.js';
import { cancellationMail, eventChangeMail, ticketMail, ticketsRefundedMail } from './mail-templates.js';
import { jobIds, newJobs } from './new-jobs.js';
import type { PaymentService } from './payments.js';
import type { WaitlistService } from './waitlist.js';
import { ticketPdfKey } from './ticket-issuer.js';
import { planCancellation } from '../rules/cancellation.js';

const MAX_BACKOFF_MS = 10 * 60_000;

/**
 * Runs one kind of job. The ids of the jobs it enqueues go into `followUps` as they commit, so they
 * run after it (JobRunner.runJobs) even when the handler fails later on.
 */
type JobHandler<K extends JobKind> = (payload: Extract<JobPayload, { kind: K }>, followUps: string[]) => Promise<void>;
/** One handler per kind: a new kind does not compile until it has one. */
type JobHandlers = { [K in JobKind]: JobHandler<K> };

/** Drains the outbox: mail, refunds and event cancellations that were committed with their cause. */
export class JobRunner {
  private readonly handlers: JobHandlers = {
    send_ticket_mail: (p) => this.sendTicketMail(p.registrationId),
    send_cancellation_mail: (p) => this.sendCancellationMail(p.registrationId, p.reason),
    refund_registration: (p) => this.payments.refundRegistration(p.registrationId),
    refund_tickets: (p) => this.payments.refundTickets(p.registrationId, p.refundId, p.amountCents),
    send_refund_mail: (p) => this.sendRefundMail(p.registrationId, p.refundId),
    cancel_event_registrations: (p, followUps) => this.cancelEventRegistrations(p.eventId, p.reason, followUps),
    announce_event_change: (p, followUps) => this.announceEventChange(p.eventId, followUps),
    send_event_change_mail: (p) => this.sendEventChangeMail(p),
    send_password_reset_mail: (p) => this.sendPasswordResetMail(p.email),
    send_waitlist_offer_mail: (p) => this.waitlist.sendOfferMail(p.eventId, p.offerId),
  };

  constructor(
    private readonly deps: ServiceDeps,
    private readonly payments: PaymentService,
    /** Called after an event's registrations were cancelled (spots released). */
    private readonly changed: () => void,
    private readonly waitlist: WaitlistService,
  ) {}

  /** Runs due jobs, everyone's, until none are left or `maxJobs` ran; returns how many ran. */
  async drain(maxJobs = 200): Promise<number> {
    let ran = 0;
    while (ran < maxJobs) {
      const jobs = await this.deps.store.claimJobs(this.now(), Math.min(20, maxJobs - ran), this.leaseMs());
      if (jobs.length === 0) break;
      for (const job of jobs) await this.runOne(job);
      ran += jobs.length;
    }
    return ran;
  }

  /**
   * Runs these jobs (those a request enqueued) and the jobs they enqueue in turn, up to `maxJobs`;
   * a job another runner holds, or one not due, is left to the outbox. Returns how many ran.
   */
  async runJobs(ids: string[], maxJobs = 200): Promise<number> {
    let ran = 0;
    let next = ids;
    while (next.length > 0 && ran < maxJobs) {
      const jobs = await this.deps.store.claimJobsById(next.slice(0, maxJobs - ran), this.now(), this.leaseMs());
      next = [];
      for (const job of jobs) next.push(...(await this.runOne(job)));
      ran += jobs.length;
    }
    return ran;
  }

  private now(): string {
    return this.deps.clock.now().toISOString();
  }

  private leaseMs(): number {
    return presumedDeadAfterMs(this.deps.settings);
  }

  /** Runs a claimed job; returns the ids of the jobs it enqueued. */
  private async runOne(job: Job): Promise<string[]> {
    const followUps: string[] = [];
    try {
      await this.handle(job.payload, followUps);
      await this.deps.store.completeJob(job.id);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const log = { jobId: job.id, kind: job.payload.kind, attempts: job.attempts, err: message };
      if (job.attempts >= this.deps.settings.maxJobAttempts) {
        this.deps.logger.error(log, 'job failed for good; no more retries');
        await this.deps.store.failJob(job.id, message, this.now(), await this.eventOf(job.payload));
      } else {
        const delay = Math.min(MAX_BACKOFF_MS, 5_000 * 2 ** Math.min(job.attempts, 10));
        this.deps.logger.warn(log, 'job failed; will retry');
        await this.deps.store.retryJob(job.id, new Date(this.deps.clock.now().getTime() + delay).toISOString(), message);
      }
    }
    return followUps;
  }

  private handle<K extends JobKind>(payload: Extract<JobPayload, { kind: K }>, followUps: string[]): Promise<void> {
    return (this.handlers[payload.kind] as JobHandler<K>)(payload, followUps);
  }

  /** The event a job concerns, so its organizer sees the job if it fails. */
  private async eventOf(payload: JobPayload): Promise<string | null> {
    if ('eventId' in payload) return payload.eventId;
    if (!('registrationId' in payload)) return null;
    return (await this.deps.store.getRegistration(payload.registrationId))?.eventId ?? null;
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
      await blobs.put(ticketPdfKey(ticket, event), pdf, 'application/pdf');
      attachments.push({ filename: `ticket-${index + 1}.pdf`, contentType: 'application/pdf', content: pdf });
    }
    attachments.push(this.calendarAttachment(event, registration));
    await mailer.send({ to: registration.attendeeEmail, ...ticketMail(event, registration, settings), attachments });
  }

  private async sendPasswordResetMail(email: string): Promise<void> {
    const { identity } = this.deps;
    if (!identity.mailPasswordResetCode) throw new Error('this identity mails no reset codes through the outbox');
    await identity.mailPasswordResetCode(email);
  }

  private async sendCancellationMail(registrationId: string, reason: string): Promise<void> {
    const { store, mailer, settings } = this.deps;
    const registration = await store.getRegistration(registrationId);
    const event = registration ? await store.getEvent(registration.eventId) : null;
    if (!registration || !event) return;
    const refunded = registration.status === 'refunded';
    await mailer.send({ to: registration.attendeeEmail, ...cancellationMail(event, registration, reason, refunded, settings) });
  }

  private async sendRefundMail(registrationId: string, refundId: string): Promise<void> {
    const { store, mailer, settings } = this.deps;
    const [registration, refunds] = await Promise.all([store.getRegistration(registrationId), store.listOrderRefunds(registrationId)]);
    const refund = refunds.find((r) => r.id === refundId);
    const event = registration ? await store.getEvent(registration.eventId) : null;
    if (!registration || !event || !refund) return;
    const about = { ticketCount: refund.ticketIds.length, amountCents: refund.amountCents, reason: refund.reason, byAttendee: refund.by === 'attendee' };
    await mailer.send({ to: registration.attendeeEmail, ...ticketsRefundedMail(event, registration, about, settings) });
  }

  private calendarAttachment(event: Event, registration: Registration): MailAttachment {
    const calendar = this.deps.renderer.calendar({ event, registration });
    return { filename: 'event.ics', contentType: 'text/calendar', content: new TextEncoder().encode(calendar) };
  }

  /**
   * Enqueues one change mail per confirmed registration, then settles the notice. Run again (a
   * retry, or a second edit's job) it enqueues again, but each mail job skips a holder already
   * mailed this revision, and a settled notice is not announced twice.
   */
  private async announceEventChange(eventId: string, followUps: string[]): Promise<void> {
    const { store, ids } = this.deps;
    const notice = await store.getEventChangeNotice(eventId);
    if (!notice) return;
    const event = await store.getEvent(eventId);
    // A cancelled event's holders get the cancellation mail instead.
    if (event && event.status !== 'cancelled') {
      let cursor: string | undefined;
      do {
        const page = await store.listRegistrantsByEvent(eventId, 100, cursor);
        const jobs = newJobs(
          ids,
          page.items
            .filter(({ registration }) => registration.status === 'confirmed')
            .map(({ registration }) => ({ kind: 'send_event_change_mail' as const, registrationId: registration.id, ...notice })),
        );
        if (jobs.length > 0) await store.enqueueJobs(jobs, this.now());
        followUps.push(...jobIds(jobs));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
    }
    await store.settleEventChangeNotice(eventId, notice);
  }

  /** The change as announced, with the calendar file of that revision (SEQUENCE raised). */
  private async sendEventChangeMail(change: Extract<JobPayload, { kind: 'send_event_change_mail' }>): Promise<void> {
    const { store, mailer, settings } = this.deps;
    const registration = await store.getRegistration(change.registrationId);
    if (!registration || registration.status !== 'confirmed') return;
    if ((await store.getChangeMailedRevision(registration.id)) >= change.revision) return;
    const event = await store.getEvent(registration.eventId);
    if (!event) return;
    // The end as announced too: `after` carries openEnded only when true, the current event may differ.
    const announced: Event = { ...event, ...change.after, openEnded: change.after.openEnded, revision: change.revision };
    await mailer.send({
      to: registration.attendeeEmail,
      ...eventChangeMail(announced, registration, change.before, change.after, settings),
      attachments: [this.calendarAttachment(announced, registration)],
    });
    // Mailed first, recorded after: a crash in between mails this holder again, it never loses the mail.
    await store.recordChangeMailed(registration.id, change.revision);
  }

  /** Cancels every open registration of a cancelled event; re-running it skips the ones already done. */
  private async cancelEventRegistrations(eventId: string, reason: string, followUps: string[]): Promise<void> {
    let cursor: string | undefined;
    do {
      const page = await this.deps.store.listRegistrantsByEvent(eventId, 100, cursor);
      for (const { registration } of page.items) followUps.push(...(await this.cancelForEvent(registration, reason)));
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
   * Returns the ids of the jobs the move enqueued.
   */
  private async cancelForEvent(listed: Registration, reason: string): Promise<string[]> {
    const { store, clock, ids } = this.deps;
    const cause = { by: 'event', reason } as const;
    let r: Registration | null = listed;
    for (let attempt = 0; r && attempt < 5; attempt++) {
      const plan = planCancellation(r, cause);
      if (!plan) return [];
      const jobs = newJobs(ids, plan.jobs);
      if (await store.transitionRegistration(r.id, [plan.from], plan.to, clock.now().toISOString(), jobs)) return jobIds(jobs);
      r = await store.getRegistration(r.id);
    }
    if (r && planCancellation(r, cause)) {
      throw new Error(`Registration ${r.id} kept changing while its event was cancelled.`);
    }
    return [];
  }
}
