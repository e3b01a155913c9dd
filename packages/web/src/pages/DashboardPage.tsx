import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { api, ok } from '../api/client.js';
import { saveFile } from '../api/download.js';
import type { EventStats, Registrant, TicketEvent } from '../api/shapes.js';
import { ConfirmButton } from '../components/ConfirmButton.js';
import { FailedJobsNotice } from '../components/FailedJobsNotice.js';
import { BusyButton, ErrorMessage, Loading, StatusMessage } from '../components/Feedback.js';
import { RegistrantsTable } from '../components/RegistrantsTable.js';
import { SalesByTypeTable } from '../components/SalesByTypeTable.js';
import { PromoCodesPanel } from '../components/PromoCodesPanel.js';
import { TimelineChart } from '../components/TimelineChart.js';
import { WaitlistSection } from '../components/WaitlistSection.js';
import { formatEventWhen } from '@ticketbooth/core/when';
import { formatMoney } from '../format.js';
import { useAction, useLoad, usePageTitle } from '../hooks.js';

interface Dashboard {
  event: TicketEvent;
  stats: EventStats;
  registrants: Registrant[];
}

/** One event for its organizer: actions, stats, chart, registrants and the CSV export. */
export function DashboardPage() {
  const { id = '' } = useParams();
  const { data, error, reload } = useLoad(async (): Promise<Dashboard> => {
    const [event, stats, registrants] = await Promise.all([
      ok(api.GET('/api/events/{id}', { params: { path: { id } } })),
      ok(api.GET('/api/events/{id}/stats', { params: { path: { id } } })),
      ok(api.GET('/api/events/{id}/registrations', { params: { path: { id }, query: { limit: 100 } } })),
    ]);
    return { event, stats, registrants: registrants.items };
  }, [id]);
  usePageTitle(data ? `${data.event.name} dashboard` : 'Event dashboard');

  if (!data) {
    return (
      <main className="page" id="main">
        <h1>Event dashboard</h1>
        <ErrorMessage message={error} />
        {!error && <Loading what="the dashboard" />}
      </main>
    );
  }
  const { event, stats, registrants } = data;
  return (
    <main className="page" id="main">
      <p className="eyebrow">
        {event.status} · {formatEventWhen(event)}
      </p>
      <h1>{event.name}</h1>
      <EventActions event={event} onChanged={reload} />
      <FailedJobsNotice failedJobs={stats.failedJobs} timeZone={event.timezone} />
      <section aria-labelledby="stats-heading">
        <h2 id="stats-heading">Sales</h2>
        <dl className="stat-grid" data-testid="stats">
          <Stat label="Sold" value={`${stats.sold} / ${stats.capacity}`} />
          <Stat label="Held in checkout" value={String(stats.held)} />
          <Stat label="Spots left" value={String(stats.spotsRemaining)} />
          <Stat label="Revenue" value={formatMoney(stats.revenueCents, stats.currency)} />
          <Stat label="Registrations" value={`${stats.confirmed} confirmed of ${stats.registrations}`} />
          <Stat label="Checked in" value={`${stats.checkedIn} / ${stats.sold}`} />
        </dl>
        <h3>By ticket type</h3>
        <SalesByTypeTable rows={stats.byTicketType} currency={stats.currency} />
        <TimelineChart stats={stats} />
      </section>
      <PromoCodesPanel event={event} />
      <section aria-labelledby="registrants-heading">
        <div className="page-heading">
          <h2 id="registrants-heading">Registrants</h2>
          <CsvButton eventId={event.id} />
        </div>
        <RegistrantsTable registrants={registrants} timeZone={event.timezone} eventId={event.id} />
      </section>
      <WaitlistSection eventId={event.id} timeZone={event.timezone} />
    </main>
  );
}

function Stat({ label, value }: { label: string; value: string }) {
  return (
    <div className="stat">
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
}

function EventActions({ event, onChanged }: { event: TicketEvent; onChanged: () => void }) {
  const { busy, error, run } = useAction();
  const [reason, setReason] = useState('');
  const [notice, setNotice] = useState('');

  async function act(request: () => Promise<TicketEvent>, done: string) {
    const result = await run(request);
    if (result) {
      setNotice(done);
      onChanged();
    }
  }

  return (
    <div className="stack">
      <div className="row wrap">
        {event.status !== 'cancelled' && (
          <Link className="button button-secondary" to={`/organizer/events/${event.id}/edit`}>
            Edit
          </Link>
        )}
        {event.status === 'published' && (
          <>
            <Link className="button" to={`/organizer/events/${event.id}/scan`}>
              Open door scanner
            </Link>
            <Link className="button button-secondary" to={`/organizer/events/${event.id}/door`}>
              Door team
            </Link>
            <Link className="button button-secondary" to={`/events/${event.id}`}>
              Public page
            </Link>
          </>
        )}
        {event.status === 'draft' && (
          <BusyButton type="button" busy={busy} onClick={() => act(() => ok(api.POST('/api/events/{id}/publish', { params: { path: { id: event.id } } })), 'The event is published and on sale.')}>
            Publish
          </BusyButton>
        )}
        {event.status !== 'cancelled' && (
          <ConfirmButton
            label="Cancel event"
            question="Cancel this event? Every registration is cancelled, paid ones are refunded and attendees are emailed."
            confirmLabel="Yes, cancel the event"
            busy={busy}
            onConfirm={() => act(
                () => ok(api.POST('/api/events/{id}/cancel', { params: { path: { id: event.id } }, body: reason.trim() ? { reason: reason.trim() } : {} })),
                'The event is cancelled; attendees are being refunded and told.',
              )}
          >
            <div className="field">
              <label htmlFor="cancel-reason">Reason (sent to attendees, optional)</label>
              <input id="cancel-reason" value={reason} onChange={(e) => setReason(e.target.value)} />
            </div>
          </ConfirmButton>
        )}
      </div>
      <ErrorMessage message={error} />
      <StatusMessage>{notice}</StatusMessage>
    </div>
  );
}

function CsvButton({ eventId }: { eventId: string }) {
  const { busy, error, run } = useAction();
  return (
    <div>
      <BusyButton type="button" className="button button-secondary" busy={busy} onClick={() =>
          run(async () =>
            saveFile(await ok(api.GET('/api/events/{id}/registrations.csv', { params: { path: { id: eventId } }, parseAs: 'blob' })), `tickets-${eventId}.csv`),
          )
        }>
        Download CSV (one row per ticket)
      </BusyButton>
      <ErrorMessage message={error} />
    </div>
  );
}
