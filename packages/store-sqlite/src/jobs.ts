import type { Job, NewJob, OutboxStore } from '@ticketbooth/core';
import type { Sql } from './db.js';
import { toFailedJob, toJob, type JobRow } from './rows.js';

/** Puts jobs in the outbox inside the caller's transaction, with the change that needs them. */
export function insertJobs({ q }: Sql, jobs: NewJob[], now: string): void {
  for (const job of jobs) {
    q('INSERT INTO jobs (id, payload, attempts, run_after, created_at) VALUES (?, ?, 0, ?, ?)').run(job.id, JSON.stringify(job.payload), now, now);
  }
}

export function sqliteJobs(sql: Sql): OutboxStore {
  const { db, q, immediate } = sql;
  /** Leases the claimed rows (inside the claim's transaction), counting the attempt. */
  const leaseJobs = (rows: JobRow[], now: string, leaseMs: number): Job[] => {
    const leaseUntil = new Date(Date.parse(now) + leaseMs).toISOString();
    for (const row of rows) q('UPDATE jobs SET lease_until = ?, attempts = attempts + 1 WHERE id = ?').run(leaseUntil, row.id);
    return rows.map((r) => ({ ...toJob(r), attempts: r.attempts + 1 }));
  };
  return {
    async enqueueJobs(jobs, now) {
      await immediate(() => insertJobs(sql, jobs, now));
    },
    async claimJobs(now, limit, leaseMs) {
      return immediate(() => {
        const rows = q('SELECT * FROM jobs WHERE run_after <= ? AND (lease_until IS NULL OR lease_until <= ?) AND failed_at IS NULL ORDER BY run_after, id LIMIT ?').all(now, now, limit) as JobRow[];
        return leaseJobs(rows, now, leaseMs);
      });
    },
    async claimJobsById(jobIds, now, leaseMs) {
      if (jobIds.length === 0) return [];
      return immediate(() => {
        const rows = db
          .prepare(`SELECT * FROM jobs WHERE id IN (${jobIds.map(() => '?').join(',')}) AND run_after <= ? AND (lease_until IS NULL OR lease_until <= ?) AND failed_at IS NULL ORDER BY run_after, id`)
          .all(...jobIds, now, now) as JobRow[];
        return leaseJobs(rows, now, leaseMs);
      });
    },
    async completeJob(id) {
      await immediate(() => q('DELETE FROM jobs WHERE id = ?').run(id));
    },
    async retryJob(id, runAfter, error) {
      await immediate(() => q('UPDATE jobs SET run_after = ?, last_error = ?, lease_until = NULL WHERE id = ?').run(runAfter, error.slice(0, 2000), id));
    },
    async failJob(id, error, failedAt, eventId) {
      await immediate(() =>
        q('UPDATE jobs SET failed_at = ?, event_id = ?, last_error = ?, lease_until = NULL WHERE id = ?').run(failedAt, eventId, error.slice(0, 2000), id),
      );
    },
    async listFailedJobs(eventId, limit) {
      const rows = q('SELECT * FROM jobs WHERE event_id = ? AND failed_at IS NOT NULL ORDER BY failed_at DESC, id DESC LIMIT ?').all(eventId, limit) as JobRow[];
      return rows.map(toFailedJob);
    },
  };
}
