import { useEffect } from 'react';
import { Link } from 'react-router';
import { api, ok } from '../api/client.js';
import type { Registration } from '../api/shapes.js';
import { formatMoney } from '../format.js';
import { useAction } from '../hooks.js';
import { BusyButton, ErrorMessage } from './Feedback.js';

/** How often the return page asks whether the gateway's confirmation has landed. */
const CONFIRMING_POLL_MS = 2000;

/**
 * Pays on the gateway's own page (Stripe Checkout): a top-level navigation, so no gateway script
 * runs here and the page's CSP stays strict. The server sets the amount.
 */
export function HostedPayButton({ registration, intentId }: { registration: Registration; intentId: string }) {
  const { busy, error, run } = useAction();
  async function pay() {
    const session = await run(() => ok(api.POST('/api/payment-intents/{id}/checkout-session', { params: { path: { id: intentId } } })));
    if (session) window.location.assign(session.url);
  }
  return (
    <section className="card stack" aria-labelledby="pay-heading">
      <h2 id="pay-heading">Pay</h2>
      <p className="hint">You pay on Stripe&apos;s secure page and come back here; your card details never reach Ticketbooth.</p>
      <ErrorMessage message={error} />
      <BusyButton busy={busy} type="button" onClick={() => void pay()}>
        Pay {formatMoney(registration.amountCents, registration.currency)} on Stripe
      </BusyButton>
    </section>
  );
}

/** Back from the gateway's page: the payment is confirmed when its webhook lands, so keep asking. */
export function ConfirmingPayment({ reload }: { reload: () => void }) {
  useEffect(() => {
    const timer = setInterval(reload, CONFIRMING_POLL_MS);
    return () => clearInterval(timer);
  }, [reload]);
  return (
    <p className="alert" role="status" data-testid="confirming">
      Confirming your payment… Your tickets appear here as soon as Stripe confirms it.
    </p>
  );
}

/** The tickets of a registration just confirmed. */
export function PaidTickets({ registration }: { registration: Registration }) {
  return (
    <section className="card stack" aria-labelledby="paid-heading">
      <h2 id="paid-heading">Paid: your tickets</h2>
      <ul>
        {registration.tickets.map((ticket) => (
          <li key={ticket.id} data-testid="paid-ticket">
            {ticket.attendeeName} · {ticket.ticketTypeName}
          </li>
        ))}
      </ul>
      <p>
        They are on their way to your mailbox too. <Link to="/tickets">See my tickets</Link>
      </p>
    </section>
  );
}
