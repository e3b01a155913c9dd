import { useNavigate, useParams } from 'react-router';
import { api, ok } from '../api/client.js';
import { BusyButton, ErrorMessage, Loading } from '../components/Feedback.js';
import { formatInstantIn } from '@ticketbooth/core/when';
import { useAction, useLoad, usePageTitle } from '../hooks.js';

/** The offer mail's link: the spots held for this attendee, claimed as a registration (then paid as usual). */
export function WaitlistOfferPage() {
  const { offerId = '' } = useParams();
  const navigate = useNavigate();
  usePageTitle('Your waiting-list offer');
  const { data, error } = useLoad(async () => {
    const entry = (await ok(api.GET('/api/me/waitlist'))).items.find((e) => e.offer?.id === offerId) ?? null;
    const event = entry ? await ok(api.GET('/api/events/{id}', { params: { path: { id: entry.eventId } } })) : null;
    return { entry, event };
  }, [offerId]);
  const { busy, error: claimError, run } = useAction();

  async function claim() {
    const registration = await run(() => ok(api.POST('/api/waitlist-offers/{id}/claim', { params: { path: { id: offerId } } })));
    if (registration) navigate(registration.status === 'confirmed' ? '/tickets' : `/checkout/${encodeURIComponent(registration.id)}`);
  }

  return (
    <main className="page narrow" id="main">
      <h1>Your waiting-list offer</h1>
      <ErrorMessage message={error} />
      {!data && !error && <Loading what="your offer" />}
      {data?.entry?.offer && data.event ? (
        <p data-testid="offer-details">
          {data.entry.quantity} ticket{data.entry.quantity === 1 ? '' : 's'} for <strong>{data.event.name}</strong> {data.entry.quantity === 1 ? 'is' : 'are'} held for you until{' '}
          {formatInstantIn(data.entry.offer.expiresAt, data.event.timezone)}. Claim to register; a paid ticket is then paid as usual.
        </p>
      ) : (
        data && <p className="muted">This offer is not among your open ones: it may have been claimed already, or its time ran out.</p>
      )}
      <ErrorMessage message={claimError} />
      <p>
        <BusyButton type="button" busy={busy} onClick={claim}>
          Claim spots
        </BusyButton>
      </p>
    </main>
  );
}
