import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startTestServer, type TestServer } from './support/server.js';
import { ApiClient, eventInput } from './support/client.js';

describe('the outbox, as the organizer and the attendees see it', () => {
  let t: TestServer;
  let organizer: ApiClient;
  let attendee: ApiClient;
  let other: ApiClient;
  beforeAll(async () => {
    t = await startTestServer({ env: { MAX_JOB_ATTEMPTS: '2' } });
    organizer = await t.client().signUpVerified('organizer');
    attendee = await t.client().signUpVerified('attendee');
    other = await t.client().signUpVerified('attendee');
  });
  afterAll(() => t.stop());

  const freeEvent = async () => (await organizer.post('/api/events', eventInput({ capacity: 5, ticketTypes: undefined, priceCents: 0 }))).body.id as string;
  const mailTo = async (client: ApiClient) =>
    (await t.client().get(`/api/dev/mailbox?to=${encodeURIComponent(client.user!.email)}`)).body.items.map((m: { subject: string }) => m.subject);

  it('a ticket mail that fails its last attempt shows on the organizer dashboard and is logged as an error', async () => {
    const eventId = await freeEvent();
    const registration = await attendee.post(`/api/events/${eventId}/registrations`, { quantity: 1 });
    expect(registration.body.status).toBe('confirmed');
    expect((await organizer.get(`/api/events/${eventId}/stats`)).body.failedJobs).toEqual([]);

    const { services } = t.server.home;
    const refused = vi.spyOn(services.deps.mailer, 'send').mockRejectedValue(new Error('mail relay refused'));
    expect(await services.jobs.drain()).toBe(1);
    expect((await organizer.get(`/api/events/${eventId}/stats`)).body.failedJobs).toEqual([]);
    t.clock.advance(60_000); // past the first retry's backoff
    expect(await services.jobs.drain()).toBe(1);
    refused.mockRestore();

    const stats = await organizer.get(`/api/events/${eventId}/stats`);
    expect(stats.status).toBe(200);
    expect(stats.body.failedJobs).toEqual([
      {
        jobId: expect.any(String),
        kind: 'send_ticket_mail',
        registrationId: registration.body.id,
        attendeeEmail: attendee.user!.email,
        attempts: 2,
        failedAt: t.clock.now().toISOString(),
      },
    ]);
    expect(t.logs.some((line) => line.includes('"level":"error"') && line.includes('job failed for good') && line.includes('mail relay refused'))).toBe(true);

    // Given up on: the mail relay working again does not send it, and no other event lists it.
    t.clock.advance(60 * 60_000);
    await Promise.all([organizer.renew(), attendee.renew(), other.renew()]);
    expect(await services.jobs.drain()).toBe(0);
    expect(await mailTo(attendee)).not.toContain(`Your tickets for ${eventInput().name}`);
    expect((await organizer.get(`/api/events/${await freeEvent()}/stats`)).body.failedJobs).toEqual([]);
  });

  it("cancelling a registration runs that cancel's jobs, not everyone's outbox", async () => {
    const eventId = await freeEvent();
    const mine = await attendee.post(`/api/events/${eventId}/registrations`, { quantity: 1 });
    const theirs = await other.post(`/api/events/${eventId}/registrations`, { quantity: 1 });
    expect([mine.body.status, theirs.body.status]).toEqual(['confirmed', 'confirmed']);

    const cancelled = await attendee.post(`/api/registrations/${mine.body.id}/cancel`);
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.status).toBe('cancelled');
    expect(await mailTo(attendee)).toContain(`Cancelled: ${eventInput().name}`);
    // The other attendee's ticket mail is still waiting for the outbox.
    expect(await mailTo(other)).not.toContain(`Your tickets for ${eventInput().name}`);
    await t.server.home.services.jobs.drain();
    expect(await mailTo(other)).toContain(`Your tickets for ${eventInput().name}`);
  });
});
