import type { FailedJob } from '../api/shapes.js';
import { formatInstantIn } from '@ticketbooth/core/when';

const WHAT_FAILED: Record<FailedJob['kind'], string> = {
  send_ticket_mail: 'Ticket mail not delivered',
  send_cancellation_mail: 'Cancellation mail not delivered',
  refund_registration: 'Refund not made',
  refund_tickets: 'Ticket refund not made',
  send_refund_mail: 'Refund mail not delivered',
  cancel_event_registrations: 'Registrations not all cancelled',
  announce_event_change: 'Ticket holders not all told of the change',
  send_event_change_mail: 'Change mail not delivered',
  // Never under an event (it concerns an account); named for completeness of the kinds.
  send_password_reset_mail: 'Password reset mail not delivered',
  send_waitlist_offer_mail: 'Waiting-list offer mail not delivered',
};

/** Outbox work for this event that was given up on: the organizer may need to reach these attendees. */
export function FailedJobsNotice({ failedJobs, timeZone }: { failedJobs: FailedJob[]; timeZone: string }) {
  if (failedJobs.length === 0) return null;
  return (
    <section aria-labelledby="failed-jobs-heading" className="alert alert-error" data-testid="failed-jobs">
      <h2 id="failed-jobs-heading">Delivery problems</h2>
      <p>These were retried and then given up on; contact the attendees concerned.</p>
      <ul>
        {failedJobs.map((job) => (
          <li key={job.jobId}>
            {WHAT_FAILED[job.kind]}
            {job.attendeeEmail ? ` to ${job.attendeeEmail}` : ''} — {job.attempts} attempts, last on {formatInstantIn(job.failedAt, timeZone)}
          </li>
        ))}
      </ul>
    </section>
  );
}
