import { useEffect, useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { api, ok } from '../api/client.js';
import type { CheckInConflict, CheckInList, CreatedScannerLink, ScannerLink, TicketEvent } from '../api/shapes.js';
import { ConfirmButton } from '../components/ConfirmButton.js';
import { BusyButton, ErrorMessage, Loading, StatusMessage } from '../components/Feedback.js';
import { QrCanvas } from '../components/QrCanvas.js';
import { TextField } from '../components/TextField.js';
import { formatInstantIn } from '@ticketbooth/core/when';
import { fromZonedInput } from '../format.js';
import { useAction, useLoad, usePageTitle } from '../hooks.js';

/** Counts and conflicts come from other doors: the page refreshes them on its own. */
const REFRESH_MS = 10_000;

interface DoorTeam {
  event: TicketEvent;
  lists: CheckInList[];
  links: ScannerLink[];
  conflicts: CheckInConflict[];
}

/** The organizer's door team: check-in lists, scanner links for volunteers, live counts, conflicts. */
export function DoorTeamPage() {
  const { id = '' } = useParams();
  const { data, error, reload } = useLoad(async (): Promise<DoorTeam> => {
    const path = { params: { path: { id } } };
    const [event, lists, links, conflicts] = await Promise.all([
      ok(api.GET('/api/events/{id}', path)),
      ok(api.GET('/api/events/{id}/checkin-lists', path)),
      ok(api.GET('/api/events/{id}/scanner-links', path)),
      ok(api.GET('/api/events/{id}/checkin-conflicts', path)),
    ]);
    return { event, lists: lists.items, links: links.items, conflicts: conflicts.items };
  }, [id]);
  usePageTitle(data ? `${data.event.name} door team` : 'Door team');

  useEffect(() => {
    const timer = setInterval(reload, REFRESH_MS);
    return () => clearInterval(timer);
  }, [reload]);

  if (!data) {
    return (
      <main className="page" id="main">
        <h1>Door team</h1>
        <ErrorMessage message={error} />
        {!error && <Loading what="the door team" />}
      </main>
    );
  }
  const { event, lists, links, conflicts } = data;
  return (
    <main className="page" id="main">
      <p className="eyebrow">
        <Link to={`/organizer/events/${event.id}`}>← {event.name}</Link>
      </p>
      <h1>Door team</h1>
      <ListsSection event={event} lists={lists} onChanged={reload} />
      <LinksSection event={event} lists={lists} links={links} onChanged={reload} />
      <ConflictsSection event={event} conflicts={conflicts} />
    </main>
  );
}

function ListsSection({ event, lists, onChanged }: { event: TicketEvent; lists: CheckInList[]; onChanged: () => void }) {
  const { busy, error, run } = useAction();
  const [name, setName] = useState('');
  const [types, setTypes] = useState<string[]>([]);
  const typeName = (typeId: string) => event.ticketTypes.find((t) => t.id === typeId)?.name ?? typeId;

  async function create(e: FormEvent) {
    e.preventDefault();
    const created = await run(() => ok(api.POST('/api/events/{id}/checkin-lists', { params: { path: { id: event.id } }, body: { name: name.trim(), ticketTypeIds: types } })));
    if (created) {
      setName('');
      setTypes([]);
      onChanged();
    }
  }

  return (
    <section aria-labelledby="lists-heading">
      <h2 id="lists-heading">Check-in lists</h2>
      <div className="table-scroll">
        <table>
          <thead>
            <tr>
              <th scope="col">List</th>
              <th scope="col">Ticket types</th>
              <th scope="col">Checked in / expected</th>
            </tr>
          </thead>
          <tbody>
            {lists.length === 0 && (
              <tr>
                <td colSpan={3}>No lists yet: a scanner link without a list admits every ticket type.</td>
              </tr>
            )}
            {lists.map((list) => (
              <tr key={list.id}>
                <td>{list.name}</td>
                <td>{list.ticketTypeIds.length === 0 ? 'All types' : list.ticketTypeIds.map(typeName).join(', ')}</td>
                <td data-testid={`list-count-${list.name}`}>
                  {list.checkedIn} / {list.expected}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <form className="card stack" onSubmit={create}>
        <TextField id="list-name" label="List name" value={name} required maxLength={80} onChange={(e) => setName(e.target.value)} />
        <fieldset className="field">
          <legend>Ticket types (none ticked: all)</legend>
          {event.ticketTypes.map((type) => (
            <label key={type.id} className="check">
              <input type="checkbox" checked={types.includes(type.id)} onChange={(e) => setTypes(e.target.checked ? [...types, type.id] : types.filter((t) => t !== type.id))} />{' '}
              {type.name}
            </label>
          ))}
        </fieldset>
        <BusyButton busy={busy} disabled={!name.trim()}>
          Create list
        </BusyButton>
        <ErrorMessage message={error} />
      </form>
    </section>
  );
}

function LinksSection({ event, lists, links, onChanged }: { event: TicketEvent; lists: CheckInList[]; links: ScannerLink[]; onChanged: () => void }) {
  const { busy, error, run } = useAction();
  const [name, setName] = useState('');
  const [listId, setListId] = useState('');
  const [expires, setExpires] = useState('');
  const [created, setCreated] = useState<CreatedScannerLink | null>(null);
  const [notice, setNotice] = useState('');
  const listName = (id: string | null) => lists.find((l) => l.id === id)?.name ?? 'All tickets';

  async function create(e: FormEvent) {
    e.preventDefault();
    const body = { name: name.trim(), ...(listId ? { checkinListId: listId } : {}), ...(expires ? { expiresAt: fromZonedInput(expires, event.timezone) } : {}) };
    const link = await run(() => ok(api.POST('/api/events/{id}/scanner-links', { params: { path: { id: event.id } }, body })));
    if (link) {
      setCreated(link);
      setName('');
      setExpires('');
      onChanged();
    }
  }

  async function copy(url: string) {
    await navigator.clipboard?.writeText(url).then(() => setNotice('Link copied.'), () => setNotice('Select the link and copy it.'));
  }

  return (
    <section aria-labelledby="links-heading">
      <h2 id="links-heading">Scanner links</h2>
      <p className="muted">A volunteer scans the link's QR code with a phone and the door opens there: no account, no install. Anyone with the link can scan, so revoke it when done.</p>
      {created && (
        <div className="card stack" data-testid="new-link">
          <h3>{created.name}</h3>
          <QrCanvas text={created.url} label={`QR code of the scanner link ${created.name}`} />
          <div className="field">
            <label htmlFor="new-link-url">Scanner link of {created.name}</label>
            <div className="row">
              <input id="new-link-url" readOnly value={created.url} onFocus={(e) => e.target.select()} />
              <button type="button" className="button button-secondary" onClick={() => void copy(created.url)}>
                Copy link
              </button>
            </div>
          </div>
          <p className="muted">Shown once: the link cannot be displayed again. Make a new one if it is lost.</p>
          <StatusMessage>{notice}</StatusMessage>
        </div>
      )}
      <div className="table-scroll">
        <table>
          <thead>
            <tr>
              <th scope="col">Door</th>
              <th scope="col">List</th>
              <th scope="col">Last seen</th>
              <th scope="col">Scans</th>
              <th scope="col">Expires</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {links.length === 0 && (
              <tr>
                <td colSpan={6}>No scanner links yet.</td>
              </tr>
            )}
            {links.map((link) => (
              <tr key={link.id}>
                <td>{link.name}</td>
                <td>{listName(link.checkinListId)}</td>
                <td>{link.lastSeenAt ? formatInstantIn(link.lastSeenAt, event.timezone) : 'never'}</td>
                <td>{link.scanCount}</td>
                <td>{link.expiresAt ? formatInstantIn(link.expiresAt, event.timezone) : 'no expiry'}</td>
                <td>
                  <ConfirmButton
                    label="Revoke"
                    question={`Revoke ${link.name}? Its phone stops working at its next request.`}
                    confirmLabel="Yes, revoke it"
                    busy={busy}
                    onConfirm={() => void run(() => ok(api.DELETE('/api/events/{id}/scanner-links/{linkId}', { params: { path: { id: event.id, linkId: link.id } } }))).then(onChanged)}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <form className="card stack" onSubmit={create}>
        <TextField id="link-name" label="Door name" value={name} required maxLength={80} placeholder="Main entrance, phone 1" onChange={(e) => setName(e.target.value)} />
        <div className="field">
          <label htmlFor="link-list">Check-in list</label>
          <select id="link-list" value={listId} onChange={(e) => setListId(e.target.value)}>
            <option value="">All tickets (no list)</option>
            {lists.map((list) => (
              <option key={list.id} value={list.id}>
                {list.name}
              </option>
            ))}
          </select>
        </div>
        <TextField id="link-expires" label={`Expires (optional, ${event.timezone})`} type="datetime-local" value={expires} onChange={(e) => setExpires(e.target.value)} />
        <BusyButton busy={busy} disabled={!name.trim()}>
          Create scanner link
        </BusyButton>
        <ErrorMessage message={error} />
      </form>
    </section>
  );
}

function ConflictsSection({ event, conflicts }: { event: TicketEvent; conflicts: CheckInConflict[] }) {
  const at = (iso: string) => formatInstantIn(iso, event.timezone);
  return (
    <section aria-labelledby="conflicts-heading">
      <h2 id="conflicts-heading">Conflicts</h2>
      <p className="muted">A ticket admitted at two doors while they were offline: the first scan counts, the later one is listed here.</p>
      <div className="table-scroll">
        <table data-testid="conflicts">
          <thead>
            <tr>
              <th scope="col">Ticket</th>
              <th scope="col">First admitted</th>
              <th scope="col">Admitted again</th>
            </tr>
          </thead>
          <tbody>
            {conflicts.map((conflict) => (
              <tr key={conflict.id}>
                <td>
                  {conflict.attendeeName} · {conflict.ticketTypeName}
                </td>
                <td>
                  {at(conflict.firstCheckedInAt)} at {conflict.firstBy}
                </td>
                <td>
                  {at(conflict.laterScannedAt)} at {conflict.laterBy}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {conflicts.length === 0 && <p>No conflicts.</p>}
    </section>
  );
}
