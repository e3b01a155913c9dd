import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newJobs, randomIds, type MailMessage } from '@ticketbooth/core';
import { startTestServer, type TestServer } from './support/server.js';
import { recordSentMail } from './support/sent-mail.js';
import { ApiClient, eventInput } from './support/client.js';

/** An "Ends" left empty stays empty: no end is invented for people to read. */
describe('an event with no end given', () => {
  let t: TestServer;
  let organizer: ApiClient;

  beforeAll(async () => {
    t = await startTestServer();
    organizer = await t.client().signUpVerified('organizer');
  });
  afterAll(() => t.stop());

  it('is answered with a null end, still on sale, and its calendar file has no end', async () => {
    const created = await organizer.post('/api/events', eventInput({ endsAt: undefined, ticketTypes: undefined, priceCents: 0 }));
    expect(created.status).toBe(201);
    expect(created.body.endsAt).toBeNull();
    expect((await t.client().get(`/api/events/${created.body.id}`)).body.endsAt).toBeNull();
    expect((await t.client().get('/api/events?limit=100')).body.items.map((e: { id: string }) => e.id)).toContain(created.body.id);

    const attendee = await t.client().signUpVerified('attendee');
    const registration = await attendee.post(`/api/events/${created.body.id}/registrations`, { quantity: 1 });
    expect(registration.body.status).toBe('confirmed');
    const ics = (await attendee.get(`/api/registrations/${registration.body.id}/calendar.ics`)).text;
    expect(ics).toContain('DTSTART:');
    expect(ics).not.toContain('DTEND:');
  });

  it('gets an end from an edit, and loses it again with null; a moved start keeps it open', async () => {
    const created = await organizer.post('/api/events', eventInput({ endsAt: null }));
    expect(created.body.endsAt).toBeNull();
    const endsAt = new Date(Date.parse(created.body.startsAt) + 5 * 3_600_000).toISOString();
    expect((await organizer.patch(`/api/events/${created.body.id}`, { endsAt })).body.endsAt).toBe(endsAt);
    expect((await organizer.patch(`/api/events/${created.body.id}`, { endsAt: null })).body.endsAt).toBeNull();
    const later = new Date(Date.parse(created.body.startsAt) + 86_400_000).toISOString();
    expect((await organizer.patch(`/api/events/${created.body.id}`, { startsAt: later })).body).toMatchObject({ startsAt: later, endsAt: null });
  });

  describe('once it has holders', () => {
    /** 19:30 Berlin time, no end given; later 20:45, later with an end at 22:45 (the end it was assumed to have). */
    const START = '2027-02-27T18:30:00.000Z';
    const MOVED_START = '2027-02-27T19:45:00.000Z';
    const ASSUMED_END = '2027-02-27T21:45:00.000Z';
    let eventId: string;
    let holder: ApiClient;
    let sent: MailMessage[];

    beforeAll(async () => {
      const created = await organizer.post('/api/events', eventInput({ startsAt: START, endsAt: undefined, ticketTypes: undefined, priceCents: 0 }));
      eventId = created.body.id;
      holder = await t.client().signUpVerified('attendee');
      expect((await holder.post(`/api/events/${eventId}/registrations`, { quantity: 1 })).body.status).toBe('confirmed');
      await t.server.home.services.jobs.drain();
      sent = recordSentMail(t);
    });

    const lastChangeMail = () => {
      const mail = sent.findLast((m) => m.to === holder.user!.email && m.subject.startsWith('New '));
      const ics = mail?.attachments?.find((a) => a.contentType === 'text/calendar');
      return { text: mail?.text ?? '', ics: new TextDecoder().decode(ics?.content) };
    };

    it('gives the door no end either', async () => {
      const door = await organizer.get(`/api/events/${eventId}/door-data`);
      expect(door.status).toBe(200);
      expect(door.body.event).toMatchObject({ startsAt: START, endsAt: null });
    });

    it('a moved start mails holders the start alone, was and now, with a calendar file that has no end', async () => {
      expect((await organizer.patch(`/api/events/${eventId}`, { startsAt: MOVED_START })).status).toBe(200);
      await t.server.home.services.jobs.drain();
      const mail = lastChangeMail();
      expect(mail.text).toContain('When\n  was: Sat 27 Feb 2027, 19:30 (Europe/Berlin)\n  now: Sat 27 Feb 2027, 20:45 (Europe/Berlin)\n');
      expect(mail.ics).toContain('\r\nDTSTART:20270227T194500Z\r\n');
      expect(mail.ics).not.toContain('DTEND');
    });

    it('an end given later is news to holders even at the instant it was assumed to end, and reaches their calendar', async () => {
      const mailsBefore = sent.length;
      const edited = await organizer.patch(`/api/events/${eventId}`, { endsAt: ASSUMED_END });
      expect(edited.body.endsAt).toBe(ASSUMED_END);
      await t.server.home.services.jobs.drain();
      expect(sent.length).toBe(mailsBefore + 1);
      const mail = lastChangeMail();
      expect(mail.text).toContain('When\n  was: Sat 27 Feb 2027, 20:45 (Europe/Berlin)\n  now: Sat 27 Feb 2027, 20:45 – 22:45 (Europe/Berlin)\n');
      expect(mail.ics).toContain('\r\nDTEND:20270227T214500Z\r\n');
      expect((await organizer.get(`/api/events/${eventId}/door-data`)).body.event.endsAt).toBe(ASSUMED_END);
    });

    it('a change mail sent after the end was removed again still attaches the calendar file of the end it announces', async () => {
      expect((await organizer.patch(`/api/events/${eventId}`, { endsAt: null })).status).toBe(200);
      await t.server.home.services.jobs.drain();
      const [registration] = (await holder.get('/api/me/registrations')).body.items;
      // The announcement of the end, mailed only now (an outbox running behind the edits).
      const schedule = { startsAt: MOVED_START, endsAt: ASSUMED_END, timezone: 'Europe/Berlin', location: 'Hall 1, Berlin' };
      await t.server.home.services.deps.store.enqueueJobs(
        newJobs(randomIds, [{ kind: 'send_event_change_mail', registrationId: registration.id, revision: 99, before: { ...schedule, openEnded: true }, after: schedule }]),
        t.clock.now().toISOString(),
      );
      await t.server.home.services.jobs.drain();
      expect(lastChangeMail().ics).toContain('\r\nDTEND:20270227T214500Z\r\n');
    });
  });
});
