import { useEffect, useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import { ok, publicApi } from '../api/client.js';
import { CATEGORIES } from '../categories.js';
import { EventCard } from '../components/EventCard.js';
import { ErrorMessage, Loading } from '../components/Feedback.js';
import { useLoad, usePageTitle } from '../hooks.js';
import { listingFilters, type ListingFilters } from '../listingFilters.js';

/** Typing settles for this long before the list follows it. */
const TYPING_PAUSE_MS = 300;

/**
 * Upcoming published events. Phone first: the search box and a row of category chips on top,
 * dates behind "Filters"; the list follows every change (typing after a pause), and the filters
 * live in the query string so they survive reload and sharing.
 */
export function EventsListPage() {
  const [params, setParams] = useSearchParams();
  usePageTitle('Upcoming events');
  const filters = listingFilters(params);
  const { q, category, from, to } = filters;
  const [text, setText] = useState(q);
  const [datesOpen, setDatesOpen] = useState(Boolean(from || to));

  const apply = (patch: Partial<ListingFilters>) => {
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        for (const [key, value] of Object.entries(patch)) {
          if (value) next.set(key, value);
          else next.delete(key);
        }
        return next;
      },
      { replace: true },
    );
  };

  // The text box leads; the address follows once typing pauses.
  useEffect(() => {
    if (text.trim() === q) return;
    const timer = setTimeout(() => apply({ q: text.trim() }), TYPING_PAUSE_MS);
    return () => clearTimeout(timer);
  }, [text, q]);

  const { data, error } = useLoad(() => {
    // A reversed range matches nothing by definition: say why instead of asking the server.
    if (filters.reversed) return Promise.resolve(null);
    const query = { limit: 50, q: q || undefined, category: category || undefined, from: from || undefined, to: to || undefined };
    return ok(publicApi.GET('/api/events', { params: { query } }));
  }, [q, category, from, to]);

  function searchNow(e: FormEvent) {
    e.preventDefault();
    apply({ q: text.trim() });
  }

  const datesSet = Number(Boolean(from)) + Number(Boolean(to));
  return (
    <main className="page" id="main">
      <h1 className="listing-title">Upcoming events</h1>
      <form className="listing-filters" role="search" onSubmit={searchNow}>
        <div className="search-row">
          <label htmlFor="search-q" className="visually-hidden">
            Search
          </label>
          <input id="search-q" type="search" value={text} placeholder="Event or place…" enterKeyHint="search" onChange={(e) => setText(e.target.value)} />
          <button type="submit" className="button">
            Search
          </button>
          <button
            type="button"
            className="button button-secondary"
            aria-expanded={datesOpen}
            aria-controls="date-filters"
            onClick={() => setDatesOpen(!datesOpen)}
          >
            Filters{datesSet > 0 ? ` (${datesSet})` : ''}
          </button>
        </div>
        <div className="chips" role="group" aria-label="Category">
          {['', ...CATEGORIES].map((c) => (
            <button key={c || 'all'} type="button" className="chip" aria-pressed={category.toLowerCase() === c.toLowerCase()} onClick={() => apply({ category: c })}>
              {c || 'All'}
            </button>
          ))}
        </div>
        {datesOpen && (
          <div id="date-filters" className="row wrap date-filters">
            <div className="field">
              <label htmlFor="search-from">From</label>
              <input id="search-from" type="date" value={from} max={to || undefined} onChange={(e) => apply({ from: e.target.value })} />
            </div>
            <div className="field">
              <label htmlFor="search-to">To</label>
              <input id="search-to" type="date" value={to} min={from || undefined} onChange={(e) => apply({ to: e.target.value })} />
            </div>
            {datesSet > 0 && (
              <button type="button" className="link-button" onClick={() => apply({ from: '', to: '' })}>
                Clear dates
              </button>
            )}
          </div>
        )}
      </form>
      <ErrorMessage message={error} />
      {filters.reversed ? (
        <p role="status" className="alert">
          The “To” date ({to}) is before the “From” date ({from}), so no event can match.{' '}
          <button type="button" className="link-button" onClick={() => apply({ from: to, to: from })}>
            Swap the dates
          </button>
        </p>
      ) : (
        <>
          {data === undefined && !error && <Loading what="events" />}
          {data && (
            <p role="status" aria-live="polite" className="muted">
              {data.items.length === 0 ? 'No events match. Try another word, category or date.' : `${data.items.length} event${data.items.length === 1 ? '' : 's'}`}
            </p>
          )}
        </>
      )}
      {data && (
        <ul className="card-grid">
          {data.items.map((event) => (
            <EventCard key={event.id} event={event} />
          ))}
        </ul>
      )}
    </main>
  );
}
