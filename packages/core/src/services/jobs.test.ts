import { describe, expect, it } from 'vitest';
import type { EventWithCounts } from '../domain/event.js';
import type { FailedJob, Job, NewJob } from '../domain/job.js';
import type { Registration } from '../domain/registration.js';
import { randomIds } from '../ports/ids.js';
import type { Logger } from '../ports/logger.js';
import type { Mailer } from '../ports/mail.js';
import type { Store } from '../ports/store.js';
import { defaultSettings, type ServiceDeps } from './deps.js';
import { JobRunner } from './jobs.js';
import { newJobs } from './new-jobs.js';
import type { PaymentService } from './payments.js';
import type { WaitlistService } from './waitlist.js';

const T0 = Date.parse('2030-01-01T10:00:00.000Z');
const EVENT = { id: 'evt_1', name: 'Outbox Summit' } as EventWithCounts;
const REGISTRATION = { id: 'reg_1', eventId: EVENT.id, attendeeName: 'Ada', attendeeEmail: 'ada@example.test', status: 'cancelled', amountCents: 0, currency: 'EUR' } as Registration;

/** The outbox slice of a Store, in memory; any other Store method throws, so the test sees what it uses. */
function outboxStore() {
  const jobs = new Map<string, Job & { leaseUntil: number; failed: FailedJob | null }>();
  const claim = (candidates: string[], now: string, leaseMs: number): Job[] =>
    candidates.flatMap((id) => {
      const job = jobs.get(id);
      if (!job || job.failed || Date.parse(job.runAfter) > Date.parse(now) || job.leaseUntil > Date.parse(now)) return [];
      job.attempts++;
      job.leaseUntil = Date.parse(now) + leaseMs;
      return [{ id, payload: job.payload, attempts: job.attempts, runAfter: job.runAfter, lastError: job.lastError }];
    });
  const outbox: Partial<Store> = {
    async enqueueJobs(list: NewJob[], now: string) {
      for (const { id, payload } of list) jobs.set(id, { id, payload, attempts: 0, runAfter: now, lastError: null, leaseUntil: 0, failed: null });
    },
    claimJobs: async (now, limit, leaseMs) => claim([...jobs.keys()], now, leaseMs).slice(0, limit),
    claimJobsById: async (ids, now, leaseMs) => claim(ids, now, leaseMs),
    async completeJob(id) {
      jobs.delete(id);
    },
    async retryJob(id, runAfter, error) {
      Object.assign(jobs.get(id)!, { runAfter, lastError: error, leaseUntil: 0 });
    },
    async failJob(id, error, failedAt, eventId) {
      const job = jobs.get(id)!;
      job.failed = { id, payload: job.payload, attempts: job.attempts, lastError: error, failedAt, eventId };
    },
    listFailedJobs: async (eventId) => [...jobs.values()].flatMap((j) => (j.failed?.eventId === eventId ? [j.failed] : [])),
    getRegistration: async (id) => (id === REGISTRATION.id ? REGISTRATION : null),
    getEvent: async (id) => (id === EVENT.id ? EVENT : null),
  };
  const store = new Proxy(outbox, {
    get: (target, name: string) => target[name as keyof Store] ?? (() => Promise.reject(new Error(`${name} is not in the outbox fake`))),
  }) as Store;
  return { store, jobs };
}

function runner(mailer: Mailer) {
  const { store, jobs } = outboxStore();
  const clock = { t: T0, now: () => new Date(clock.t) };
  const logs: { level: string; msg: string | undefined; obj: object }[] = [];
  const logger: Logger = {
    info: (obj, msg) => logs.push({ level: 'info', msg, obj }),
    warn: (obj, msg) => logs.push({ level: 'warn', msg, obj }),
    error: (obj, msg) => logs.push({ level: 'error', msg, obj }),
  };
  const deps = { store, mailer, clock, ids: randomIds, logger, settings: { ...defaultSettings, maxJobAttempts: 3 } } as Partial<ServiceDeps> as ServiceDeps;
  const jobRunner = new JobRunner(deps, {} as PaymentService, () => {}, {} as WaitlistService);
  /** Runs the outbox after every backoff has passed (the longest is 10 minutes). */
  const drainLater = async () => {
    clock.t += 11 * 60_000;
    return jobRunner.drain();
  };
  return { jobRunner, store, jobs, logs, drainLater };
}

const cancellationMail = { kind: 'send_cancellation_mail' as const, registrationId: REGISTRATION.id, reason: 'Rain.' };
const failingMailer: Mailer = { send: () => Promise.reject(new Error('smtp down')) };

describe('the outbox gives up on a failing job', () => {
  it('retries a failing job until its last allowed attempt, then marks it failed under its event and logs an error', async () => {
    const { store, logs, drainLater } = runner(failingMailer);
    const [job] = newJobs(randomIds, [cancellationMail]);
    await store.enqueueJobs([job!], new Date(T0).toISOString());

    expect(await drainLater()).toBe(1);
    expect(await drainLater()).toBe(1);
    expect(await store.listFailedJobs(EVENT.id, 10)).toEqual([]);
    expect(logs.map((l) => [l.level, l.msg])).toEqual([
      ['warn', 'job failed; will retry'],
      ['warn', 'job failed; will retry'],
    ]);

    expect(await drainLater()).toBe(1);
    expect(logs.at(-1)).toMatchObject({ level: 'error', obj: { jobId: job!.id, kind: 'send_cancellation_mail', attempts: 3, err: 'smtp down' } });
    expect(await store.listFailedJobs(EVENT.id, 10)).toMatchObject([{ id: job!.id, attempts: 3, lastError: 'smtp down', eventId: EVENT.id }]);
  });

  it('never claims a failed job again', async () => {
    const { store, jobRunner, drainLater } = runner(failingMailer);
    const [job] = newJobs(randomIds, [cancellationMail]);
    await store.enqueueJobs([job!], new Date(T0).toISOString());
    for (let attempt = 0; attempt < 3; attempt++) await drainLater();

    expect(await drainLater()).toBe(0);
    expect(await jobRunner.runJobs([job!.id])).toBe(0);
  });

  it('a job that succeeds within its attempts is done, not failed', async () => {
    let calls = 0;
    const busyTwice: Mailer = {
      async send() {
        if (++calls < 3) throw new Error('busy');
      },
    };
    const { store, jobs, logs, drainLater } = runner(busyTwice);
    await store.enqueueJobs(newJobs(randomIds, [cancellationMail]), new Date(T0).toISOString());
    for (let attempt = 0; attempt < 3; attempt++) await drainLater();

    expect(calls).toBe(3);
    expect(jobs.size).toBe(0);
    expect(await store.listFailedJobs(EVENT.id, 10)).toEqual([]);
    expect(logs.filter((l) => l.level === 'error')).toEqual([]);
  });
});

describe('running the jobs a request enqueued', () => {
  it('runs only the jobs it is given, not the rest of the outbox', async () => {
    const sent: string[] = [];
    const { store, jobRunner, jobs } = runner({ send: async (m) => void sent.push(m.subject) });
    const [mine, others] = newJobs(randomIds, [cancellationMail, { ...cancellationMail, reason: 'Someone else.' }]);
    await store.enqueueJobs([mine!, others!], new Date(T0).toISOString());

    expect(await jobRunner.runJobs([mine!.id])).toBe(1);
    expect(sent).toEqual(['Cancelled: Outbox Summit']);
    expect([...jobs.keys()]).toEqual([others!.id]);
  });
});
