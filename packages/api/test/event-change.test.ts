import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newJobs, randomIds, type MailMessage } from '@ticketbooth/core';
import { pdfFile, pdftotext } from '../../tickets/test/poppler.js';
import { startTestServer, type TestServer } from './support/server.js';
import { recordSentMail } from './support/sent-mail.js';
import { ApiClient, eventInput } from './support/client.js';

interface MailboxItem {
  subject: string;
  text: string;
  attachments: { filename: string; contentType: string }[];
}

/** An event that moves: 19:30 Berlin time, later 20:45 in another hall. */
const START = '2027-02-27T18:30:00.000Z';
const END = '2027-02-27T21:30:00.000Z';
const MOVED_START = '2027-02-27T19:45:00.000Z';
const MOVED_END = '2027-02-27T22:45:00.000Z';

describe('tickets that follow an edit of the event time or place', () => {
  let t: TestServer;
  let organizer: ApiClient;
  let holders: ApiClient[];
  let quitter: ApiClient;
  let eventId: string;
  /** Every message the mailer was given (with attachment bytes, which the mailbox does not keep). */
  let sent: MailMessage[];

  beforeAll(async () => {
    t = await startTestServer();
    organizer = await t.client().signUpVerified('organizer');
    holders = [await t.client().signUpVerified('attendee'), await t.client().signUpVerified('attendee')];
    quitter = await t.client().signUpVerified('attendee');
    const created = await organizer.post('/api/events', eventInput({ startsAt: START, endsAt: END, location: 'Hall 1', capacity: 10, ticketTypes: undefined, priceCents: 0 }));
    eventId = created.body.id;
    for (const holder of holders) expect((await holder.post(`/api/events/${eventId}/registrations`, { quantity: 1 })).body.status).toBe('confirmed');
    const cancelled = await quitter.post(`/api/events/${eventId}/registrations`, { quantity: 1 });
    expect((await quitter.post(`/api/registrations/${cancelled.body.id}/cancel`)).status).toBe(200);
    await t.server.home.services.jobs.drain();
    sent = recordSentMail(t);
  });
  afterAll(() => t.stop());

  const mailbox = async (client: ApiClient): Promise<MailboxItem[]> =>
    (await t.client().get(`/api/dev/mailbox?to=${encodeURIComponent(client.user!.email)}`)).body.items;
  const changeMails = async (client: ApiClient) => (await mailbox(client)).filter((m) => m.subject.startsWith('New '));
  const ticketText = async (client: ApiClient): Promise<string> => {
    const [ticket] = (await client.get('/api/me/tickets')).body.items;
    const pdf = await client.ticketPdf(ticket.id);
    expect(pdf.status).toBe(200);
    return pdftotext(pdfFile(new Uint8Array(await pdf.arrayBuffer())));
  };
  const calendarSent = (client: ApiClient): string => {
    const message = sent.findLast((m) => m.to === client.user!.email);
    const ics = message?.attachments?.find((a) => a.contentType === 'text/calendar');
    return new TextDecoder().decode(ics?.content);
  };

  it('a move re-renders the re-downloaded ticket and mails each holder once what changed, with the .ics SEQUENCE raised', async () => {
    expect(await ticketText(holders[0]!)).toContain('19:30');

    const moved = await organizer.patch(`/api/events/${eventId}`, { startsAt: MOVED_START, endsAt: MOVED_END, location: 'Hall 2' });
    expect(moved.status).toBe(200);
    await t.server.home.services.jobs.drain();

    const text = await ticketText(holders[0]!);
    expect(text).toContain('Sat 27 Feb 2027, 20:45 – 23:45 (Europe/Berlin)');
    expect(text).toContain('Hall 2');
    expect(text).not.toContain('19:30');

    for (const holder of holders) {
      const mails = await changeMails(holder);
      expect(mails).toHaveLength(1);
      expect(mails[0]!.subject).toBe('New time and place: Test Conference');
      expect(mails[0]!.text).toContain('When\n  was: Sat 27 Feb 2027, 19:30 – 22:30 (Europe/Berlin)\n  now: Sat 27 Feb 2027, 20:45 – 23:45 (Europe/Berlin)');
      expect(mails[0]!.text).toContain('Where\n  was: Hall 1\n  now: Hall 2');
      expect(mails[0]!.attachments.map((a) => a.contentType)).toEqual(['text/calendar']);
      const ics = calendarSent(holder);
      expect(ics).toContain('\r\nSEQUENCE:1\r\n');
      expect(ics).toContain('\r\nDTSTART:20270227T194500Z\r\n');
    }
    expect(await changeMails(quitter)).toEqual([]);
  });

  it('a retried announcement or change mail job mails nobody a second time', async () => {
    const { store } = t.server.home.services.deps;
    const [registration] = (await holders[0]!.get('/api/me/registrations')).body.items;
    const now = t.clock.now().toISOString();
    await store.enqueueJobs(
      newJobs(randomIds, [
        { kind: 'announce_event_change', eventId },
        {
          kind: 'send_event_change_mail',
          registrationId: registration.id,
          revision: 1,
          before: { startsAt: START, endsAt: END, timezone: 'Europe/Berlin', location: 'Hall 1' },
          after: { startsAt: MOVED_START, endsAt: MOVED_END, timezone: 'Europe/Berlin', location: 'Hall 2' },
        },
      ]),
      now,
    );
    expect(await t.server.home.services.jobs.drain()).toBe(2);
    for (const holder of holders) expect(await changeMails(holder)).toHaveLength(1);
  });

  it('an edit of the description or capacity mails nobody', async () => {
    expect((await organizer.patch(`/api/events/${eventId}`, { description: 'Now with a choir', capacity: 20 })).status).toBe(200);
    await t.server.home.services.jobs.drain();
    for (const holder of holders) expect(await changeMails(holder)).toHaveLength(1);
  });

  it('two quick moves make one mail per holder, from what they were told to the final time, in the final zone', async () => {
    await organizer.patch(`/api/events/${eventId}`, { location: 'Hall 3' });
    await organizer.patch(`/api/events/${eventId}`, { timezone: 'Europe/London', location: 'Hall 4' });
    await t.server.home.services.jobs.drain();
    for (const holder of holders) {
      const mails = await changeMails(holder);
      expect(mails).toHaveLength(2);
      const latest = mails.find((m) => m.text.includes('Hall 4'))!;
      expect(latest.text).toContain('When\n  was: Sat 27 Feb 2027, 20:45 – 23:45 (Europe/Berlin)\n  now: Sat 27 Feb 2027, 19:45 – 22:45 (Europe/London)');
      expect(latest.text).toContain('Where\n  was: Hall 2\n  now: Hall 4');
      expect(calendarSent(holder)).toContain('\r\nSEQUENCE:3\r\n');
    }
    expect(await ticketText(holders[1]!)).toContain('Hall 4');
  });
});
