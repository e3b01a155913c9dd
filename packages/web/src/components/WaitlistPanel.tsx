import { useEffect, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { api, ok } from '../api/client.js';
import type { TicketEvent, WaitlistEntry } from '../api/shapes.js';
import { BusyButton, ErrorMessage } from './Feedback.js';
import { formatInstantIn } from '@ticketbooth/core/when';
import { MAX_TICKETS_PER_REGISTRATION } from '@ticketbooth/core/registration';
import { useAction, useLoad } from '../hooks.js';
import { nextQuery } from '../returnPath.js';
import { useSession } from '../session.js';

const REFRESH_POSITION_MS = 15_000;

/** On a sold-out event (or ticket type): join its waiting list, see where you stand, claim an offer. */
export function WaitlistPanel({ event }: { event: TicketEvent }) {
  const { user } = useSession();
  const soldOut = event.ticketTypes.filter((t) => t.spotsRemaining <= 0);
  if (event.status !== 'published' || soldOut.length === 0 || user?.role === 'organizer') return null;
  return (
    <section aria-labelledby="waitlist-heading" className="card">
      <h2 id="waitlist-heading">Waiting list</h2>
      {user ? (
        <YourPlace event={event} soldOut={soldOut} />
      ) : (
        <p>
          <Link to={`/login${nextQuery(`/events/${event.id}`)}`}>Log in</Link> to join the waiting list: when spots come back, they are offered to the list in order.
        </p>
      )}
    </section>
  );
}

function YourPlace({ event, soldOut }: { event: TicketEvent; soldOut: TicketEvent['ticketTypes'] }) {
  const { data, error, reload } = useLoad(() => ok(api.GET('/api/me/waitlist')), []);
  const { busy, error: actionError, run } = useAction();
  useEffect(() => {
    const timer = setInterval(reload, REFRESH_POSITION_MS);
    return () => clearInterval(timer);
  }, [reload]);

  const entry = data?.items.find((e) => e.eventId === event.id);
  async function leave() {
    if (await run(() => ok(api.DELETE('/api/events/{id}/waitlist', { params: { path: { id: event.id } } })).then(() => true))) reload();
  }
  if (!data) return <ErrorMessage message={error} />;
  if (!entry) return <JoinForm event={event} soldOut={soldOut} onJoined={reload} />;
  return (
    <div className="stack">
      <Place entry={entry} event={event} />
      <ErrorMessage message={actionError} />
      <p>
        <BusyButton type="button" className="button button-secondary" busy={busy} onClick={leave}>
          Leave the waiting list
        </BusyButton>
      </p>
    </div>
  );
}

function Place({ entry, event }: { entry: WaitlistEntry; event: TicketEvent }) {
  const tickets = `${entry.quantity} ticket${entry.quantity === 1 ? '' : 's'}`;
  if (entry.offer) {
    return (
      <p className="alert alert-ok" data-testid="waitlist-offer">
        {tickets} {entry.quantity === 1 ? 'is' : 'are'} held for you until {formatInstantIn(entry.offer.expiresAt, event.timezone)}.{' '}
        <Link className="button" to={`/waitlist-offers/${encodeURIComponent(entry.offer.id)}`}>
          Claim your spots
        </Link>
      </p>
    );
  }
  return (
    <p aria-live="polite" data-testid="waitlist-position">
      You are number {entry.position} on the waiting list, for {tickets}. We mail you when spots are held for you.
    </p>
  );
}

function JoinForm({ event, soldOut, onJoined }: { event: TicketEvent; soldOut: TicketEvent['ticketTypes']; onJoined: () => void }) {
  const [ticketTypeId, setTicketTypeId] = useState(soldOut[0]!.id);
  const [quantity, setQuantity] = useState(1);
  const { busy, error, run } = useAction();
  const most = Math.min(MAX_TICKETS_PER_REGISTRATION, event.maxTicketsPerAccount);

  async function join(e: FormEvent) {
    e.preventDefault();
    const joined = await run(() => ok(api.POST('/api/events/{id}/waitlist', { params: { path: { id: event.id } }, body: { quantity, ticketTypeId } })));
    if (joined) onJoined();
  }

  return (
    <form onSubmit={join} className="stack">
      <p className="muted">When spots come back, the list is offered them in order, each offer held for 30 minutes.</p>
      <div className="row wrap">
        {soldOut.length > 1 && (
          <label>
            Ticket type{' '}
            <select value={ticketTypeId} onChange={(e) => setTicketTypeId(e.target.value)}>
              {soldOut.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.name}
                </option>
              ))}
            </select>
          </label>
        )}
        <label>
          Tickets wanted{' '}
          <select value={quantity} onChange={(e) => setQuantity(Number(e.target.value))}>
            {Array.from({ length: most }, (_, i) => (
              <option key={i + 1} value={i + 1}>
                {i + 1}
              </option>
            ))}
          </select>
        </label>
      </div>
      <ErrorMessage message={error} />
      <p>
        <BusyButton busy={busy}>Join waiting list</BusyButton>
      </p>
    </form>
  );
}
