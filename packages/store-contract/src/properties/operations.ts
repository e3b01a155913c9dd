import { randomIds, type CheckInResult, type Principal, type Services } from '@ticketbooth/core';
import type { TestClock } from '@ticketbooth/testkit';
import { attempt } from './checking.js';
import type { Figures } from './figures.js';
import { CARDS } from './generators.js';
import type { Interleaving } from './interleaving.js';
import type { Action, Done, Model } from './model.js';

export interface OperationContext {
  model: Model;
  organizer: Principal;
  clock: TestClock;
  figures: Figures;
  interleaving: Interleaving;
}

/** Runs an action through core's use cases, records what it created in the model, and counts its answer. */
export async function execute(action: Action, svc: Services, ctx: OperationContext): Promise<Done> {
  const { model, organizer, clock, figures } = ctx;
  await ctx.interleaving.gate('start');
  switch (action.kind) {
    case 'register': {
      const outcome = await attempt(() => svc.registrations.register(action.user, action.event.id, { lines: action.lines }));
      if (outcome.ok) {
        figures.registered++;
        const view = outcome.value;
        model.regs.set(view.id, { id: view.id, eventId: view.eventId, user: action.user, last: view });
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
      clock.advance(action.minutes * 60_000);
      const outcome = await attempt(() => svc.registrations.expireHolds());
      if (outcome.ok) figures.expiredHolds += outcome.value;
      return { action, outcome };
    }
    case 'scan': {
      const t = action.ticket;
      const scan = (nonce: string | null) => svc.door.scan(organizer, action.eventId, { qr: t.ticket.qr }, nonce);
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
}
