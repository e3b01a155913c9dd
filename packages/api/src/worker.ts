import { presumedDeadAfterMs, type Logger, type Services } from '@ticketbooth/core';

/**
 * Background upkeep: releases expired holds and waiting-list offers, settles payments a crash left mid-charge, and drains
 * the outbox (ticket mail, refunds, cancellations) unless `drainOutbox` is false. One tick at a time; errors are logged and
 * retried on the next tick.
 */
export async function runMaintenance(
  services: Services,
  logger: Logger,
  {
    // A payment left processing longer than any request runs was left by a request that died.
    reconcileMinAgeMs = presumedDeadAfterMs(services.deps.settings),
    drainOutbox = true,
  }: { reconcileMinAgeMs?: number; drainOutbox?: boolean } = {},
): Promise<void> {
  try {
    const expired = await services.registrations.expireHolds();
    const offersExpired = await services.waitlist.expireOffers();
    const reconciled = await services.payments.reconcile({ minAgeMs: reconcileMinAgeMs });
    const jobs = drainOutbox ? await services.jobs.drain() : 0;
    if (expired || offersExpired || reconciled || jobs) logger.info({ expired, offersExpired, reconciled, jobs }, 'maintenance');
  } catch (error) {
    logger.error({ err: error instanceof Error ? error.message : String(error) }, 'maintenance failed');
  }
}

/**
 * How long the outbox may wait for requests to stop coming, since it last ran. Rendering ticket PDFs
 * takes a core; during an on-sale rush that core answers buyers instead, and the mail waits (it is in
 * the outbox already, so a crash loses none) until the requests stop or this bound passes.
 */
export const OUTBOX_MAX_WAIT_MS = 5_000;

export interface WorkerOptions {
  intervalMs?: number;
  /** Whether requests came since the last call or are being answered now; without it the outbox never waits. */
  requestsCame?: () => boolean;
  outboxMaxWaitMs?: number;
}

export function startWorker(
  services: Services,
  logger: Logger,
  { intervalMs = 1000, requestsCame = () => false, outboxMaxWaitMs = OUTBOX_MAX_WAIT_MS }: WorkerOptions = {},
): { stop(): Promise<void> } {
  const { clock } = services.deps;
  let running: Promise<void> | null = null;
  let outboxRanAt = clock.now().getTime();
  const timer = setInterval(() => {
    if (running) return;
    const now = clock.now().getTime();
    const drainOutbox = !requestsCame() || now - outboxRanAt >= outboxMaxWaitMs;
    if (drainOutbox) outboxRanAt = now;
    running = runMaintenance(services, logger, { drainOutbox }).finally(() => {
      running = null;
    });
  }, intervalMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
