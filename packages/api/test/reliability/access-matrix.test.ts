import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessTokenMinter, sampleImage } from '@ticketbooth/testkit';
import { ApiClient, TEST_CARDS, eventInput, type ApiResponse } from '../support/client.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { reportFigures } from './figures.js';

/**
 * The access-control matrix: every operation of the OpenAPI document x nine callers, with the
 * status each one must get. The ninth is a scanner link of A's event: a credential of its own kind
 * that only the door endpoints of that event take (elsewhere it is no token at all, as a tampered one). A's event, registration and ticket belong to organizer A / attendee A.
 * Besides the status, every 2xx answer is scanned for another user's private data, and every
 * refused change is checked to have changed nothing. A new route fails this test until it has a row.
 */
const PASSWORD = 'correct horse battery';
const PRINCIPALS = ['anonymous', 'attendeeA', 'attendeeB', 'organizerA', 'organizerB', 'expired', 'tampered', 'ghost', 'scannerA'] as const;
type Principal = (typeof PRINCIPALS)[number];
type UserName = 'attendeeA' | 'attendeeB' | 'organizerA' | 'organizerB' | 'organizerC';
/** Expected status per principal, in PRINCIPALS order; without a scanner column, the scanner gets what a tampered token gets. */
type UserExpected = readonly [anonymous: number, attendeeA: number, attendeeB: number, organizerA: number, organizerB: number, expired: number, tampered: number, ghost: number];
type Expected = UserExpected | readonly [...UserExpected, scannerA: number];
const expectedFor = (expect: Expected, i: number): number => expect[i] ?? expect[PRINCIPALS.indexOf('tampered')]!;

interface World {
  t: TestServer;
  users: Record<UserName, ApiClient>;
  tokens: { expired: string; tampered: string; ghost: string; scannerA: string };
  eventA: string;
  eventB: string;
  eventC: string;
  draftA: string;
  draftB: string;
  freeTypeA: string;
  freeTypeB: string;
  registrationA: string;
  pendingRegistrationA: string;
  ticketA: { id: string; qr: string };
  registrationB: string;
  ticketB: { id: string; qr: string };
  /** A second session of attendee A whose refresh token the refresh row rotates. */
  refreshSession: ApiClient;
}

interface Cell {
  path: string;
  /** JSON, or raw bytes sent as they are with `headers` (an image upload). */
  body?: unknown;
  headers?: Record<string, string>;
  /** For a refused change: a description of what changed anyway, or null. */
  unchanged?: () => Promise<string | null>;
}

interface Row {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** The path template exactly as in the OpenAPI document. */
  path: string;
  resource: string;
  expect: Expected;
  cell: (w: World, who: Principal) => Promise<Cell>;
  /** On a 2xx: what is wrong with the answer for this caller, or null. */
  check?: (body: any, who: Principal, w: World) => string | null;
  after?: (w: World, who: Principal, res: ApiResponse) => Promise<void>;
  /** The answer is by design the data of whoever holds the credentials in the body (or dev-only). */
  notPersonal?: true;
}

const isUser = (who: Principal): who is Exclude<UserName, 'organizerC'> => ['attendeeA', 'attendeeB', 'organizerA', 'organizerB'].includes(who);
const idOf = (w: World, who: Principal) => (isUser(who) ? w.users[who].user!.id : null);
const email = () => `matrix-${randomBytes(6).toString('hex')}@example.test`;

// Fresh resources for cells that change state, so every principal meets the same starting point.
const freshEvent = async (w: World, publish: boolean) => {
  const res = await w.users.organizerA.post('/api/events', eventInput({ publish, ticketTypes: [{ name: 'Free', priceCents: 0 }] }));
  if (res.status !== 201) throw new Error(`fresh event: ${res.status} ${res.text}`);
  return res.body.id as string;
};
const freshRegistration = async (w: World, typeId: string, eventId = w.eventA) => {
  const res = await w.users.attendeeA.post(`/api/events/${eventId}/registrations`, { lines: [{ ticketTypeId: typeId, quantity: 1 }] });
  if (res.status !== 201) throw new Error(`fresh registration: ${res.status} ${res.text}`);
  return res.body as { id: string; tickets: { id: string; qr: string }[] };
};
const fieldIs = async (client: ApiClient, path: string, field: string, want: unknown) => {
  const res = await client.get(path);
  return res.body?.[field] === want ? null : `${path} ${field} is ${JSON.stringify(res.body?.[field])}, expected ${JSON.stringify(want)}`;
};
const everyItem = (body: any, ok: (item: any) => boolean, what: string) =>
  Array.isArray(body?.items) && body.items.every(ok) ? null : `an item that is not ${what}`;
/** A fresh free event of A's with its one spot taken by attendee B (to release), and attendee A on its waiting list when `waiting`. */
const soldOutEventA = async (w: World, waiting: boolean) => {
  const id = await freshEvent(w, true);
  const edited = await w.users.organizerA.patch(`/api/events/${id}`, { capacity: 1 });
  const taken = await w.users.attendeeB.post(`/api/events/${id}/registrations`, { quantity: 1 });
  const joined = waiting ? await w.users.attendeeA.post(`/api/events/${id}/waitlist`, { quantity: 1 }) : null;
  if (edited.status !== 200 || taken.status !== 201 || (joined && joined.status !== 201)) throw new Error(`sold-out event: ${edited.status} ${taken.status} ${joined?.status}`);
  return { id, takenId: taken.body.id as string };
};
const waitlistCount = async (w: World, eventId: string, want: number) => {
  const count = (await w.users.organizerA.get(`/api/events/${eventId}/waitlist`)).body.count;
  return count === want ? null : `the waiting list has ${count} entries, expected ${want}`;
};

//                                                                         anon attA attB orgA orgB expd tamp ghost
const ALL_OK = [200, 200, 200, 200, 200, 200, 200, 200] as const;
const USER_ONLY = [401, 200, 200, 200, 200, 401, 401, 401] as const;
const ORGANIZER_A_ONLY = [401, 404, 404, 200, 404, 401, 401, 401] as const;
const ATTENDEE_A_ONLY = [401, 200, 404, 404, 404, 401, 401, 401] as const;

const MATRIX: Row[] = [
  // ---- System
  { method: 'GET', path: '/api/health', resource: 'liveness', expect: ALL_OK, cell: async () => ({ path: '/api/health' }) },
  // Local home only (never in production): the dev mailbox is open by design, so no personal-data scan.
  { method: 'GET', path: '/api/dev/mailbox', resource: 'dev mailbox', expect: ALL_OK, notPersonal: true, cell: async () => ({ path: `/api/dev/mailbox?to=${email()}` }) },

  // ---- Accounts (a token, good or bad, changes nothing on the public ones)
  { method: 'POST', path: '/api/auth/signup', resource: 'new account', expect: [201, 201, 201, 201, 201, 201, 201, 201],
    cell: async () => ({ path: '/api/auth/signup', body: { email: email(), password: PASSWORD, name: 'Matrix', role: 'attendee' } }) },
  { method: 'POST', path: '/api/auth/verify-email', resource: 'fresh unverified account', expect: ALL_OK, notPersonal: true,
    cell: async (w) => {
      const address = email();
      const anyone = w.t.client();
      await anyone.post('/api/auth/signup', { email: address, password: PASSWORD, name: 'Matrix', role: 'attendee' });
      return { path: '/api/auth/verify-email', body: { email: address, code: await anyone.latestCode(address) } };
    } },
  { method: 'POST', path: '/api/auth/resend-verification', resource: 'any email', expect: [202, 202, 202, 202, 202, 202, 202, 202],
    cell: async () => ({ path: '/api/auth/resend-verification', body: { email: email() } }) },
  { method: 'POST', path: '/api/auth/login', resource: "attendee A's credentials", expect: ALL_OK, notPersonal: true,
    cell: async (w) => ({ path: '/api/auth/login', body: { email: w.users.attendeeA.user!.email, password: PASSWORD } }) },
  { method: 'POST', path: '/api/auth/refresh', resource: "attendee A's refresh token", expect: ALL_OK, notPersonal: true,
    cell: async (w) => ({ path: '/api/auth/refresh', body: { refreshToken: w.refreshSession.refreshToken } }),
    after: async (w, _who, res) => {
      if (res.status === 200) w.refreshSession.refreshToken = res.body.refreshToken;
    } },
  { method: 'POST', path: '/api/auth/logout', resource: 'own session', expect: [401, 204, 204, 204, 204, 401, 401, 401],
    cell: async () => ({ path: '/api/auth/logout', body: { refreshToken: 'not-a-session-of-anyone' } }),
    // Logging out ends every session of the user: take a fresh token for the rest of the matrix.
    after: async (w, who, res) => {
      if (res.status === 204 && isUser(who)) await w.users[who].renew();
    } },
  { method: 'GET', path: '/api/me', resource: 'own account', expect: USER_ONLY, cell: async () => ({ path: '/api/me' }),
    check: (body, who, w) => (body?.user?.id === idOf(w, who) ? null : `another user: ${body?.user?.id}`) },
  { method: 'POST', path: '/api/auth/password-reset', resource: 'any email', expect: [202, 202, 202, 202, 202, 202, 202, 202],
    cell: async () => ({ path: '/api/auth/password-reset', body: { email: email() } }) },
  { method: 'POST', path: '/api/auth/password-reset/confirm', resource: 'an email with no reset code', expect: [400, 400, 400, 400, 400, 400, 400, 400], notPersonal: true,
    cell: async () => ({ path: '/api/auth/password-reset/confirm', body: { email: email(), code: '000000', newPassword: 'matrix new passphrase' } }) },
  { method: 'POST', path: '/api/me/password', resource: 'own password', expect: [401, 204, 204, 204, 204, 401, 401, 401],
    cell: async () => ({ path: '/api/me/password', body: { currentPassword: PASSWORD, newPassword: PASSWORD } }),
    // Every access token of the user ends; this session's refresh token goes on.
    after: async (w, who, res) => {
      if (res.status === 204 && isUser(who)) await w.users[who].renew();
    } },
  { method: 'GET', path: '/api/me/export', resource: 'own data', expect: USER_ONLY, cell: async () => ({ path: '/api/me/export' }),
    check: (body, who, w) => (body?.account?.id === idOf(w, who) ? null : `another account: ${body?.account?.id}`) },
  // The token is checked before the body: anyone without one learns nothing; nobody is deleted here.
  { method: 'DELETE', path: '/api/me', resource: 'own account (empty password)', expect: [401, 400, 400, 400, 400, 401, 401, 401],
    cell: async () => ({ path: '/api/me', body: { password: '' } }) },

  // ---- Events
  { method: 'GET', path: '/api/events', resource: 'public listing', expect: ALL_OK, cell: async () => ({ path: '/api/events?limit=100' }),
    check: (body) => everyItem(body, (e) => e.status === 'published', 'published') },
  { method: 'GET', path: '/api/events/{id}', resource: "A's published event", expect: [200, 200, 200, 200, 200, 401, 401, 401],
    cell: async (w) => ({ path: `/api/events/${w.eventA}` }) },
  { method: 'GET', path: '/api/events/{id}', resource: "A's draft", expect: [404, 404, 404, 200, 404, 401, 401, 401],
    cell: async (w) => ({ path: `/api/events/${w.draftA}` }) },
  { method: 'GET', path: '/api/events/{id}', resource: "B's draft", expect: [404, 404, 404, 404, 200, 401, 401, 401],
    cell: async (w) => ({ path: `/api/events/${w.draftB}` }) },
  { method: 'POST', path: '/api/events', resource: 'new event', expect: [401, 403, 403, 201, 201, 401, 401, 401],
    cell: async () => ({ path: '/api/events', body: eventInput({ name: 'Matrix event' }) }),
    check: (body, who, w) => (body?.organizerId === idOf(w, who) ? null : `owned by ${body?.organizerId}`) },
  { method: 'PATCH', path: '/api/events/{id}', resource: "A's event", expect: ORGANIZER_A_ONLY,
    cell: async (w, who) => ({
      path: `/api/events/${w.eventA}`,
      body: { description: `edited by ${who}` },
      unchanged: async () => {
        const now = await w.users.organizerA.get(`/api/events/${w.eventA}`);
        return now.body.description === `edited by ${who}` ? 'the description was changed' : null;
      },
    }) },
  { method: 'PUT', path: '/api/events/{id}/image', resource: "A's fresh event", expect: ORGANIZER_A_ONLY,
    cell: async (w) => {
      const id = await freshEvent(w, true);
      return { path: `/api/events/${id}/image`, body: await sampleImage('jpeg', { width: 64, height: 64 }), headers: { 'content-type': 'image/jpeg' },
        unchanged: () => fieldIs(w.users.organizerA, `/api/events/${id}`, 'image', null) };
    } },
  { method: 'DELETE', path: '/api/events/{id}/image', resource: "A's fresh event with an image", expect: ORGANIZER_A_ONLY,
    cell: async (w) => {
      const id = await freshEvent(w, true);
      const set = await w.users.organizerA.request('PUT', `/api/events/${id}/image`, await sampleImage('png', { width: 64, height: 64 }), { 'content-type': 'image/png' });
      if (set.status !== 200) throw new Error(`fresh image: ${set.status} ${set.text}`);
      return { path: `/api/events/${id}/image`, unchanged: async () => {
        const now = await w.users.organizerA.get(`/api/events/${id}`);
        return now.body.image?.url === set.body.image.url ? null : 'the image was removed';
      } };
    } },
  { method: 'POST', path: '/api/events/{id}/publish', resource: "A's fresh draft", expect: ORGANIZER_A_ONLY,
    cell: async (w) => {
      const id = await freshEvent(w, false);
      return { path: `/api/events/${id}/publish`, unchanged: () => fieldIs(w.users.organizerA, `/api/events/${id}`, 'status', 'draft') };
    } },
  { method: 'POST', path: '/api/events/{id}/cancel', resource: "A's fresh published event", expect: ORGANIZER_A_ONLY,
    cell: async (w) => {
      const id = await freshEvent(w, true);
      return { path: `/api/events/${id}/cancel`, body: { reason: 'matrix' }, unchanged: () => fieldIs(w.users.organizerA, `/api/events/${id}`, 'status', 'published') };
    } },
  { method: 'GET', path: '/api/organizer/events', resource: 'own events', expect: [401, 403, 403, 200, 200, 401, 401, 401],
    cell: async () => ({ path: '/api/organizer/events?limit=100' }),
    check: (body, who, w) => everyItem(body, (e) => e.organizerId === idOf(w, who), 'their own') },

  // ---- Registrations
  { method: 'POST', path: '/api/events/{id}/registrations', resource: "organizer C's public event", expect: [401, 201, 201, 403, 403, 401, 401, 401],
    cell: async (w) => ({ path: `/api/events/${w.eventC}/registrations`, body: { quantity: 1 } }),
    check: (body, who, w) => (body?.userId === idOf(w, who) ? null : `registered for ${body?.userId}`) },
  { method: 'POST', path: '/api/events/{id}/registrations', resource: "A's draft", expect: [401, 404, 404, 403, 403, 401, 401, 401],
    cell: async (w) => ({ path: `/api/events/${w.draftA}/registrations`, body: { quantity: 1 } }) },
  { method: 'GET', path: '/api/events/{id}/registrations', resource: "A's event", expect: ORGANIZER_A_ONLY,
    cell: async (w) => ({ path: `/api/events/${w.eventA}/registrations?limit=100` }) },
  { method: 'GET', path: '/api/events/{id}/registrations', resource: "B's event", expect: [401, 404, 404, 404, 200, 401, 401, 401],
    cell: async (w) => ({ path: `/api/events/${w.eventB}/registrations?limit=100` }) },
  { method: 'GET', path: '/api/me/registrations', resource: 'own registrations', expect: USER_ONLY,
    cell: async () => ({ path: '/api/me/registrations?limit=100' }),
    check: (body, who, w) => everyItem(body, (r) => r.userId === idOf(w, who), 'their own') },
  { method: 'GET', path: '/api/registrations/{id}', resource: "A's registration", expect: [401, 200, 404, 200, 404, 401, 401, 401],
    cell: async (w) => ({ path: `/api/registrations/${w.registrationA}` }) },
  { method: 'GET', path: '/api/registrations/{id}', resource: "B's registration", expect: [401, 404, 200, 404, 200, 401, 401, 401],
    cell: async (w) => ({ path: `/api/registrations/${w.registrationB}` }) },
  { method: 'POST', path: '/api/registrations/{id}/cancel', resource: "A's fresh registration", expect: ATTENDEE_A_ONLY,
    cell: async (w) => {
      const reg = await freshRegistration(w, w.freeTypeA);
      return { path: `/api/registrations/${reg.id}/cancel`, unchanged: () => fieldIs(w.users.attendeeA, `/api/registrations/${reg.id}`, 'status', 'confirmed') };
    } },

  // ---- Orders: the event's organizer refunds, renames, resends and reads the history; the holder cancels a ticket, renames, resends, reads
  { method: 'POST', path: '/api/registrations/{id}/refund', resource: "A's fresh registration", expect: ORGANIZER_A_ONLY,
    cell: async (w) => {
      const reg = await freshRegistration(w, w.freeTypeA);
      return { path: `/api/registrations/${reg.id}/refund`, body: { reason: 'Matrix refund' }, unchanged: () => fieldIs(w.users.attendeeA, `/api/registrations/${reg.id}`, 'status', 'confirmed') };
    } },
  { method: 'POST', path: '/api/tickets/{id}/cancel', resource: "a fresh ticket of A's", expect: ATTENDEE_A_ONLY,
    cell: async (w) => {
      const ticket = (await freshRegistration(w, w.freeTypeA)).tickets[0]!;
      return { path: `/api/tickets/${ticket.id}/cancel`, unchanged: () => fieldIs(w.users.attendeeA, `/api/tickets/${ticket.id}`, 'status', 'valid') };
    } },
  { method: 'PATCH', path: '/api/tickets/{id}', resource: "a fresh ticket of A's", expect: [401, 200, 404, 200, 404, 401, 401, 401],
    cell: async (w) => {
      const ticket = (await freshRegistration(w, w.freeTypeA)).tickets[0]!;
      return { path: `/api/tickets/${ticket.id}`, body: { attendeeName: 'Matrix Renamed' }, unchanged: () => fieldIs(w.users.attendeeA, `/api/tickets/${ticket.id}`, 'attendeeName', w.users.attendeeA.user!.name) };
    } },
  { method: 'POST', path: '/api/registrations/{id}/resend', resource: "A's registration", expect: [401, 202, 404, 202, 404, 401, 401, 401],
    cell: async (w) => ({ path: `/api/registrations/${w.registrationA}/resend` }) },
  { method: 'GET', path: '/api/registrations/{id}/history', resource: "A's registration", expect: [401, 200, 404, 200, 404, 401, 401, 401],
    cell: async (w) => ({ path: `/api/registrations/${w.registrationA}/history` }) },

  // ---- Payments
  { method: 'POST', path: '/api/registrations/{id}/payment-intents', resource: "A's held registration", expect: [401, 201, 404, 404, 404, 401, 401, 401],
    cell: async (w) => ({ path: `/api/registrations/${w.pendingRegistrationA}/payment-intents` }) },
  { method: 'POST', path: '/api/payment-intents/{id}/confirm', resource: "A's fresh payment intent", expect: ATTENDEE_A_ONLY,
    cell: async (w) => {
      // On an event of its own: attendee A already holds a pending registration for event A (one per event).
      const paid = await w.users.organizerA.post('/api/events', eventInput({ ticketTypes: [{ name: 'Paid', priceCents: 2500 }] }));
      const reg = await freshRegistration(w, paid.body.ticketTypes[0].id as string, paid.body.id as string);
      const intent = await w.users.attendeeA.post(`/api/registrations/${reg.id}/payment-intents`);
      return {
        path: `/api/payment-intents/${intent.body.id}/confirm`,
        body: { card: TEST_CARDS.ok },
        unchanged: () => fieldIs(w.users.attendeeA, `/api/registrations/${reg.id}`, 'status', 'pending_payment'),
      };
    } },

  // Under the mock gateway there is no hosted page: its holder hears why (409), nobody else learns the intent exists.
  { method: 'POST', path: '/api/payment-intents/{id}/checkout-session', resource: "A's held registration's intent", expect: [401, 409, 404, 404, 404, 401, 401, 401],
    cell: async (w) => {
      const intent = await w.users.attendeeA.post(`/api/registrations/${w.pendingRegistrationA}/payment-intents`);
      return { path: `/api/payment-intents/${intent.body.id}/checkout-session`, unchanged: () => fieldIs(w.users.attendeeA, `/api/registrations/${w.pendingRegistrationA}`, 'status', 'pending_payment') };
    } },
  // Signed by Stripe, not by a token: an unsigned delivery is refused whoever sends it.
  { method: 'POST', path: '/api/webhooks/stripe', resource: 'an unsigned delivery', expect: [400, 400, 400, 400, 400, 400, 400, 400, 400], notPersonal: true,
    cell: async () => ({ path: '/api/webhooks/stripe', body: { type: 'checkout.session.completed' } }) },

  // ---- Tickets
  { method: 'GET', path: '/api/me/tickets', resource: 'own tickets', expect: USER_ONLY, cell: async () => ({ path: '/api/me/tickets?limit=100' }) },
  { method: 'GET', path: '/api/tickets/{id}', resource: "A's ticket", expect: [401, 200, 404, 200, 404, 401, 401, 401],
    cell: async (w) => ({ path: `/api/tickets/${w.ticketA.id}` }) },
  { method: 'GET', path: '/api/tickets/{id}', resource: "B's ticket", expect: [401, 404, 200, 404, 200, 401, 401, 401],
    cell: async (w) => ({ path: `/api/tickets/${w.ticketB.id}` }) },
  // The link is a bearer secret: only the holder, not even the event's organizer.
  { method: 'POST', path: '/api/tickets/{id}/download-link', resource: "A's ticket", expect: ATTENDEE_A_ONLY,
    cell: async (w) => ({ path: `/api/tickets/${w.ticketA.id}/download-link` }) },
  // One PDF of the order's tickets: like each ticket's link, only its holder (not the organizer).
  { method: 'GET', path: '/api/registrations/{id}/tickets.pdf', resource: "A's registration", expect: ATTENDEE_A_ONLY,
    cell: async (w) => ({ path: `/api/registrations/${w.registrationA}/tickets.pdf` }) },
  { method: 'GET', path: '/api/registrations/{id}/calendar.ics', resource: "A's registration", expect: ATTENDEE_A_ONLY,
    cell: async (w) => ({ path: `/api/registrations/${w.registrationA}/calendar.ics` }) },
  { method: 'GET', path: '/api/registrations/{id}/calendar.ics', resource: "B's registration", expect: [401, 404, 200, 404, 404, 401, 401, 401],
    cell: async (w) => ({ path: `/api/registrations/${w.registrationB}/calendar.ics` }) },

  // ---- Door (the scanner column: a scanner link of A's event, for every type)
  { method: 'POST', path: '/api/events/{id}/checkins', resource: "a fresh ticket for A's event", expect: [...ORGANIZER_A_ONLY, 200],
    cell: async (w) => {
      const ticket = (await freshRegistration(w, w.freeTypeA)).tickets[0]!;
      return { path: `/api/events/${w.eventA}/checkins`, body: { qr: ticket.qr }, unchanged: () => fieldIs(w.users.attendeeA, `/api/tickets/${ticket.id}`, 'status', 'valid') };
    },
    check: (body) => (body?.result === 'admitted' ? null : `result ${body?.result}`) },
  { method: 'POST', path: '/api/events/{id}/checkins', resource: "a fresh ticket for B's event", expect: [401, 404, 404, 404, 200, 401, 401, 401, 403],
    cell: async (w) => {
      const ticket = (await freshRegistration(w, w.freeTypeB, w.eventB)).tickets[0]!;
      return { path: `/api/events/${w.eventB}/checkins`, body: { qr: ticket.qr }, unchanged: () => fieldIs(w.users.attendeeA, `/api/tickets/${ticket.id}`, 'status', 'valid') };
    },
    check: (body) => (body?.result === 'admitted' ? null : `result ${body?.result}`) },
  { method: 'POST', path: '/api/events/{id}/checkins/sync', resource: "a fresh ticket for A's event, scanned offline", expect: [...ORGANIZER_A_ONLY, 200],
    cell: async (w, who) => {
      const ticket = (await freshRegistration(w, w.freeTypeA)).tickets[0]!;
      const scans = [{ ticketId: ticket.id, nonce: `matrix-${who}-${ticket.id}`, scannedAt: w.t.clock.now().toISOString(), resultShown: 'admitted' }];
      return { path: `/api/events/${w.eventA}/checkins/sync`, body: { deviceId: 'matrix', scans }, unchanged: () => fieldIs(w.users.attendeeA, `/api/tickets/${ticket.id}`, 'status', 'valid') };
    },
    check: (body) => (body?.results?.[0]?.result === 'admitted' ? null : `result ${body?.results?.[0]?.result}`) },
  { method: 'POST', path: '/api/events/{id}/checkins/sync', resource: "a fresh ticket for B's event, scanned offline", expect: [401, 404, 404, 404, 200, 401, 401, 401, 403],
    cell: async (w, who) => {
      const ticket = (await freshRegistration(w, w.freeTypeB, w.eventB)).tickets[0]!;
      const scans = [{ ticketId: ticket.id, nonce: `matrix-${who}-${ticket.id}`, scannedAt: w.t.clock.now().toISOString(), resultShown: 'admitted' }];
      return { path: `/api/events/${w.eventB}/checkins/sync`, body: { deviceId: 'matrix', scans }, unchanged: () => fieldIs(w.users.attendeeA, `/api/tickets/${ticket.id}`, 'status', 'valid') };
    } },
  // Door data names the event's tickets (ids, names, codes) by design, for its organizer and its scanners: never an email or a QR.
  { method: 'GET', path: '/api/events/{id}/door-data', resource: "A's event", expect: [...ORGANIZER_A_ONLY, 200], notPersonal: true,
    cell: async (w) => ({ path: `/api/events/${w.eventA}/door-data` }),
    check: (body, _who, w) => {
      const text = JSON.stringify(body);
      const emails = Object.values(w.users).map((u) => u.user!.email).filter((e) => text.includes(e));
      if (emails.length > 0) return `emails in door data: ${emails.join(', ')}`;
      return text.includes(w.ticketA.qr) ? 'a QR in door data' : null;
    } },
  { method: 'GET', path: '/api/events/{id}/door-data', resource: "B's event", expect: [401, 404, 404, 404, 200, 401, 401, 401, 403],
    cell: async (w) => ({ path: `/api/events/${w.eventB}/door-data` }) },
  { method: 'GET', path: '/api/events/{id}/checkin-keys', resource: "A's event", expect: ORGANIZER_A_ONLY,
    cell: async (w) => ({ path: `/api/events/${w.eventA}/checkin-keys` }) },
  { method: 'POST', path: '/api/events/{id}/checkin-lists', resource: "A's event", expect: [401, 404, 404, 201, 404, 401, 401, 401],
    cell: async (w, who) => ({ path: `/api/events/${w.eventA}/checkin-lists`, body: { name: `Gate of ${who}`, ticketTypeIds: [] },
      unchanged: async () => ((await w.users.organizerA.get(`/api/events/${w.eventA}/checkin-lists`)).text.includes(`Gate of ${who}`) ? 'a list was created' : null) }) },
  { method: 'GET', path: '/api/events/{id}/checkin-lists', resource: "A's event", expect: ORGANIZER_A_ONLY,
    cell: async (w) => ({ path: `/api/events/${w.eventA}/checkin-lists` }) },
  { method: 'POST', path: '/api/events/{id}/scanner-links', resource: "A's event", expect: [401, 404, 404, 201, 404, 401, 401, 401],
    cell: async (w, who) => ({ path: `/api/events/${w.eventA}/scanner-links`, body: { name: `Phone of ${who}` },
      unchanged: async () => ((await w.users.organizerA.get(`/api/events/${w.eventA}/scanner-links`)).text.includes(`Phone of ${who}`) ? 'a link was created' : null) }) },
  { method: 'GET', path: '/api/events/{id}/scanner-links', resource: "A's event", expect: ORGANIZER_A_ONLY,
    cell: async (w) => ({ path: `/api/events/${w.eventA}/scanner-links` }) },
  { method: 'DELETE', path: '/api/events/{id}/scanner-links/{linkId}', resource: "a fresh scanner link of A's event", expect: [401, 404, 404, 204, 404, 401, 401, 401],
    cell: async (w) => {
      const link = await w.users.organizerA.post(`/api/events/${w.eventA}/scanner-links`, { name: 'To revoke' });
      const live = async () => ((await w.users.organizerA.get(`/api/events/${w.eventA}/scanner-links`)).body.items.some((l: { id: string }) => l.id === link.body.id) ? null : 'the link was revoked');
      return { path: `/api/events/${w.eventA}/scanner-links/${link.body.id}`, unchanged: live };
    } },
  { method: 'GET', path: '/api/events/{id}/checkin-conflicts', resource: "A's event", expect: ORGANIZER_A_ONLY,
    cell: async (w) => ({ path: `/api/events/${w.eventA}/checkin-conflicts` }) },

  // ---- Waiting list
  { method: 'POST', path: '/api/events/{id}/waitlist', resource: "A's fresh sold-out event", expect: [401, 201, 201, 403, 403, 401, 401, 401],
    cell: async (w) => {
      const { id } = await soldOutEventA(w, false);
      return { path: `/api/events/${id}/waitlist`, body: { quantity: 1 }, unchanged: () => waitlistCount(w, id, 0) };
    },
    check: (body) => (body?.position === 1 ? null : `position ${body?.position}`) },
  { method: 'DELETE', path: '/api/events/{id}/waitlist', resource: "attendee A's entry on A's fresh sold-out event", expect: [401, 204, 404, 404, 404, 401, 401, 401],
    cell: async (w) => {
      const { id } = await soldOutEventA(w, true);
      return { path: `/api/events/${id}/waitlist`, unchanged: () => waitlistCount(w, id, 1) };
    } },
  { method: 'GET', path: '/api/me/waitlist', resource: 'own entries', expect: USER_ONLY, cell: async () => ({ path: '/api/me/waitlist' }) },
  { method: 'GET', path: '/api/events/{id}/waitlist', resource: "A's fresh sold-out event with attendee A waiting", expect: ORGANIZER_A_ONLY,
    cell: async (w) => ({ path: `/api/events/${(await soldOutEventA(w, true)).id}/waitlist` }),
    check: (body, _who, w) => (body?.items?.[0]?.attendeeEmail === w.users.attendeeA.user!.email ? null : 'not the list of the event') },
  { method: 'POST', path: '/api/waitlist-offers/{id}/claim', resource: 'a fresh offer to attendee A', expect: [401, 201, 404, 404, 404, 401, 401, 401],
    cell: async (w) => {
      const { id, takenId } = await soldOutEventA(w, true);
      await w.users.attendeeB.post(`/api/registrations/${takenId}/cancel`);
      const entry = (await w.users.attendeeA.get('/api/me/waitlist')).body.items.find((e: { eventId: string }) => e.eventId === id);
      if (entry?.status !== 'offered') throw new Error(`no offer: ${JSON.stringify(entry)}`);
      const stillOffered = async () => ((await w.users.attendeeA.get('/api/me/waitlist')).body.items.some((e: { id: string; status: string }) => e.id === entry.id && e.status === 'offered') ? null : 'the offer was claimed');
      return { path: `/api/waitlist-offers/${entry.offer.id}/claim`, unchanged: stillOffered };
    },
    check: (body, who, w) => (body?.userId === idOf(w, who) && body?.status === 'confirmed' ? null : `claimed as ${body?.userId} ${body?.status}`) },
  // ---- Promo codes
  { method: 'POST', path: '/api/events/{id}/promo-codes', resource: "A's event", expect: [401, 404, 404, 201, 404, 401, 401, 401],
    cell: async (w, who) => ({ path: `/api/events/${w.eventA}/promo-codes`, body: { code: `CODE-${who}`, percentOff: 10 },
      unchanged: async () => ((await w.users.organizerA.get(`/api/events/${w.eventA}/promo-codes`)).text.includes(`CODE-${who.toUpperCase()}`) ? 'a code was created' : null) }) },
  { method: 'GET', path: '/api/events/{id}/promo-codes', resource: "A's event", expect: ORGANIZER_A_ONLY,
    cell: async (w) => ({ path: `/api/events/${w.eventA}/promo-codes` }) },
  { method: 'DELETE', path: '/api/events/{id}/promo-codes/{promoId}', resource: "a fresh promo code of A's event", expect: [401, 404, 404, 204, 404, 401, 401, 401],
    cell: async (w) => {
      const code = await w.users.organizerA.post(`/api/events/${w.eventA}/promo-codes`, { code: `OFF-${randomBytes(4).toString('hex')}`, percentOff: 10 });
      const enabled = async () => ((await w.users.organizerA.get(`/api/events/${w.eventA}/promo-codes`)).body.items.some((p: { id: string; disabled: boolean }) => p.id === code.body.id && !p.disabled) ? null : 'the code was disabled');
      return { path: `/api/events/${w.eventA}/promo-codes/${code.body.id}`, unchanged: enabled };
    } },
  { method: 'POST', path: '/api/events/{id}/quote', resource: "organizer C's public event", expect: [401, 200, 200, 403, 403, 401, 401, 401],
    cell: async (w) => ({ path: `/api/events/${w.eventC}/quote`, body: { quantity: 1 } }) },
  { method: 'POST', path: '/api/events/{id}/quote', resource: "A's draft", expect: [401, 404, 404, 403, 403, 401, 401, 401],
    cell: async (w) => ({ path: `/api/events/${w.draftA}/quote`, body: { quantity: 1 } }) },

  // ---- Organizer data
  { method: 'GET', path: '/api/events/{id}/registrations.csv', resource: "A's event", expect: ORGANIZER_A_ONLY,
    cell: async (w) => ({ path: `/api/events/${w.eventA}/registrations.csv` }) },
  { method: 'GET', path: '/api/events/{id}/stats', resource: "A's event", expect: ORGANIZER_A_ONLY,
    cell: async (w) => ({ path: `/api/events/${w.eventA}/stats` }) },
  { method: 'GET', path: '/api/events/{id}/stats', resource: "B's event", expect: [401, 404, 404, 404, 200, 401, 401, 401],
    cell: async (w) => ({ path: `/api/events/${w.eventB}/stats` }) },
];

/** The error code each refusal must carry. */
const CODE_OF: Record<number, string> = { 401: 'unauthorized', 403: 'forbidden', 404: 'not_found' };

describe('access-control matrix over every operation', () => {
  let w: World;
  let docOps: string[];

  beforeAll(async () => {
    const t = await startTestServer();
    const users = {} as Record<UserName, ApiClient>;
    for (const name of ['attendeeA', 'attendeeB', 'organizerA', 'organizerB', 'organizerC'] as const) {
      users[name] = await t.client().signUpVerified(name.startsWith('organizer') ? 'organizer' : 'attendee', `${name} Matrix`);
    }

    // Expired: a real session of attendee A (accepted now) whose token the clock then outlives.
    const stale = t.client();
    expect((await stale.logIn(users.attendeeA.user!.email, PASSWORD)).status).toBe(200);
    expect((await stale.get('/api/me')).status).toBe(200);
    t.clock.advance(16 * 60_000); // access tokens live 15 minutes
    for (const c of Object.values(users)) await c.renew();
    const refreshSession = t.client();
    await refreshSession.logIn(users.attendeeA.user!.email, PASSWORD);

    // Tampered: organizer A's token with one character in the middle of the signature changed.
    const [h, p, s] = users.organizerA.token!.split('.') as [string, string, string];
    const at = Math.floor(s.length / 2);
    const tampered = `${h}.${p}.${s.slice(0, at)}${s[at] === 'A' ? 'B' : 'A'}${s.slice(at + 1)}`;

    // Ghost: well-formed and signed with the server's own secret, for a user that does not exist
    // (an unverified user cannot log in, and accounts are not deleted, so no real token can exist).
    const mint = accessTokenMinter(t.dataDir, { clock: t.clock });
    // The same minting for organizer A's real id is accepted: the ghost is refused only for not existing.
    expect((await t.client().as(await mint({ id: users.organizerA.user!.id, role: 'organizer' })).get('/api/me')).status).toBe(200);
    const ghost = await mint({ id: `usr_${randomBytes(16).toString('base64url')}`, role: 'organizer' });

    // A's world: event (free + paid types), a draft, a confirmed registration with a ticket and a
    // held paid one. B's world: event, draft, registration with a ticket. C's public event.
    const eventA = await users.organizerA.post('/api/events', eventInput({ name: 'A event', maxTicketsPerAccount: 100, ticketTypes: [{ name: 'Free', priceCents: 0 }, { name: 'Paid', priceCents: 2500 }] }));
    const eventB = await users.organizerB.post('/api/events', eventInput({ name: 'B event', maxTicketsPerAccount: 100, ticketTypes: [{ name: 'Free', priceCents: 0 }] }));
    const eventC = await users.organizerC.post('/api/events', eventInput({ name: 'C event', ticketTypes: [{ name: 'Free', priceCents: 0 }] }));
    const draftA = await users.organizerA.post('/api/events', eventInput({ name: 'A draft', publish: false }));
    const draftB = await users.organizerB.post('/api/events', eventInput({ name: 'B draft', publish: false }));
    const [freeTypeA, paidTypeA] = eventA.body.ticketTypes.map((tt: { id: string }) => tt.id);
    const scannerLinkA = await users.organizerA.post(`/api/events/${eventA.body.id}/scanner-links`, { name: 'Matrix door' });
    expect(scannerLinkA.status).toBe(201);
    const regA = await users.attendeeA.post(`/api/events/${eventA.body.id}/registrations`, { lines: [{ ticketTypeId: freeTypeA, quantity: 1 }] });
    const pendingA = await users.attendeeA.post(`/api/events/${eventA.body.id}/registrations`, { lines: [{ ticketTypeId: paidTypeA, quantity: 1 }] });
    const regB = await users.attendeeB.post(`/api/events/${eventB.body.id}/registrations`, { quantity: 1 });
    expect([eventA, eventB, eventC, draftA, draftB, regA, pendingA, regB].map((r) => r.status)).toEqual([201, 201, 201, 201, 201, 201, 201, 201]);
    expect([regA.body.status, pendingA.body.status, regB.body.status]).toEqual(['confirmed', 'pending_payment', 'confirmed']);

    w = {
      t,
      users,
      tokens: { expired: stale.token!, tampered, ghost, scannerA: new URL(scannerLinkA.body.url).hash.slice(1) },
      eventA: eventA.body.id,
      eventB: eventB.body.id,
      eventC: eventC.body.id,
      draftA: draftA.body.id,
      draftB: draftB.body.id,
      freeTypeA,
      freeTypeB: eventB.body.ticketTypes[0].id,
      registrationA: regA.body.id,
      pendingRegistrationA: pendingA.body.id,
      ticketA: regA.body.tickets[0],
      registrationB: regB.body.id,
      ticketB: regB.body.tickets[0],
      refreshSession,
    };
    const doc = (await t.client().get('/api/openapi.json')).body;
    docOps = Object.entries<Record<string, unknown>>(doc.paths).flatMap(([path, item]) =>
      Object.keys(item).filter((m) => ['get', 'post', 'put', 'patch', 'delete'].includes(m)).map((m) => `${m.toUpperCase()} ${path}`),
    );
  });
  afterAll(() => w?.t.stop());

  it('has a row for every operation of the OpenAPI document, and no row for a route that is gone', () => {
    const rowOps = new Set(MATRIX.map((r) => `${r.method} ${r.path}`));
    expect(docOps.filter((op) => !rowOps.has(op)), 'operations missing from MATRIX').toEqual([]);
    expect([...rowOps].filter((op) => !docOps.includes(op)), 'MATRIX rows for routes not in the document').toEqual([]);
  });

  it('gives every principal exactly the documented status, and nobody anything that is not theirs', async () => {
    const started = performance.now();
    const client = (who: Principal): ApiClient => {
      if (who === 'anonymous') return w.t.client();
      if (who === 'expired' || who === 'tampered' || who === 'ghost' || who === 'scannerA') return w.t.client().as(w.tokens[who]);
      return w.users[who];
    };
    // Private data and who may see it: an attendee's registration is also their event organizer's.
    const privateData: Record<Exclude<UserName, 'organizerC'>, string[]> = {
      attendeeA: [w.users.attendeeA.user!.email, w.users.attendeeA.user!.id, w.registrationA, w.pendingRegistrationA, w.ticketA.id, w.ticketA.qr],
      attendeeB: [w.users.attendeeB.user!.email, w.users.attendeeB.user!.id, w.registrationB, w.ticketB.id, w.ticketB.qr],
      organizerA: [w.users.organizerA.user!.email, w.draftA],
      organizerB: [w.users.organizerB.user!.email, w.draftB],
    };
    const mayRead: Record<Principal, string[]> = {
      anonymous: [],
      attendeeA: ['attendeeA'],
      attendeeB: ['attendeeB'],
      organizerA: ['organizerA', 'attendeeA'],
      organizerB: ['organizerB', 'attendeeB'],
      expired: [],
      tampered: [],
      ghost: [],
      scannerA: [],
    };

    const mismatches: string[] = [];
    const leaks: string[] = [];
    let cells = 0;
    let refusals = 0;
    let unchangedChecks = 0;
    for (const row of MATRIX) {
      for (const [i, who] of PRINCIPALS.entries()) {
        const want = expectedFor(row.expect, i);
        const where = `${row.method} ${row.path} (${row.resource}) as ${who}`;
        const cell = await row.cell(w, who);
        const res = await client(who).request(row.method, cell.path, cell.body, cell.headers);
        cells++;
        const ok = res.status >= 200 && res.status < 300;
        if (res.status !== want) {
          (ok && !(want >= 200 && want < 300) ? leaks : mismatches).push(`${where}: ${res.status}, expected ${want} ${res.text.slice(0, 160)}`);
        }
        if (ok) {
          const wrong = row.check?.(res.body, who, w);
          if (wrong) leaks.push(`${where}: ${wrong}`);
          if (!row.notPersonal) {
            for (const [owner, values] of Object.entries(privateData)) {
              if (mayRead[who].includes(owner)) continue;
              for (const value of values) if (res.text.includes(value)) leaks.push(`${where}: the answer holds ${owner}'s ${value}`);
            }
          }
        } else {
          refusals++;
          const code = res.body?.error?.code;
          if (CODE_OF[res.status] && code !== CODE_OF[res.status]) mismatches.push(`${where}: ${res.status} with code ${code}`);
          if (cell.unchanged) {
            unchangedChecks++;
            const changed = await cell.unchanged();
            if (changed) leaks.push(`${where}: refused with ${res.status} but ${changed}`);
          }
        }
        await row.after?.(w, who, res);
      }
    }

    reportFigures('access-matrix', {
      operations: docOps.length,
      rows: MATRIX.length,
      principals: PRINCIPALS.length,
      cells,
      refusals,
      unchangedChecks,
      mismatches: mismatches.length,
      leaks: leaks.length,
      durationMs: Math.round(performance.now() - started),
    });
    expect(leaks, 'LEAKS: a caller got or changed what is not theirs').toEqual([]);
    expect(mismatches).toEqual([]);
    expect(cells).toBe(MATRIX.length * PRINCIPALS.length);
  }, 120_000);
});
