import { api, ok } from '../api/client.js';
import { ErrorMessage } from './Feedback.js';
import { formatInstantIn } from '@ticketbooth/core/when';
import { useLoad } from '../hooks.js';

/** The organizer's view of an event's waiting list: how many wait, for how many spots, in order. */
export function WaitlistSection({ eventId, timeZone }: { eventId: string; timeZone: string }) {
  const { data, error } = useLoad(() => ok(api.GET('/api/events/{id}/waitlist', { params: { path: { id: eventId } } })), [eventId]);
  return (
    <section aria-labelledby="waitlist-heading">
      <h2 id="waitlist-heading">Waiting list</h2>
      <ErrorMessage message={error} />
      {data && (
        <>
          <p data-testid="waitlist-summary">
            {data.count === 0
              ? 'Nobody is waiting.'
              : `${data.count} waiting: ${data.waitingQuantity} spot${data.waitingQuantity === 1 ? '' : 's'} wanted, ${data.offeredQuantity} held for offers.`}
          </p>
          {data.count > 0 && (
            <div className="table-scroll" tabIndex={0} role="region" aria-label="Waiting list table">
              <table className="table">
                <thead>
                  <tr>
                    <th scope="col">#</th>
                    <th scope="col">Name</th>
                    <th scope="col">Email</th>
                    <th scope="col">Tickets</th>
                    <th scope="col">Status</th>
                  </tr>
                </thead>
                <tbody>
                  {data.items.map((e) => (
                    <tr key={e.id}>
                      <td>{e.position}</td>
                      <td>{e.attendeeName}</td>
                      <td>{e.attendeeEmail}</td>
                      <td>{e.quantity}</td>
                      <td>{e.offer ? `offered until ${formatInstantIn(e.offer.expiresAt, timeZone)}` : 'waiting'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
    </section>
  );
}
