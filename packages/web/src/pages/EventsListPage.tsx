import { useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import { ok, publicApi } from '../api/client.js';
import { CATEGORIES } from '../categories.js';
import { EventCard } from '../components/EventCard.js';
import { ErrorMessage, Loading } from '../components/Feedback.js';
import { useLoad, usePageTitle } from '../hooks.js';

/** Upcoming published events, filtered by the query string so filters survive reload and sharing. */
export function EventsListPage() {
  const [params, setParams] = useSearchParams();
  usePageTitle('Upcoming events');
  const q = params.get('q') ?? '';
  const category = params.get('category') ?? '';
  const from = params.get('from') ?? '';
  const to = params.get('to') ?? '';
  const [draft, setDraft] = useState({ q, category, from, to });

  const { data, error } = useLoad(() => {
    // Empty filters are left out (the client drops undefined values).
    const query = {
      limit: 50,
      q: q || undefined,
      category: category || undefined,
      // Calendar days: the server reads each event's start on the event's own wall clock.
      from: from || undefined,
      to: to || undefined,
    };
    return ok(publicApi.GET('/api/events', { params: { query } }));
  }, [q, category, from, to]);

  function applyFilters(e: FormEvent) {
    e.preventDefault();
    const next = new URLSearchParams();
    for (const [key, value] of Object.entries(draft)) if (value) next.set(key, value);
    setParams(next);
  }

  return (
    <main className="page" id="main">
      <h1>Upcoming events</h1>
      <form className="filters" role="search" onSubmit={applyFilters}>
        <div className="field grow">
          <label htmlFor="search-q">Search</label>
          <input id="search-q" type="search" value={draft.q} placeholder="Name, place or description" onChange={(e) => setDraft({ ...draft, q: e.target.value })} />
        </div>
        <div className="field">
          <label htmlFor="search-category">Category</label>
          <select id="search-category" value={draft.category} onChange={(e) => setDraft({ ...draft, category: e.target.value })}>
            <option value="">Any category</option>
            {CATEGORIES.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="search-from">From</label>
          <input id="search-from" type="date" value={draft.from} onChange={(e) => setDraft({ ...draft, from: e.target.value })} />
        </div>
        <div className="field">
          <label htmlFor="search-to">To</label>
          <input id="search-to" type="date" value={draft.to} onChange={(e) => setDraft({ ...draft, to: e.target.value })} />
        </div>
        <button type="submit" className="button">
          Search
        </button>
      </form>
      <ErrorMessage message={error} />
      {!data && !error && <Loading what="events" />}
      {data && (
        <>
          <p role="status" aria-live="polite" className="muted">
            {data.items.length === 0 ? 'No events match. Try fewer filters.' : `${data.items.length} event${data.items.length === 1 ? '' : 's'}`}
          </p>
          <ul className="card-grid">
            {data.items.map((event) => (
              <EventCard key={event.id} event={event} />
            ))}
          </ul>
        </>
      )}
    </main>
  );
}
