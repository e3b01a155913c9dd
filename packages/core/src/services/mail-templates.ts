import type { Event } from '../domain/event.js';
import type { Registration } from '../domain/registration.js';
import { formatEventWhen } from '../domain/when.js';

/** Every mail text Ticketbooth sends, in one place: subject and plain-text body. */
export interface MailText {
  subject: string;
  text: string;
}

type Attendee = Pick<Registration, 'attendeeName' | 'quantity'>;
type MailedEvent = Pick<Event, 'name' | 'location' | 'startsAt' | 'endsAt' | 'timezone'>;

/** Sent with the PDF tickets (and the .ics) once a registration is confirmed. */
export function ticketMail(event: MailedEvent, registration: Attendee, appName: string): MailText {
  return {
    subject: `Your tickets for ${event.name}`,
    text: [
      `Hello ${registration.attendeeName},`,
      '',
      `You are registered for ${event.name}: ${registration.quantity} ticket${registration.quantity === 1 ? '' : 's'}.`,
      `When: ${formatEventWhen(event)}`,
      `Where: ${event.location}`,
      '',
      'Your tickets are attached as PDF files. Each QR code admits one person, once.',
      '',
      `— ${appName}`,
    ].join('\n'),
  };
}

/** Sent when a registration is cancelled, by its attendee or with its event. */
export function cancellationMail(event: Pick<Event, 'name'>, registration: Pick<Registration, 'attendeeName'>, reason: string, refunded: boolean, appName: string): MailText {
  return {
    subject: `Cancelled: ${event.name}`,
    text: [
      `Hello ${registration.attendeeName},`,
      '',
      `Your registration for ${event.name} has been cancelled. ${reason}`,
      refunded ? `Your payment will be refunded to your card.` : '',
      '',
      `— ${appName}`,
    ].join('\n'),
  };
}

/** The reason a cancellation mail gives when the attendee cancelled. */
export const CANCELLED_BY_ATTENDEE = 'You cancelled this registration.';

/** The reason a cancellation mail gives when the organizer cancelled the event. */
export const cancelledWithEvent = (eventReason: string): string => `The event was cancelled: ${eventReason}`;

/** The 6-digit code that verifies a new account's email address. */
export function verificationCodeMail(name: string, code: string, expiresInMinutes: number, appName: string): MailText {
  return {
    subject: `Your ${appName} verification code`,
    text: `Hello ${name},\n\nYour verification code is ${code}\n\nIt expires in ${expiresInMinutes} minutes. If you did not sign up, ignore this mail.`,
  };
}

export function passwordResetMail(name: string, code: string, expiresInMinutes: number, appName: string): MailText {
  return {
    subject: `Your ${appName} password reset code`,
    text: `Hello ${name},\n\nYour password reset code is ${code}\n\nIt expires in ${expiresInMinutes} minutes. Setting a new password logs you out everywhere. If you did not ask for this, ignore this mail: your password stays as it is.`,
  };
}
