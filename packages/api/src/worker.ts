import { presumedDeadAfterMs, type Logger, type Services } from '@ticketbooth/core';

/**
 * Background upkeep: releases expired holds and waiting-list offers, settles payments a crash left mid-charge, and drains
 * the outbox (ticket mail, refunds, cancellations). One tick at a time; errors are logged and
 * retried on the next tick.
 */
export async function runMaintenance(
  services: Services,
  logger: Logger,
  // A payment left processing longer than any request runs was left by a request that died.
  reconcileMinAgeMs = presumedDeadAfterMs(services.deps.settings),
): Promise<void> {
  try {
    const expired = await services.registrations.expireHolds();
    const offersExpired = await services.waitlist.expireOffers();
    const reconciled = await services.payments.reconcile({ minAgeMs: reconcileMinAgeMs });
    const jobs = await services.jobs.drain();
    if (expired || offersExpired || reconciled || jobs) logger.info({ expired, offersExpired, reconciled, jobs }, 'maintenance');
  } catch (error) {
    logger.error({ err: error instanceof Error ? error.message : String(error) }, 'maintenance failed');
  }
}

export function startWorker(services: Services, logger: Logger, intervalMs = 1000): { stop(): Promise<void> } {
  let running: Promise<void> | null = null;
  const timer = setInterval(() => {
    if (running) return;
    running = runMaintenance(services, logger).finally(() => {
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
