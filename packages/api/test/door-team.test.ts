import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './support/server.js';
import { ApiClient, eventInput } from './support/client.js';

/** The door team over HTTP: codes, lists, scanner links and their scope, door data, offline sync. */
describe('the door team', () => {
  let t: TestServer;
  let organizer: ApiClient;
  let otherOrganizer: ApiClient;
  let eventId: string;
  let otherEventId: string;
  let general: string;
  let vip: string;

  const ticketsFor = async (ticketTypeId: string, quantity = 1, id = eventId) => {
    const buyer = await t.client().signUpVerified('attendee');
    const res = await buyer.post(`/api/events/${id}/registrations`, { lines: [{ ticketTypeId, quantity }] });
    expect(res.status).toBe(201);
    return res.body.tickets as { id: string; qr: string; code: string; attendeeName: string }[];
  };
  const scannerLink = async (body: Record<string, unknown> = { name: 'Main entrance' }, id = eventId) => {
    const res = await organizer.post(`/api/events/${id}/scanner-links`, body);
    expect(res.status).toBe(201);
    const secret = new URL(res.body.url as string).hash.slice(1);
    return { link: res.body, scanner: t.client().as(secret) };
  };

  beforeAll(async () => {
    t = await startTestServer();
    organizer = await t.client().signUpVerified('organizer');
    otherOrganizer = await t.client().signUpVerified('organizer');
    const event = await organizer.post('/api/events', eventInput({ capacity: 500, ticketTypes: [{ name: 'General', priceCents: 0 }, { name: 'VIP', priceCents: 0 }] }));
    eventId = event.body.id;
    [general, vip] = event.body.ticketTypes.map((tt: { id: string }) => tt.id);
    otherEventId = (await organizer.post('/api/events', eventInput({ ticketTypes: [{ name: 'Free', priceCents: 0 }] }))).body.id;
  });
  afterAll(() => t.stop());

  it('gives every ticket an 8-character code that checks it in however it is typed', async () => {
    const [ticket] = await ticketsFor(general);
    expect(ticket!.code).toMatch(/^[2-9A-HJKMNP-Z]{8}$/);
    const typed = `${ticket!.code.slice(0, 4).toLowerCase()}-${ticket!.code.slice(4)}`;
    const res = await organizer.post(`/api/events/${eventId}/checkins`, { code: typed });
    expect(res.body).toMatchObject({ result: 'admitted', ticket: { id: ticket!.id } });
    expect((await organizer.post(`/api/events/${eventId}/checkins`, { code: 'ZZZZZZZZ' })).body).toEqual({ result: 'invalid' });
    expect((await organizer.post(`/api/events/${otherEventId}/checkins`, { code: ticket!.code })).body).toEqual({ result: 'invalid' });
  });

  it('a scanner link for a VIP list admits VIP tickets and answers not_on_list for others; the list counts them', async () => {
    const list = await organizer.post(`/api/events/${eventId}/checkin-lists`, { name: 'VIP gate', ticketTypeIds: [vip] });
    expect(list.status).toBe(201);
    expect(list.body).toEqual({ id: expect.any(String), name: 'VIP gate', ticketTypeIds: [vip] });
    const { scanner, link } = await scannerLink({ name: 'VIP phone', checkinListId: list.body.id });
    expect(link).toMatchObject({ name: 'VIP phone', checkinListId: list.body.id, expiresAt: null });
    expect(link.url).toMatch(new RegExp(`/scan/${eventId}#scn_[A-Za-z0-9_-]{43}$`));

    const [standard] = await ticketsFor(general);
    const [gold, silver] = await ticketsFor(vip, 2);
    expect((await scanner.post(`/api/events/${eventId}/checkins`, { qr: standard!.qr })).body).toMatchObject({ result: 'not_on_list', ticket: { id: standard!.id, ticketTypeName: 'General' } });
    expect((await organizer.get(`/api/tickets/${standard!.id}`)).body.status).toBe('valid');
    expect((await scanner.post(`/api/events/${eventId}/checkins`, { qr: gold!.qr })).body.result).toBe('admitted');
    expect((await scanner.post(`/api/events/${eventId}/checkins`, { ticketId: silver!.id })).body.result).toBe('admitted');
    expect((await organizer.post(`/api/events/${eventId}/checkins`, { qr: standard!.qr })).body.result).toBe('admitted');

    const lists = (await organizer.get(`/api/events/${eventId}/checkin-lists`)).body.items;
    expect(lists.find((l: { id: string }) => l.id === list.body.id)).toEqual({ id: list.body.id, name: 'VIP gate', ticketTypeIds: [vip], checkedIn: 2, expected: 2 });
    const links = (await organizer.get(`/api/events/${eventId}/scanner-links`)).body.items;
    const seen = links.find((l: { id: string }) => l.id === link.id);
    expect(seen).toMatchObject({ name: 'VIP phone', scanCount: 3, lastSeenAt: expect.any(String) });
    expect(JSON.stringify(links)).not.toContain(new URL(link.url).hash.slice(1));
  });

  it("door data holds names, codes and types of the event's tickets and never an email; since brings only changes", async () => {
    const { scanner } = await scannerLink();
    const [ticket] = await ticketsFor(general);
    const full = await scanner.get(`/api/events/${eventId}/door-data`);
    expect(full.status).toBe(200);
    expect(full.body.keys[0]).toMatchObject({ keyId: expect.any(String), algorithm: 'Ed25519', publicKey: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/) });
    expect(full.body.checkinList).toBeNull();
    expect(full.body.tickets.find((x: { id: string }) => x.id === ticket!.id)).toEqual({
      id: ticket!.id, code: ticket!.code, attendeeName: ticket!.attendeeName, ticketTypeId: general, ticketTypeName: 'General', status: 'valid', checkedInAt: null, checkedInBy: null,
    });
    expect(full.text).not.toContain('@');
    expect(full.text).not.toContain(ticket!.qr);

    t.clock.advance(5 * 60_000);
    await organizer.renew();
    const since = new Date(t.clock.now().getTime() - 1000).toISOString();
    expect((await scanner.get(`/api/events/${eventId}/door-data?since=${since}`)).body.tickets).toEqual([]);
    await scanner.post(`/api/events/${eventId}/checkins`, { code: ticket!.code });
    const changes = await scanner.get(`/api/events/${eventId}/door-data?since=${encodeURIComponent(since)}`);
    expect(changes.body.tickets).toEqual([expect.objectContaining({ id: ticket!.id, status: 'used' })]);
    expect(Date.parse(changes.body.nextSince)).toBeLessThan(t.clock.now().getTime());
  });

  it('door data names the door that admitted a ticket, so another door can say where it was used', async () => {
    const { scanner: doorA } = await scannerLink({ name: 'Door A' });
    const { scanner: doorB } = await scannerLink({ name: 'Door B' });
    const [byLink, byOrganizer] = await ticketsFor(general, 2);
    expect((await doorA.post(`/api/events/${eventId}/checkins`, { qr: byLink!.qr })).body.result).toBe('admitted');
    expect((await organizer.post(`/api/events/${eventId}/checkins`, { qr: byOrganizer!.qr })).body.result).toBe('admitted');

    const seen = await doorB.get(`/api/events/${eventId}/door-data`);
    expect(seen.body.door).toBe('Door B');
    const named = (id: string) => seen.body.tickets.find((x: { id: string }) => x.id === id);
    expect(named(byLink!.id)).toMatchObject({ status: 'used', checkedInAt: expect.any(String), checkedInBy: 'Door A' });
    expect(named(byOrganizer!.id)).toMatchObject({ status: 'used', checkedInBy: 'Organizer' });
    expect((await organizer.get(`/api/events/${eventId}/door-data`)).body.door).toBe('Organizer');

    // A live scan at another door says where it was used, however old that door's data is.
    const again = await doorB.post(`/api/events/${eventId}/checkins`, { qr: byLink!.qr });
    expect(again.body).toMatchObject({ result: 'already_used', ticket: { id: byLink!.id, checkedInBy: 'Door A' } });
    expect((await doorB.post(`/api/events/${eventId}/checkins`, { qr: byOrganizer!.qr })).body.ticket.checkedInBy).toBe('Organizer');
  });

  it('a scanner link works only on the door endpoints of its own event', async () => {
    const { scanner } = await scannerLink();
    const [elsewhere] = await ticketsFor((await organizer.get(`/api/events/${otherEventId}`)).body.ticketTypes[0].id, 1, otherEventId);
    expect((await scanner.get(`/api/events/${otherEventId}/door-data`)).status).toBe(403);
    expect((await scanner.post(`/api/events/${otherEventId}/checkins`, { qr: elsewhere!.qr })).status).toBe(403);
    for (const [method, path] of [
      ['GET', '/api/me'],
      ['GET', `/api/events/${eventId}/registrations`],
      ['GET', `/api/events/${eventId}/stats`],
      ['GET', `/api/events/${eventId}/checkin-lists`],
      ['GET', `/api/events/${eventId}/scanner-links`],
      ['GET', `/api/events/${eventId}/checkin-conflicts`],
      ['GET', `/api/events/${eventId}/checkin-keys`],
      ['PATCH', `/api/events/${eventId}`],
      ['GET', `/api/tickets/${elsewhere!.id}`],
    ] as const) {
      const res = await scanner.request(method, path, method === 'PATCH' ? { name: 'Taken over' } : undefined);
      expect(res.status, `${method} ${path}`).toBe(401);
    }
    // The other organizer's login is no key to this event's door either.
    expect((await otherOrganizer.get(`/api/events/${eventId}/door-data`)).status).toBe(404);
    expect((await organizer.get(`/api/events/${eventId}`)).body.name).not.toBe('Taken over');
  });

  it("a revoked link's next request answers 401; an expired one too", async () => {
    const { scanner, link } = await scannerLink();
    expect((await scanner.get(`/api/events/${eventId}/door-data`)).status).toBe(200);
    expect((await organizer.request('DELETE', `/api/events/${eventId}/scanner-links/${link.id}`)).status).toBe(204);
    const refused = await scanner.get(`/api/events/${eventId}/door-data`);
    expect(refused.status).toBe(401);
    expect(refused.body.error.code).toBe('unauthorized');
    expect((await organizer.request('DELETE', `/api/events/${eventId}/scanner-links/${link.id}`)).status).toBe(404);
    expect((await organizer.get(`/api/events/${eventId}/scanner-links`)).body.items.map((l: { id: string }) => l.id)).not.toContain(link.id);

    const expiring = await scannerLink({ name: 'Morning shift', expiresAt: new Date(t.clock.now().getTime() + 60 * 60_000).toISOString() });
    expect((await expiring.scanner.get(`/api/events/${eventId}/door-data`)).status).toBe(200);
    t.clock.advance(61 * 60_000);
    await organizer.renew();
    expect((await expiring.scanner.get(`/api/events/${eventId}/door-data`)).status).toBe(401);
  });

  it('50 concurrent sync batches holding the same ticket admit it once; the 49 others are conflicts; a retried batch changes nothing', async () => {
    const [ticket] = await ticketsFor(general);
    const doors = await Promise.all(Array.from({ length: 5 }, (_, i) => scannerLink({ name: `Door ${i}` })));
    const scannedAt = new Date(t.clock.now().getTime() - 10 * 60_000).toISOString();
    const batches = Array.from({ length: 50 }, (_, i) => ({
      deviceId: `phone-${i}`,
      scans: [{ qr: ticket!.qr, nonce: `sync-${i}`, scannedAt, resultShown: 'admitted' }],
    }));
    const answers = await Promise.all(batches.map((b, i) => doors[i % 5]!.scanner.post(`/api/events/${eventId}/checkins/sync`, b)));
    expect(answers.map((a) => a.status)).toEqual(Array(50).fill(200));
    const results = answers.map((a) => a.body.results[0]);
    expect(results.filter((r) => r.result === 'admitted')).toHaveLength(1);
    const conflicts = results.filter((r) => r.conflict !== null);
    expect(conflicts).toHaveLength(49);
    expect(conflicts.every((r) => r.result === 'already_used' && r.conflict.firstCheckedInAt === scannedAt && /^Door \d$/.test(r.conflict.firstBy))).toBe(true);

    const listed = (await organizer.get(`/api/events/${eventId}/checkin-conflicts?limit=100`)).body.items.filter((c: { ticketId: string }) => c.ticketId === ticket!.id);
    expect(listed).toHaveLength(49);
    expect(listed[0]).toMatchObject({ attendeeName: ticket!.attendeeName, ticketTypeName: 'General', firstCheckedInAt: scannedAt, laterScannedAt: scannedAt, laterDeviceId: expect.stringMatching(/^phone-/) });
    expect(listed[0].laterBy).toMatch(/^Door \d$/);

    const statsBefore = (await organizer.get(`/api/events/${eventId}/stats`)).body;
    const retried = await Promise.all(batches.map((b, i) => doors[i % 5]!.scanner.post(`/api/events/${eventId}/checkins/sync`, b)));
    expect(retried.map((a) => a.body.results[0])).toEqual(results);
    expect((await organizer.get(`/api/events/${eventId}/checkin-conflicts?limit=100`)).body.items.filter((c: { ticketId: string }) => c.ticketId === ticket!.id)).toHaveLength(49);
    expect((await organizer.get(`/api/events/${eventId}/stats`)).body.checkedIn).toBe(statsBefore.checkedIn);
  });

  it('a sync batch answers each scan in order, by QR, code or id, and a scanned time ahead of the server is not kept', async () => {
    const { scanner } = await scannerLink();
    const [a, b, c] = await ticketsFor(general, 3);
    const ahead = new Date(t.clock.now().getTime() + 3_600_000).toISOString();
    const res = await scanner.post(`/api/events/${eventId}/checkins/sync`, {
      deviceId: 'phone-order',
      scans: [
        { qr: a!.qr, nonce: 'o-1', scannedAt: ahead, resultShown: 'admitted' },
        { code: b!.code, nonce: 'o-2', scannedAt: ahead, resultShown: 'admitted' },
        { ticketId: c!.id, nonce: 'o-3', scannedAt: ahead, resultShown: 'admitted' },
        { qr: a!.qr, nonce: 'o-4', scannedAt: ahead, resultShown: 'already_used' },
        { qr: `${a!.qr.slice(0, -2)}xx`, nonce: 'o-5', scannedAt: ahead, resultShown: 'invalid' },
      ],
    });
    expect(res.body.results.map((r: { nonce: string; result: string; conflict: unknown }) => [r.nonce, r.result, r.conflict])).toEqual([
      ['o-1', 'admitted', null], ['o-2', 'admitted', null], ['o-3', 'admitted', null], ['o-4', 'already_used', null], ['o-5', 'invalid', null],
    ]);
    const ticket = await organizer.get(`/api/tickets/${a!.id}`);
    expect(Date.parse(ticket.body.checkedInAt)).toBeLessThanOrEqual(t.clock.now().getTime());
  });

  it('takes a full batch of 500 scans with their QR codes (over the 100 KB limit of other requests)', async () => {
    const { scanner } = await scannerLink();
    const [ticket] = await ticketsFor(general);
    const scannedAt = t.clock.now().toISOString();
    const scans = Array.from({ length: 500 }, (_, i) => ({ qr: ticket!.qr, nonce: `full-${i}`, scannedAt, resultShown: i === 0 ? 'admitted' : 'already_used' }));
    expect(JSON.stringify({ deviceId: 'phone-full', scans }).length).toBeGreaterThan(100 * 1024);
    const res = await scanner.post(`/api/events/${eventId}/checkins/sync`, { deviceId: 'phone-full', scans });
    expect(res.status).toBe(200);
    expect(res.body.results.map((r: { result: string }) => r.result)).toEqual(['admitted', ...Array(499).fill('already_used')]);
  });

  it('refuses bad input with 400 and the error body, never a 500', async () => {
    const { scanner } = await scannerLink();
    const [ticket] = await ticketsFor(general);
    const scan = { qr: ticket!.qr, nonce: 'bad-1', scannedAt: t.clock.now().toISOString(), resultShown: 'admitted' };
    const bad: [string, string, unknown][] = [
      ['POST', `/api/events/${eventId}/checkins/sync`, { deviceId: 'p', scans: [] }],
      ['POST', `/api/events/${eventId}/checkins/sync`, { deviceId: 'p', scans: Array.from({ length: 501 }, (_, i) => ({ code: ticket!.code, nonce: `n${i}`, scannedAt: scan.scannedAt, resultShown: 'admitted' })) }],
      ['POST', `/api/events/${eventId}/checkins/sync`, { deviceId: 'p', scans: [{ ...scan, code: ticket!.code }] }],
      ['POST', `/api/events/${eventId}/checkins/sync`, { deviceId: 'p', scans: [{ ...scan, nonce: undefined }] }],
      ['POST', `/api/events/${eventId}/checkins/sync`, { deviceId: 'p', scans: [{ ...scan, scannedAt: 'yesterday' }] }],
      ['POST', `/api/events/${eventId}/checkins/sync`, { deviceId: 'p', scans: [{ ...scan, resultShown: 'waved_through' }] }],
      ['POST', `/api/events/${eventId}/checkins/sync`, { scans: [scan] }],
      ['POST', `/api/events/${eventId}/checkins`, {}],
      ['POST', `/api/events/${eventId}/checkins`, { qr: ticket!.qr, ticketId: ticket!.id }],
      ['GET', `/api/events/${eventId}/door-data?since=last-tuesday`, undefined],
    ];
    for (const [method, path, body] of bad) {
      const res = await scanner.request(method, path, body);
      expect(res.status, `${path} ${String(JSON.stringify(body)).slice(0, 80)}`).toBe(400);
      expect(res.body.error.code).toBe('validation_failed');
    }
    const ownerBad: [string, unknown][] = [
      [`/api/events/${eventId}/checkin-lists`, { name: 'Gate', ticketTypeIds: ['tt_not_here'] }],
      [`/api/events/${eventId}/checkin-lists`, { name: '  ', ticketTypeIds: [] }],
      [`/api/events/${eventId}/checkin-lists`, { name: 'Gate' }],
      [`/api/events/${eventId}/scanner-links`, { name: 'Late', expiresAt: new Date(t.clock.now().getTime() - 1000).toISOString() }],
      [`/api/events/${eventId}/scanner-links`, { name: 'Elsewhere', checkinListId: 'cil_nope' }],
      [`/api/events/${eventId}/scanner-links`, { name: 'Bad\u0000name' }],
    ];
    for (const [path, body] of ownerBad) {
      const res = await organizer.post(path, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.code).toBe('validation_failed');
    }
    expect((await organizer.get(`/api/tickets/${ticket!.id}`)).body.status).toBe('valid');
  });
});
