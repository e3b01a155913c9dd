import { must } from '../checking.js';
import type { SettledEvent, Snapshot } from '../snapshot.js';

/**
 * DESIGN.md invariant 2, a ticket admits once: however the scans interleave, a ticket gets at most one
 * "admitted", and the store's ticket (check-in time, status) agrees with the door's answers.
 */
export function checkAdmitsOnce(s: Snapshot): void {
  const { at } = s;
  for (const { tickets } of s.registrations) {
    for (const t of tickets) {
      const { admissions } = s.model.tickets.get(t.id)!;
      must(admissions <= 1, `ticket admitted ${admissions} times ${at}`, t);
      must((t.checkedInAt !== null) === (admissions === 1), `the store's check-in time disagrees with the door's answers ${at}`, { t, admissions });
      if (t.status === 'used') must(admissions === 1, `used without an admission ${at}`, t);
      if (t.status === 'valid') must(admissions === 0, `admitted yet still valid ${at}`, t);
    }
  }
}

/** At the end of a run: the check-in log and the stats count each admission the door answered, once. */
export function checkSettledAdmissions(e: SettledEvent): void {
  const admitted = e.tickets.reduce((n, t) => n + t.admissions, 0);
  must(e.stats.checkedIn === admitted, `event stats disagree with the door`, { event: e.model.index, stats: e.stats, admitted });
  for (const t of e.tickets) {
    const recorded = e.checkIns.filter((c) => c.ticketId === t.ticket.id && c.result === 'admitted').length;
    must(recorded === t.admissions, `the check-in log shows ${recorded} admissions of a ticket the door admitted ${t.admissions} times`, t.ticket.id);
  }
}
