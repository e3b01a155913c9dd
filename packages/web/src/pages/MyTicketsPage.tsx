import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import { api, ok } from '../api/client.js';
import type { Registration, TicketEvent } from '../api/shapes.js';
import { ErrorMessage, Loading, StatusMessage } from '../components/Feedback.js';
import { RegistrationCard } from '../components/RegistrationCard.js';
import { useLoad, usePageTitle } from '../hooks.js';

interface MyRegistration {
  registration: Registration;
  event: TicketEvent | null;
}

export function MyTicketsPage() {
  const [params, setParams] = useSearchParams();
  usePageTitle('My tickets');
  // Said once: the flag leaves the address at once, so a reload or a later visit does not say it again.
  const [justPaid] = useState(() => params.has('paid'));
  useEffect(() => {
    if (params.has('paid')) setParams((current) => {
      const next = new URLSearchParams(current);
      next.delete('paid');
      return next;
    }, { replace: true });
  }, [params, setParams]);
  const { data, error, reload } = useLoad(async (): Promise<MyRegistration[]> => {
    const page = await ok(api.GET('/api/me/registrations', { params: { query: { limit: 100 } } }));
    const eventIds = [...new Set(page.items.map((r) => r.eventId))];
    const events = await Promise.all(eventIds.map((id) => ok(api.GET('/api/events/{id}', { params: { path: { id } } })).catch(() => null)));
    const byId = new Map(events.filter((e): e is TicketEvent => e !== null).map((e) => [e.id, e]));
    return page.items.map((registration) => ({ registration, event: byId.get(registration.eventId) ?? null }));
  }, []);

  const shown = data?.filter(({ registration }) => registration.status !== 'expired');
  return (
    <main className="page" id="main">
      <h1>My tickets</h1>
      <StatusMessage>{justPaid ? 'Payment received. Your tickets are below and on their way by email.' : ''}</StatusMessage>
      <ErrorMessage message={error} />
      {!data && !error && <Loading what="your tickets" />}
      {shown && shown.length === 0 && <p>You have no tickets yet.</p>}
      <ul className="stack">
        {shown?.map(({ registration, event }) => (
          <RegistrationCard key={registration.id} registration={registration} event={event} onChanged={reload} />
        ))}
      </ul>
    </main>
  );
}
