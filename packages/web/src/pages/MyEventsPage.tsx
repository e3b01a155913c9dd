import { Link } from 'react-router';
import { api, ok } from '../api/client.js';
import type { EventStatus } from '../api/shapes.js';
import { ErrorMessage, Loading } from '../components/Feedback.js';
import { formatEventWhen } from '@ticketbooth/core/when';
import { useLoad, usePageTitle } from '../hooks.js';
import { byDateForOrganizer } from '../organizerOrder.js';

const GROUPS: { status: EventStatus; title: string }[] = [
  { status: 'published', title: 'Published' },
  { status: 'draft', title: 'Drafts' },
  { status: 'cancelled', title: 'Cancelled' },
];

export function MyEventsPage() {
  const { data, error } = useLoad(() => ok(api.GET('/api/organizer/events', { params: { query: { limit: 100 } } })), []);
  usePageTitle('My events');
  return (
    <main className="page" id="main">
      <div className="page-heading">
        <h1>My events</h1>
        <Link className="button" to="/organizer/new">
          Create event
        </Link>
      </div>
      <ErrorMessage message={error} />
      {!data && !error && <Loading what="your events" />}
      {data && data.items.length === 0 && <p>No events yet. Create your first one.</p>}
      {data &&
        GROUPS.map(({ status, title }) => {
          const events = byDateForOrganizer(data.items.filter((e) => e.status === status), new Date());
          if (events.length === 0) return null;
          return (
            <section key={status} aria-labelledby={`group-${status}`}>
              <h2 id={`group-${status}`}>{title}</h2>
              <ul className="card-grid">
                {events.map((event) => (
                  <li key={event.id} className="card">
                    <h3 className="card-title">
                      <Link to={`/organizer/events/${event.id}`}>{event.name}</Link>
                    </h3>
                    <p>{formatEventWhen(event)}</p>
                    <p className="muted">
                      {event.sold} sold of {event.capacity}
                    </p>
                    <p className="row wrap">
                      <Link to={`/organizer/events/${event.id}/edit`}>Edit</Link>
                      {status === 'published' && <Link to={`/organizer/events/${event.id}/scan`}>Door scanner</Link>}
                    </p>
                  </li>
                ))}
              </ul>
            </section>
          );
        })}
    </main>
  );
}
