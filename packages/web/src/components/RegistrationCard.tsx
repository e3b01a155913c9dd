import { Link } from 'react-router';
import { api, ok } from '../api/client.js';
import { saveFile } from '../api/download.js';
import type { Registration, Ticket, TicketEvent } from '../api/shapes.js';
import { attendeeCancellationClosed } from '@ticketbooth/core/cancellation';
import { sharesByTicket } from '@ticketbooth/core/ticket-share';
import { formatEventWhen } from '@ticketbooth/core/when';
import { calendarFileName, orderTicketsFileName, ticketFileName } from '@ticketbooth/core/file-names';
import { formatMoney } from '../format.js';
import { useAction } from '../hooks.js';
import { ConfirmButton } from './ConfirmButton.js';
import { ErrorMessage } from './Feedback.js';
import { TicketStatusLine } from './TicketStatusLine.js';
import { QrCanvas } from './QrCanvas.js';

const STATUS_TEXT: Record<Registration['status'], string> = {
  pending_payment: 'Awaiting payment',
  confirmed: 'Confirmed',
  expired: 'Expired',
  cancelled: 'Cancelled',
  refunded: 'Refunded',
};

export function RegistrationCard({ registration, event, onChanged }: { registration: Registration; event: TicketEvent | null; onChanged: () => void }) {
  const { busy, error, run } = useAction();
  const title = event?.name ?? 'Event';
  const ticketsUsed = registration.tickets.filter((t) => t.checkedInAt !== null).length;
  // The server's own rule (it answers 409 cancellation_closed): no Cancel once a ticket was used or the event began.
  const closed = event ? attendeeCancellationClosed(registration, event, ticketsUsed, new Date()) : null;
  const cancellable = (registration.status === 'confirmed' || registration.status === 'pending_payment') && closed === null;
  // One ticket of several can go on its own (its share refunded); the last one goes with the order.
  const oneCancellable = registration.status === 'confirmed' && closed === null && registration.tickets.filter((t) => t.status === 'valid').length > 1;
  // What each ticket paid (the server refunds exactly this), and what the tickets not refunded yet paid together.
  const shares = sharesByTicket(registration, registration.tickets);
  const stillPaid = registration.tickets.filter((t) => t.status !== 'cancelled').reduce((sum, t) => sum + (shares.get(t.id) ?? 0), 0);
  const printable = registration.status === 'confirmed' && registration.tickets.some((t) => t.status !== 'cancelled');

  async function cancel() {
    const done = await run(() => ok(api.POST('/api/registrations/{id}/cancel', { params: { path: { id: registration.id } } })).then(() => true));
    if (done) onChanged();
  }

  return (
    <li className="card" aria-labelledby={`reg-${registration.id}`}>
      <h2 id={`reg-${registration.id}`} className="card-title">
        {event ? <Link to={`/events/${event.id}`}>{title}</Link> : title}
      </h2>
      {event && <p>{formatEventWhen(event)} · {event.location}</p>}
      <p>
        <span className={`pill status-${registration.status}`}>{STATUS_TEXT[registration.status]}</span> {registration.quantity} ticket
        {registration.quantity === 1 ? '' : 's'} · {formatMoney(registration.amountCents, registration.currency)}
      </p>
      {registration.status === 'pending_payment' && (
        <p>
          <Link className="button" to={`/checkout/${registration.id}`}>
            Pay now
          </Link>
        </p>
      )}
      <ul className="ticket-list">
        {registration.tickets.map((ticket) => (
          <TicketItem
            key={ticket.id}
            ticket={ticket}
            eventName={title}
            timeZone={event?.timezone ?? 'UTC'}
            cancellable={oneCancellable && ticket.status === 'valid'}
            refund={{ amountCents: shares.get(ticket.id) ?? 0, currency: registration.currency }}
            onChanged={onChanged}
          />
        ))}
      </ul>
      <ErrorMessage message={error} />
      <div className="row wrap">
        {registration.status === 'confirmed' && (
          <SaveButton label="Add to calendar" busy={busy} run={run} save={async () =>
              saveFile(await ok(api.GET('/api/registrations/{id}/calendar.ics', { params: { path: { id: registration.id } }, parseAs: 'blob' })), calendarFileName({ name: title }))} />
        )}
        {printable && (
          <SaveButton label="Download all tickets" busy={busy} run={run} save={async () =>
              saveFile(await ok(api.GET('/api/registrations/{id}/tickets.pdf', { params: { path: { id: registration.id } }, parseAs: 'blob' })), orderTicketsFileName({ name: title }))} />
        )}
        {cancellable && (
          <ConfirmButton
            label="Cancel registration"
            question={`Cancel your registration for ${title}?`}
            confirmLabel="Yes, cancel it"
            busy={busy}
            onConfirm={cancel}
          >
            {registration.status === 'confirmed' && stillPaid > 0 && <p>You will be refunded {formatMoney(stillPaid, registration.currency)}.</p>}
          </ConfirmButton>
        )}
      </div>
    </li>
  );
}

/** A button that fetches a file of the order and saves it, under the card's one busy state. */
function SaveButton({ label, busy, run, save }: { label: string; busy: boolean; run: (action: () => Promise<void>) => Promise<unknown>; save: () => Promise<void> }) {
  return (
    <button type="button" className="button button-secondary" disabled={busy} onClick={() => run(save)}>
      {busy ? 'Working…' : label}
    </button>
  );
}

function TicketItem({
  ticket,
  eventName,
  timeZone,
  cancellable,
  refund,
  onChanged,
}: {
  ticket: Ticket;
  eventName: string;
  timeZone: string;
  cancellable: boolean;
  /** What cancelling this ticket gives back: its share of the order. */
  refund: { amountCents: number; currency: string };
  onChanged: () => void;
}) {
  const { busy, error, run } = useAction();

  async function cancel() {
    const done = await run(() => ok(api.POST('/api/tickets/{id}/cancel', { params: { path: { id: ticket.id } } })).then(() => true));
    if (done) onChanged();
  }

  async function downloadPdf() {
    const link = await run(() => ok(api.POST('/api/tickets/{id}/download-link', { params: { path: { id: ticket.id } } })));
    if (!link) return;
    const a = document.createElement('a');
    a.href = link.url;
    a.download = ticketFileName({ name: eventName }, ticket);
    document.body.appendChild(a);
    a.click();
    a.remove();
  }

  return (
    <li className="ticket" data-ticket-id={ticket.id}>
      {/* A cancelled ticket admits no one: no code to show at the door. */}
      {ticket.status !== 'cancelled' && <QrCanvas text={ticket.qr} label={`QR code of the ${ticket.ticketTypeName} ticket for ${ticket.attendeeName}`} />}
      <div className="stack-tight">
        <p>
          <strong>{ticket.ticketTypeName}</strong> · {ticket.attendeeName}
        </p>
        <TicketStatusLine ticket={ticket} timeZone={timeZone} />
        {ticket.status !== 'cancelled' && (
          <button type="button" className="button button-secondary" disabled={busy} onClick={downloadPdf}>
            {busy ? 'Working…' : 'Download PDF'}
          </button>
        )}
        {cancellable && (
          <ConfirmButton label="Cancel this ticket" question={`Cancel the ${ticket.ticketTypeName} ticket for ${ticket.attendeeName}?`} confirmLabel="Yes, cancel this ticket" busy={busy} onConfirm={cancel}>
            {refund.amountCents > 0 && <p>You will be refunded {formatMoney(refund.amountCents, refund.currency)}.</p>}
          </ConfirmButton>
        )}
        <ErrorMessage message={error} />
      </div>
    </li>
  );
}
