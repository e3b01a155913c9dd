import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { api, ok } from '../api/client.js';
import { ApiError } from '../api/errors.js';
import type { TicketEvent } from '../api/shapes.js';
import { BusyButton, ErrorMessage, Loading } from '../components/Feedback.js';
import { formatEventWhen } from '@ticketbooth/core/when';
import { formatMoney, formatPrice } from '../format.js';
import { useAction, useLoad, usePageTitle } from '../hooks.js';
import { nextQuery } from '../returnPath.js';
import { useSession } from '../session.js';
import { MAX_TICKETS_PER_REGISTRATION } from '@ticketbooth/core/registration';
import { cancellationPolicy } from '../eventPolicy.js';
import { WaitlistPanel } from '../components/WaitlistPanel.js';
import { PromoCodeField } from '../components/PromoCodeField.js';
import type { Quote } from '../api/shapes.js';
import { EventImage } from '../components/EventImage.js';
const REFRESH_SPOTS_MS = 15_000;

export function EventPage() {
  const { id = '' } = useParams();
  const { data: event, error, reload } = useLoad(() => ok(api.GET('/api/events/{id}', { params: { path: { id } } })), [id]);
  usePageTitle(event?.name);

  // Spots remaining stay live while the page is open.
  useEffect(() => {
    const timer = setInterval(reload, REFRESH_SPOTS_MS);
    return () => clearInterval(timer);
  }, [reload]);

  if (error) {
    return (
      <main className="page narrow" id="main">
        <h1>Event</h1>
        <ErrorMessage message={error} />
        <p>
          <Link to="/">See upcoming events</Link>
        </p>
      </main>
    );
  }
  if (!event) return <main className="page narrow" id="main"><Loading what="the event" /></main>;
  return (
    <main className="page narrow" id="main">
      {/* The page's main picture: loaded at once, not lazily (it is above the fold). */}
      <EventImage image={event.image} className="event-page-image" sizes="(min-width: 760px) 720px, 100vw" eager />
      <p className="eyebrow">{event.category}</p>
      <h1>{event.name}</h1>
      {event.status === 'cancelled' && <p className="alert alert-error">This event was cancelled. {event.cancelReason}</p>}
      {event.status === 'draft' && <p className="alert">Draft: only you can see this page until it is published.</p>}
      <dl className="facts">
        <dt>When</dt>
        <dd>
          <time dateTime={event.startsAt} data-testid="event-when">{formatEventWhen(event)}</time>
        </dd>
        <dt>Where</dt>
        <dd>{event.location}</dd>
        <dt>Spots remaining</dt>
        <dd aria-live="polite" data-testid="spots-remaining">
          {event.spotsRemaining <= 0 ? 'Sold out' : `${event.spotsRemaining} of ${event.capacity}`}
        </dd>
        <dt>Cancellation</dt>
        <dd>{cancellationPolicy(event.attendeeCancellationCutoffHours)}</dd>
      </dl>
      <section aria-labelledby="about-heading">
        <h2 id="about-heading">About</h2>
        <p className="description">{event.description || 'No description yet.'}</p>
      </section>
      {/* A cancelled event sells nothing: no pickers, the notice above says why. */}
      {event.status !== 'cancelled' && <RegisterForm event={event} />}
      <WaitlistPanel event={event} />
    </main>
  );
}

function RegisterForm({ event }: { event: TicketEvent }) {
  const { user } = useSession();
  const navigate = useNavigate();
  const [quantities, setQuantities] = useState<Record<string, number>>({});
  // The server's price with the applied promo code, for the quantities it was asked with.
  const [quote, setQuote] = useState<Quote | null>(null);
  const { busy, error, setError, run } = useAction();
  // One key per attempt: a double click or retried request cannot register twice.
  const idempotencyKey = useRef(crypto.randomUUID());

  const total = event.ticketTypes.reduce((sum, t) => sum + t.priceCents * (quantities[t.id] ?? 0), 0);
  const count = Object.values(quantities).reduce((a, b) => a + b, 0);
  const onSale = event.status === 'published';
  // An organizer account cannot register (the notice below says so): no pickers that lead nowhere.
  const canPick = onSale && user?.role !== 'organizer';
  const soldOut = event.spotsRemaining <= 0;
  // One request carries at most the per-registration limit, and never more than one account may hold.
  const perOrder = Math.min(MAX_TICKETS_PER_REGISTRATION, event.maxTicketsPerAccount);
  const lines = Object.entries(quantities)
    .filter(([, quantity]) => quantity > 0)
    .map(([ticketTypeId, quantity]) => ({ ticketTypeId, quantity }));

  async function register(e: FormEvent) {
    e.preventDefault();
    if (count === 0) return setError('Choose at least one ticket.');
    if (count > perOrder) return setError(`You can register at most ${perOrder} ticket${perOrder === 1 ? '' : 's'} at once.`);
    const destination = await run(async () => {
      try {
        const registration = await ok(
          api.POST('/api/events/{id}/registrations', {
            params: { path: { id: event.id }, header: { 'Idempotency-Key': idempotencyKey.current } },
            body: { lines, ...(quote?.promoCode ? { promoCode: quote.promoCode } : {}) },
          }),
        );
        return registration.status === 'confirmed' ? '/tickets' : `/checkout/${registration.id}`;
      } catch (err) {
        // One pending registration per event (back button, second tab): lead to it, not to an error.
        const held = pendingRegistrationOf(err);
        if (held) return `/checkout/${encodeURIComponent(held)}?existing=1`;
        throw err;
      }
    });
    if (!destination) return;
    idempotencyKey.current = crypto.randomUUID();
    navigate(destination);
  }

  return (
    <section aria-labelledby="tickets-heading" className="card">
      <h2 id="tickets-heading">Tickets</h2>
      <form onSubmit={register}>
        <table className="table tickets-table">
          <thead>
            <tr>
              <th scope="col">Ticket</th>
              <th scope="col" className="num">Price</th>
              <th scope="col" className="num">Left</th>
              <th scope="col">Quantity</th>
            </tr>
          </thead>
          <tbody>
            {event.ticketTypes.map((t) => {
              const max = Math.min(perOrder, t.spotsRemaining, event.spotsRemaining);
              return (
                <tr key={t.id}>
                  <th scope="row">{t.name}</th>
                  <td className="num">{formatPrice(t.priceCents, event.currency)}</td>
                  <td className="num">{t.spotsRemaining}</td>
                  <td>
                    {max <= 0 ? (
                      'Sold out'
                    ) : (
                      <>
                        <label className="visually-hidden" htmlFor={`qty-${t.id}`}>
                          Quantity of {t.name}
                        </label>
                        <select
                          id={`qty-${t.id}`}
                          value={quantities[t.id] ?? 0}
                          disabled={!canPick}
                          onChange={(e) => {
                            setQuantities({ ...quantities, [t.id]: Number(e.target.value) });
                            setQuote(null);
                          }}
                        >
                          {Array.from({ length: max + 1 }, (_, n) => (
                            <option key={n} value={n}>
                              {n}
                            </option>
                          ))}
                        </select>
                      </>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
        <p className="muted" data-testid="per-account-limit">
          Up to {event.maxTicketsPerAccount} ticket{event.maxTicketsPerAccount === 1 ? '' : 's'} per account for this event
          {perOrder < event.maxTicketsPerAccount ? `, at most ${perOrder} in one order` : ''}.
        </p>
        {user?.role === 'attendee' && onSale && !soldOut && <PromoCodeField eventId={event.id} lines={lines} quote={quote} onQuote={setQuote} />}
        <p className="total" aria-live="polite">
          Total: <strong data-testid="order-total">{formatMoney(quote ? quote.amountCents : total, event.currency)}</strong>
          {count > 0 && ` for ${count} ticket${count === 1 ? '' : 's'}`}
        </p>
        <ErrorMessage message={error} />
        {!onSale ? (
          <p className="muted">Tickets are not on sale.</p>
        ) : soldOut ? (
          <p className="alert">Sold out: every spot is taken.</p>
        ) : user === null ? (
          <p className="row wrap">
            <Link className="button" to={`/login${nextQuery(`/events/${event.id}`)}`}>
              Log in to register
            </Link>
            <Link className="button button-secondary" to={`/signup${nextQuery(`/events/${event.id}`)}`}>
              Sign up
            </Link>
          </p>
        ) : user?.role === 'organizer' ? (
          <p className="muted">Organizer accounts cannot register. Use an attendee account.</p>
        ) : (
          <BusyButton busy={busy} disabled={count === 0}>
            Register
          </BusyButton>
        )}
      </form>
    </section>
  );
}

/** The registration awaiting payment that a 409 hold_exists points to. */
function pendingRegistrationOf(error: unknown): string | null {
  if (!(error instanceof ApiError) || error.code !== 'hold_exists') return null;
  const id = (error.details as { registrationId?: unknown } | undefined)?.registrationId;
  return typeof id === 'string' ? id : null;
}
