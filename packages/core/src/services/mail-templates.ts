import type { Event } from '../domain/event.js';
import type { Registration } from '../domain/registration.js';
import { formatAmount } from '../domain/money.js';
import { formatEventWhen, formatInstantIn } from '../domain/when.js';
import type { WaitlistEntry } from '../domain/waitlist.js';
import type { EventSchedule } from '../rules/event-change.js';

/** Every mail text Ticketbooth sends, in one place: subject and plain-text body. */
export interface MailText {
  subject: string;
  text: string;
}

/** Who signs a mail, and the web app its links lead to. */
export interface MailSender {
  appName: string;
  /** The web app's origin, no trailing slash; null when not known. */
  publicUrl: string | null;
}

type Order = Pick<Registration, 'id' | 'attendeeName' | 'quantity' | 'amountCents' | 'currency'>;
type MailedEvent = Pick<Event, 'name' | 'location' | 'startsAt' | 'endsAt' | 'openEnded' | 'timezone'>;

/** The web app's page listing the signed-in attendee's tickets. */
export const myTicketsUrl = (publicUrl: string): string => `${publicUrl}/tickets`;

const amountOf = (order: Order): string => (order.amountCents === 0 ? 'free' : formatAmount(order.amountCents, order.currency));

/** The lines that let a person find the order again: its number, what it cost, where its tickets are. */
function orderLines(order: Order, sender: MailSender): string[] {
  const lines = [`Order number: ${order.id}`, `Amount: ${amountOf(order)}`];
  if (sender.publicUrl) lines.push(`My tickets: ${myTicketsUrl(sender.publicUrl)}`);
  return lines;
}

/** Sent with the PDF tickets (and the .ics) once a registration is confirmed. */
export function ticketMail(event: MailedEvent, registration: Order, sender: MailSender): MailText {
  return {
    subject: `Your tickets for ${event.name}`,
    text: [
      `Hello ${registration.attendeeName},`,
      '',
      `You are registered for ${event.name}: ${registration.quantity} ticket${registration.quantity === 1 ? '' : 's'}.`,
      `When: ${formatEventWhen(event)}`,
      `Where: ${event.location}`,
      '',
      ...orderLines(registration, sender),
      '',
      'Your tickets are attached as PDF files. Each QR code admits one person, once.',
      '',
      `— ${sender.appName}`,
    ].join('\n'),
  };
}

/** Sent when a registration is cancelled, by its attendee or with its event. */
export function cancellationMail(event: Pick<Event, 'name'>, registration: Order, reason: string, refunded: boolean, sender: MailSender): MailText {
  return {
    subject: `Cancelled: ${event.name}`,
    text: [
      `Hello ${registration.attendeeName},`,
      '',
      `Your registration for ${event.name} has been cancelled. ${reason}`,
      refunded ? `Your payment will be refunded to your card.` : '',
      '',
      ...orderLines(registration, sender),
      '',
      `— ${sender.appName}`,
    ].join('\n'),
  };
}

/** Sent when some (or all) tickets of an order were refunded by the organizer or cancelled by the attendee. */
export function ticketsRefundedMail(
  event: Pick<Event, 'name'>,
  registration: Order,
  refund: { ticketCount: number; amountCents: number; reason: string; byAttendee: boolean },
  sender: MailSender,
): MailText {
  const tickets = `${refund.ticketCount} ticket${refund.ticketCount === 1 ? '' : 's'}`;
  return {
    subject: `Refunded: ${tickets} for ${event.name}`,
    text: [
      `Hello ${registration.attendeeName},`,
      '',
      refund.byAttendee ? `You cancelled ${tickets} of your order for ${event.name}.` : `The organizer of ${event.name} cancelled ${tickets} of your order.`,
      refund.reason ? `Reason: ${refund.reason}` : '',
      refund.amountCents > 0 ? `${formatAmount(refund.amountCents, registration.currency)} will be refunded to your card.` : '',
      registration.quantity > 0 ? `Your other ${registration.quantity === 1 ? 'ticket stays' : `${registration.quantity} tickets stay`} valid.` : '',
      '',
      ...orderLines(registration, sender),
      '',
      `— ${sender.appName}`,
    ].join('\n'),
  };
}

/** "was" and "now" of one thing that changed; nothing when it stayed the same. */
function wasNow(label: string, was: string, now: string): string[] {
  return was === now ? [] : [label, `  was: ${was}`, `  now: ${now}`];
}

/** Sent to every ticket holder when the event's time, zone or place changed (with the updated .ics). */
export function eventChangeMail(event: Pick<Event, 'name'>, registration: Order, before: EventSchedule, after: EventSchedule, sender: MailSender): MailText {
  const when = wasNow('When', formatEventWhen(before), formatEventWhen(after));
  const where = wasNow('Where', before.location, after.location);
  const what = when.length && where.length ? 'time and place' : when.length ? 'time' : 'place';
  return {
    subject: `New ${what}: ${event.name}`,
    text: [
      `Hello ${registration.attendeeName},`,
      '',
      `The organizer changed the ${what} of ${event.name}.`,
      '',
      ...when,
      ...where,
      '',
      'Your tickets stay valid. Download them again under My tickets to print the new details; the attached calendar file updates your calendar.',
      '',
      ...orderLines(registration, sender),
      '',
      `— ${sender.appName}`,
    ].join('\n'),
  };
}

/** The web app's page where a waiting-list offer is claimed (the offer mail's link). */
export const waitlistOfferUrl = (publicUrl: string, offerId: string): string => `${publicUrl}/waitlist-offers/${encodeURIComponent(offerId)}`;

/** Sent to a waiting-list entry when spots are held for it. */
export function waitlistOfferMail(event: MailedEvent, entry: Pick<WaitlistEntry, 'attendeeName' | 'quantity' | 'offer'>, sender: MailSender): MailText {
  const spots = `${entry.quantity} spot${entry.quantity === 1 ? '' : 's'}`;
  const until = entry.offer ? formatInstantIn(entry.offer.expiresAt, event.timezone) : '';
  return {
    subject: `Spots for you: ${event.name}`,
    text: [
      `Hello ${entry.attendeeName},`,
      '',
      `Good news: ${spots} for ${event.name} came free, and they are held for you until ${until}.`,
      `When: ${formatEventWhen(event)}`,
      `Where: ${event.location}`,
      '',
      entry.offer && sender.publicUrl ? `Claim them here: ${waitlistOfferUrl(sender.publicUrl, entry.offer.id)}` : 'Claim them under My waiting lists.',
      'If you do not claim them in time, they go to the next person on the list.',
      '',
      `— ${sender.appName}`,
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
