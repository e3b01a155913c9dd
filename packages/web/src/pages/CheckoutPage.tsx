import { useRef, useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { api, ok } from '../api/client.js';
import type { Registration, TicketEvent } from '../api/shapes.js';
import { Countdown } from '../components/Countdown.js';
import { ConfirmingPayment, HostedPayButton, PaidTickets } from '../components/HostedCheckout.js';
import { BusyButton, ErrorMessage, Loading, StatusMessage } from '../components/Feedback.js';
import { formatEventWhen } from '@ticketbooth/core/when';
import { formatMoney } from '../format.js';
import { parseCardExpiry } from '../cardExpiry.js';
import { useAction, useLoad, usePageTitle } from '../hooks.js';

interface Order {
  registration: Registration;
  event: TicketEvent;
}

export function CheckoutPage() {
  const { registrationId = '' } = useParams();
  const [params] = useSearchParams();
  usePageTitle('Checkout');
  const { data, error, reload } = useLoad(async (): Promise<Order> => {
    const registration = await ok(api.GET('/api/registrations/{id}', { params: { path: { id: registrationId } } }));
    const event = await ok(api.GET('/api/events/{id}', { params: { path: { id: registration.eventId } } }));
    return { registration, event };
  }, [registrationId]);

  return (
    <main className="page narrow" id="main">
      <h1>Checkout</h1>
      <StatusMessage>{params.get('existing') && data?.registration.status === 'pending_payment' ? 'You already have this registration for the event awaiting payment: pay for it here, or cancel it in My tickets to choose again.' : ''}</StatusMessage>
      <ErrorMessage message={error} />
      {!data && !error && <Loading what="your order" />}
      {data && <Order order={data} returned={params.get('paid') === '1'} reload={reload} />}
    </main>
  );
}

function Order({ order: { registration, event }, returned, reload }: { order: Order; returned: boolean; reload: () => void }) {
  const [expired, setExpired] = useState(false);
  const typeName = (id: string) => event.ticketTypes.find((t) => t.id === id)?.name ?? 'Ticket';
  const priceOf = (id: string) => event.ticketTypes.find((t) => t.id === id)?.priceCents ?? 0;

  return (
    <>
      <section className="card" aria-labelledby="order-heading">
        <h2 id="order-heading">{event.name}</h2>
        <p>
          {formatEventWhen(event)} · {event.location}
        </p>
        <table className="table order-table">
          <thead>
            <tr>
              <th scope="col">Ticket</th>
              <th scope="col" className="num">Price</th>
              <th scope="col" className="num"><abbr title="Quantity">Qty</abbr></th>
              <th scope="col" className="num">Amount</th>
            </tr>
          </thead>
          <tbody>
            {registration.lines.map((line) => {
              const unit = line.unitPriceCents ?? priceOf(line.ticketTypeId);
              return (
                <tr key={line.ticketTypeId}>
                  <th scope="row">{typeName(line.ticketTypeId)}</th>
                  <td className="num" data-testid="unit-price">{formatMoney(unit, registration.currency)}</td>
                  <td className="num">{line.quantity}</td>
                  <td className="num" data-testid="line-amount">{formatMoney(unit * line.quantity, registration.currency)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
        <p className="total">
          Total: <strong data-testid="checkout-total">{formatMoney(registration.amountCents, registration.currency)}</strong>
        </p>
        {registration.status === 'pending_payment' && registration.holdExpiresAt && !expired && (
          <p data-testid="hold-notice">
            Your spots are held for <Countdown until={registration.holdExpiresAt} onExpire={() => setExpired(true)} />.
          </p>
        )}
      </section>
      {returned && registration.status === 'confirmed' ? (
        <PaidTickets registration={registration} />
      ) : returned && registration.status === 'pending_payment' ? (
        <ConfirmingPayment reload={reload} />
      ) : registration.status !== 'pending_payment' ? (
        <p className="alert">
          This registration is {registration.status.replace('_', ' ')}. <Link to="/tickets">See my tickets</Link>
        </p>
      ) : expired ? (
        <p className="alert alert-error" role="alert">
          The hold ran out and your spots were released. <Link to={`/events/${event.id}`}>Register again</Link>.
        </p>
      ) : (
        <PaymentForm registration={registration} />
      )}
    </>
  );
}

/** The payment intent tells which gateway is active: card fields here (mock) or Stripe's own page. */
function PaymentForm({ registration }: { registration: Registration }) {
  const { data: intent, error } = useLoad(
    () => ok(api.POST('/api/registrations/{id}/payment-intents', { params: { path: { id: registration.id } } })),
    [registration.id],
  );
  if (error) return <ErrorMessage message={error} />;
  if (!intent) return <Loading what="the payment" />;
  return intent.gateway === 'stripe' ? <HostedPayButton registration={registration} intentId={intent.id} /> : <CardForm registration={registration} />;
}

function CardForm({ registration }: { registration: Registration }) {
  const navigate = useNavigate();
  const [card, setCard] = useState({ number: '', expiry: '', cvc: '' });
  const intentId = useRef<string | null>(null);
  const { busy, error, setError, run } = useAction();

  async function pay(e: FormEvent) {
    e.preventDefault();
    const expiry = parseCardExpiry(card.expiry);
    if ('error' in expiry) return setError(expiry.error);
    const { expMonth, expYear } = expiry;
    const number = card.number.replace(/[\s-]/g, '');
    if (!/^\d{12,19}$/.test(number)) return setError('Enter the card number: 12 to 19 digits.');
    if (!/^\d{3,4}$/.test(card.cvc)) return setError('Enter the 3 or 4 digit security code (CVC).');

    const paid = await run(async () => {
      intentId.current ??= (await ok(api.POST('/api/registrations/{id}/payment-intents', { params: { path: { id: registration.id } } }))).id;
      // A new key per attempt: each card try is a different request, a network retry is not.
      return ok(
        api.POST('/api/payment-intents/{id}/confirm', {
          params: { path: { id: intentId.current }, header: { 'Idempotency-Key': crypto.randomUUID() } },
          body: { card: { number, expMonth, expYear, cvc: card.cvc } },
        }),
      );
    });
    if (paid?.status === 'succeeded') navigate('/tickets?paid=1');
  }

  return (
    <form className="card stack" onSubmit={pay} aria-labelledby="pay-heading">
      <h2 id="pay-heading">Pay by card</h2>
      <p className="hint" id="test-card-hint">
        Test mode: use card <strong className="card-number">4242 4242 4242 4242</strong>, any future expiry and any CVC. <span className="card-number">4000 0000 0000 0002</span> is declined.
      </p>
      <div className="field">
        <label htmlFor="card-number">Card number</label>
        <input
          id="card-number"
          inputMode="numeric"
          autoComplete="cc-number"
          required
          aria-describedby="test-card-hint"
          value={card.number}
          onChange={(e) => setCard({ ...card, number: e.target.value })}
        />
      </div>
      <div className="row">
        <div className="field">
          <label htmlFor="card-expiry">Expiry (MM/YY)</label>
          <input id="card-expiry" inputMode="numeric" autoComplete="cc-exp" required placeholder="12/30" value={card.expiry} onChange={(e) => setCard({ ...card, expiry: e.target.value })} />
        </div>
        <div className="field">
          <label htmlFor="card-cvc">CVC</label>
          <input id="card-cvc" inputMode="numeric" autoComplete="cc-csc" required maxLength={4} value={card.cvc} onChange={(e) => setCard({ ...card, cvc: e.target.value })} />
        </div>
      </div>
      <ErrorMessage message={error} />
      <BusyButton busy={busy}>Pay {formatMoney(registration.amountCents, registration.currency)}</BusyButton>
    </form>
  );
}
