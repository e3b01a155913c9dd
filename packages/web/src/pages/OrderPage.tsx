import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { api, ok } from '../api/client.js';
import type { OrderHistory, OrderHistoryEntry, Registration, Ticket, TicketEvent } from '../api/shapes.js';
import { ConfirmButton } from '../components/ConfirmButton.js';
import { BusyButton, ErrorMessage, Loading, StatusMessage } from '../components/Feedback.js';
import { TicketStatusLine } from '../components/TicketStatusLine.js';
import { formatInstantIn } from '@ticketbooth/core/when';
import { formatMoney } from '../format.js';
import { useAction, useLoad, usePageTitle } from '../hooks.js';

interface Order {
  event: TicketEvent;
  registration: Registration;
  history: OrderHistory;
}

/** One order for the event's organizer: its tickets (refund, rename), the ticket mail again, its payment and refund history. */
export function OrderPage() {
  const { id = '', registrationId = '' } = useParams();
  const { data, error, reload } = useLoad(async (): Promise<Order> => {
    const path = { params: { path: { id: registrationId } } };
    const [event, registration, history] = await Promise.all([
      ok(api.GET('/api/events/{id}', { params: { path: { id } } })),
      ok(api.GET('/api/registrations/{id}', path)),
      ok(api.GET('/api/registrations/{id}/history', path)),
    ]);
    return { event, registration, history };
  }, [id, registrationId]);
  usePageTitle(data ? `Order ${data.registration.id}` : 'Order');

  if (!data) {
    return (
      <main className="page" id="main">
        <h1>Order</h1>
        <ErrorMessage message={error} />
        {!error && <Loading what="the order" />}
      </main>
    );
  }
  const { event, registration, history } = data;
  return (
    <main className="page" id="main">
      <p className="eyebrow">
        <Link to={`/organizer/events/${event.id}`}>{event.name}</Link>
      </p>
      <h1>Order {registration.id}</h1>
      <p>
        <span className={`pill status-${registration.status}`}>{registration.status.replace('_', ' ')}</span> · paid{' '}
        {formatMoney(history.amountCents, history.currency)}
        {history.refundedCents > 0 && <> · refunded {formatMoney(history.refundedCents, history.currency)}</>}
      </p>
      <ResendButton registration={registration} />
      <TicketsSection registration={registration} timeZone={event.timezone} onChanged={reload} />
      <HistorySection history={history} timeZone={event.timezone} />
    </main>
  );
}

function ResendButton({ registration }: { registration: Registration }) {
  const { busy, error, run } = useAction();
  const [notice, setNotice] = useState('');
  if (registration.status !== 'confirmed') return null;
  return (
    <div className="stack">
      <BusyButton
        type="button"
        className="button button-secondary"
        busy={busy}
        onClick={async () => {
          const sent = await run(() => ok(api.POST('/api/registrations/{id}/resend', { params: { path: { id: registration.id } } })).then(() => true));
          if (sent) setNotice('The ticket mail was sent again.');
        }}
      >
        Resend ticket mail
      </BusyButton>
      <ErrorMessage message={error} />
      <StatusMessage>{notice}</StatusMessage>
    </div>
  );
}

function TicketsSection({ registration, timeZone, onChanged }: { registration: Registration; timeZone: string; onChanged: () => void }) {
  const { busy, error, run } = useAction();
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [reason, setReason] = useState('');
  const [notice, setNotice] = useState('');
  const refundable = registration.status === 'confirmed' ? registration.tickets.filter((t) => t.status === 'valid') : [];

  const toggle = (ticketId: string) =>
    setSelected((current) => {
      const next = new Set(current);
      if (next.has(ticketId)) next.delete(ticketId);
      else next.add(ticketId);
      return next;
    });

  async function refund() {
    const ticketIds = [...selected];
    const body = { ticketIds, ...(reason.trim() ? { reason: reason.trim() } : {}) };
    const done = await run(() => ok(api.POST('/api/registrations/{id}/refund', { params: { path: { id: registration.id } }, body })));
    if (done) {
      setSelected(new Set());
      setReason('');
      setNotice(`${ticketIds.length} ticket${ticketIds.length === 1 ? '' : 's'} refunded; the attendee was told.`);
      onChanged();
    }
  }

  return (
    <section aria-labelledby="tickets-heading" className="stack">
      <h2 id="tickets-heading">Tickets</h2>
      <ul className="ticket-list">
        {registration.tickets.map((ticket) => (
          <li key={ticket.id} className="ticket" data-ticket-id={ticket.id}>
            <div className="stack-tight">
              {refundable.includes(ticket) && (
                <label className="row" htmlFor={`select-${ticket.id}`}>
                  <input type="checkbox" id={`select-${ticket.id}`} checked={selected.has(ticket.id)} onChange={() => toggle(ticket.id)} />
                  Select to refund
                </label>
              )}
              <TicketDetails ticket={ticket} timeZone={timeZone} onChanged={onChanged} />
            </div>
          </li>
        ))}
      </ul>
      {refundable.length > 0 && selected.size === 0 && <p className="muted">Select the tickets to refund.</p>}
      {selected.size > 0 && (
        <ConfirmButton
          label={`Refund selected tickets (${selected.size})`}
          question={`Refund ${selected.size} ticket${selected.size === 1 ? '' : 's'}? Their spots are released and the attendee is refunded and mailed.`}
          confirmLabel="Yes, refund"
          busy={busy}
          onConfirm={refund}
        >
          <div className="field">
            <label htmlFor="refund-reason">Reason (sent to the attendee, optional)</label>
            <input id="refund-reason" value={reason} maxLength={500} onChange={(e) => setReason(e.target.value)} />
          </div>
        </ConfirmButton>
      )}
      <ErrorMessage message={error} />
      <StatusMessage>{notice}</StatusMessage>
    </section>
  );
}

function TicketDetails({ ticket, timeZone, onChanged }: { ticket: Ticket; timeZone: string; onChanged: () => void }) {
  const { busy, error, run } = useAction();
  const [editing, setEditing] = useState(false);
  const [name, setName] = useState(ticket.attendeeName);

  async function rename() {
    const done = await run(() => ok(api.PATCH('/api/tickets/{id}', { params: { path: { id: ticket.id } }, body: { attendeeName: name.trim() } })));
    if (done) {
      setEditing(false);
      onChanged();
    }
  }

  return (
    <div className="stack-tight">
      <p>
        <strong>{ticket.ticketTypeName}</strong> · {ticket.attendeeName} · code {ticket.code}
      </p>
      <TicketStatusLine ticket={ticket} timeZone={timeZone} />
      {ticket.status === 'valid' && !editing && (
        <button type="button" className="button button-secondary" onClick={() => setEditing(true)}>
          Rename
        </button>
      )}
      {editing && (
        <form
          className="row wrap"
          onSubmit={(e) => {
            e.preventDefault();
            void rename();
          }}
        >
          <div className="field">
            <label htmlFor={`name-${ticket.id}`}>Name on the ticket</label>
            <input id={`name-${ticket.id}`} value={name} maxLength={120} required onChange={(e) => setName(e.target.value)} />
          </div>
          <BusyButton type="submit" busy={busy}>
            Save name
          </BusyButton>
          <button type="button" className="button button-secondary" onClick={() => setEditing(false)}>
            Keep it
          </button>
        </form>
      )}
      <ErrorMessage message={error} />
    </div>
  );
}

const HISTORY_TEXT: Record<OrderHistoryEntry['kind'], string> = {
  placed: 'Order placed',
  paid: 'Paid',
  payment_failed: 'Payment refused',
  refunded: 'Refunded',
};

function HistorySection({ history, timeZone }: { history: OrderHistory; timeZone: string }) {
  return (
    <section aria-labelledby="history-heading">
      <h2 id="history-heading">Payments and refunds</h2>
      <ol className="stack" data-testid="order-history">
        {history.items.map((entry, index) => (
          <li key={index}>
            <strong>{HISTORY_TEXT[entry.kind]}</strong> {formatMoney(entry.amountCents, history.currency)} · {formatInstantIn(entry.at, timeZone)}
            {entry.kind === 'refunded' && (
              <>
                {' '}
                · {entry.ticketIds.length} ticket{entry.ticketIds.length === 1 ? '' : 's'} by the {entry.by}
                {entry.reason && <> · “{entry.reason}”</>}
              </>
            )}
            {entry.kind === 'payment_failed' && <> · {entry.error.replace(/_/g, ' ')}</>}
          </li>
        ))}
      </ol>
    </section>
  );
}
