/** Work that must happen after a commit even if the process dies: the outbox. */
export type JobPayload =
  | { kind: 'send_ticket_mail'; registrationId: string }
  | { kind: 'send_cancellation_mail'; registrationId: string; reason: string }
  | { kind: 'cancel_event_registrations'; eventId: string; reason: string }
  | { kind: 'refund_registration'; registrationId: string };

export interface Job {
  id: string;
  payload: JobPayload;
  attempts: number;
  runAfter: string;
  lastError: string | null;
}
