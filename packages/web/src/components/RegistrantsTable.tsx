import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import type { Registrant } from '../api/shapes.js';
import { formatWallClock } from '@ticketbooth/core/when';
import { formatMoney } from '../format.js';

type SortKey = 'attendeeName' | 'attendeeEmail' | 'quantity' | 'amountCents' | 'status' | 'createdAt' | 'checkedIn';

const COLUMNS: { key: SortKey; label: string }[] = [
  { key: 'attendeeName', label: 'Name' },
  { key: 'attendeeEmail', label: 'Email' },
  { key: 'quantity', label: 'Tickets' },
  { key: 'amountCents', label: 'Paid' },
  { key: 'status', label: 'Status' },
  { key: 'checkedIn', label: 'Checked in' },
  { key: 'createdAt', label: 'Registered' },
];

/** Registrants with a text filter and sortable columns (sort buttons in the headers); a name opens the order. */
export function RegistrantsTable({ registrants, timeZone, eventId }: { registrants: Registrant[]; timeZone: string; eventId: string }) {
  const [query, setQuery] = useState('');
  const [sort, setSort] = useState<{ key: SortKey; ascending: boolean }>({ key: 'createdAt', ascending: false });

  const rows = useMemo(() => {
    const q = query.trim().toLowerCase();
    const filtered = q
      ? registrants.filter((r) => `${r.attendeeName} ${r.attendeeEmail} ${r.ticketTypes.map((t) => t.name).join(' ')}`.toLowerCase().includes(q))
      : registrants;
    const direction = sort.ascending ? 1 : -1;
    return [...filtered].sort((a, b) => {
      const x = a[sort.key];
      const y = b[sort.key];
      return (typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y))) * direction;
    });
  }, [registrants, query, sort]);

  return (
    <div className="stack">
      <div className="field">
        <label htmlFor="registrant-search">Search registrants</label>
        <input id="registrant-search" type="search" value={query} onChange={(e) => setQuery(e.target.value)} placeholder="Name, email or ticket type" />
      </div>
      <p role="status" aria-live="polite" className="muted">
        {rows.length} of {registrants.length} registrations; times in {timeZone}
      </p>
      <div className="table-scroll" tabIndex={0} role="region" aria-label="Registrants table">
        <table className="table registrants-table">
          <thead>
            <tr>
              {COLUMNS.map((c) => {
                const active = sort.key === c.key;
                return (
                  <th key={c.key} scope="col" aria-sort={active ? (sort.ascending ? 'ascending' : 'descending') : undefined}>
                    <button
                      type="button"
                      className="sort-button"
                      onClick={() => setSort({ key: c.key, ascending: active ? !sort.ascending : true })}
                    >
                      {c.label}
                      <span aria-hidden="true">{active ? (sort.ascending ? ' ▲' : ' ▼') : ''}</span>
                    </button>
                  </th>
                );
              })}
            </tr>
          </thead>
          <tbody>
            {rows.length === 0 && (
              <tr>
                <td colSpan={COLUMNS.length}>{registrants.length === 0 ? 'No registrations yet.' : 'No registrant matches the search.'}</td>
              </tr>
            )}
            {rows.map((r) => (
              <tr key={r.registrationId}>
                <td>
                  <Link to={`/organizer/events/${eventId}/orders/${r.registrationId}`}>{r.attendeeName}</Link>
                </td>
                <td>{r.attendeeEmail}</td>
                <td>{r.ticketTypes.map((t) => `${t.quantity}× ${t.name}`).join(', ')}</td>
                <td className="num">{formatMoney(r.amountCents, r.currency)}</td>
                <td>{r.status.replace('_', ' ')}</td>
                <td>{r.checkedIn}</td>
                <td>{formatWallClock(r.createdAt, timeZone)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
