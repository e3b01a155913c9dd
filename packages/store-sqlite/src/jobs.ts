import type { JobPayload, OutboxStore } from '@ticketbooth/core';
import type { Sql } from './db.js';
import { toJob, type JobRow } from './rows.js';

/** Puts jobs in the outbox inside the caller's transaction, with the change that needs them. */
export function insertJobs({ q, ids }: Sql, jobs: JobPayload[], now: string): void {
  for (const payload of jobs) {
    q('INSERT INTO jobs (id, payload, attempts, run_after, created_at) VALUES (?, ?, 0, ?, ?)').run(ids.newId('job'), JSON.stringify(payload), now, now);
  }
}

export function sqliteJobs(sql: Sql): OutboxStore {
  const { q, immediate } = sql;
  return {
    async enqueueJobs(jobs, now) {
      await immediate(() => insertJobs(sql, jobs, now));
    },
    async claimJobs(now, limit, leaseMs) {
      return immediate(() => {
        const rows = q('SELECT * FROM jobs WHERE run_after <= ? AND (lease_until IS NULL OR lease_until <= ?) ORDER BY run_after, id LIMIT ?').all(now, now, limit) as JobRow[];
        const leaseUntil = new Date(Date.parse(now) + leaseMs).toISOString();
        for (const row of rows) q('UPDATE jobs SET lease_until = ?, attempts = attempts + 1 WHERE id = ?').run(leaseUntil, row.id);
        return rows.map((r) => ({ ...toJob(r), attempts: r.attempts + 1 }));
      });
    },
    async completeJob(id) {
      await immediate(() => q('DELETE FROM jobs WHERE id = ?').run(id));
    },
    async retryJob(id, runAfter, error) {
      await immediate(() => q('UPDATE jobs SET run_after = ?, last_error = ?, lease_until = NULL WHERE id = ?').run(runAfter, error.slice(0, 2000), id));
    },
  };
}
