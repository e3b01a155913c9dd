import type { JobPayload, NewJob } from '../domain/job.js';
import type { IdGenerator } from '../ports/ids.js';

/** Gives each payload its job id, so whoever enqueues them can run exactly these (JobRunner.runJobs). */
export function newJobs(ids: IdGenerator, payloads: JobPayload[]): NewJob[] {
  return payloads.map((payload) => ({ id: ids.newId('job'), payload }));
}

export const jobIds = (jobs: NewJob[]): string[] => jobs.map((job) => job.id);
