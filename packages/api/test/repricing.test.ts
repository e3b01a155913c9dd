import { describe, expect, it } from 'vitest';
import { useServerWithAccounts } from './support/server-with-accounts.js';
import { ApiClient, eventInput, type ApiResponse } from './support/client.js';
import { startTestServer } from './support/server.js';
import { pdfFile, pdftotext } from '../../tickets/test/poppler.js';

interface TicketTypeBody { id: string; name: string; priceCents: number; quantity: number | null }

/** A ticket type as an edit names it. */
const asEdited = ({ id, name, priceCents, quantity }: TicketTypeBody) => ({ id, name, priceCents, quantity });

/**
 * Registering prices an order from the event as read in the last seconds; an organizer's edit in
 * between must still decide what the next attendee pays and what their tickets say.
 */
describe('registering right after the organizer edits the ticket types', () => {
  const app = useServerWithAccounts();

  /**
   * The organizer's edit made through a second server on the same file, as another process (or
   * Lambda) makes it: the first server's copy of the event is then out of date, and only the
   * store's checks keep the next order right.
   */
  async function onAnotherServer(edit: (organizer: ApiClient) => Promise<ApiResponse>): Promise<ApiResponse> {
    const other = await startTestServer({ dataDir: app.t.dataDir, clock: app.t.clock });
    try {
      return await edit(new ApiClient(other.url).as(app.organizer.token));
    } finally {
      await other.stop(false);
    }
  }

  it('charges the price set a moment ago, not the one read before it', async () => {
    const created = await app.organizer.post('/api/events', eventInput());
    const [standard, vip] = created.body.ticketTypes as TicketTypeBody[];
    const before = await app.attendee.post(`/api/events/${created.body.id}/registrations`, { lines: [{ ticketTypeId: standard!.id, quantity: 1 }] });
    expect([before.status, before.body.amountCents]).toEqual([201, 2500]);

    const edit = await onAnotherServer((organizer) => organizer.patch(`/api/events/${created.body.id}`, { ticketTypes: [{ ...asEdited(standard!), priceCents: 3200 }, asEdited(vip!)] }));
    expect(edit.status).toBe(200);
    const next = await (await app.t.client().signUpVerified('attendee')).post(`/api/events/${created.body.id}/registrations`, {
      lines: [{ ticketTypeId: standard!.id, quantity: 2 }],
    });
    expect([next.status, next.body.amountCents, next.body.lines]).toEqual([201, 6400, [{ ticketTypeId: standard!.id, quantity: 2, unitPriceCents: 3200 }]]);
  });

  it('names the ticket type on new tickets as it was renamed a moment ago', async () => {
    const created = await app.organizer.post('/api/events', eventInput({ ticketTypes: [{ name: 'Early bird', priceCents: 0 }] }));
    const [type] = created.body.ticketTypes as TicketTypeBody[];
    const before = await app.attendee.post(`/api/events/${created.body.id}/registrations`, { quantity: 1 });
    expect(before.body.tickets.map((t: { ticketTypeName: string }) => t.ticketTypeName)).toEqual(['Early bird']);

    expect((await app.organizer.patch(`/api/events/${created.body.id}`, { ticketTypes: [{ ...asEdited(type!), name: 'Frühbucher' }] })).status).toBe(200);
    const next = await (await app.t.client().signUpVerified('attendee')).post(`/api/events/${created.body.id}/registrations`, { quantity: 1 });
    expect([next.status, next.body.tickets.map((t: { ticketTypeName: string }) => t.ticketTypeName)]).toEqual([201, ['Frühbucher']]);
  });

  it("prints a type renamed in Japanese a moment ago on another server on the next ticket, with the time in the event's own zone", async () => {
    const created = await app.organizer.post('/api/events', eventInput({
      name: '東京 TypeScript 勉強会', location: '渋谷区 3-1', timezone: 'Asia/Tokyo', currency: 'JPY',
      startsAt: '2027-03-06T10:00:00.000Z', endsAt: '2027-03-06T13:00:00.000Z', ticketTypes: [{ name: 'General', priceCents: 0 }],
    }));
    const [type] = created.body.ticketTypes as TicketTypeBody[];
    expect((await app.attendee.post(`/api/events/${created.body.id}/registrations`, { quantity: 1 })).status).toBe(201);
    const rename = await onAnotherServer((organizer) => organizer.patch(`/api/events/${created.body.id}`, { ticketTypes: [{ ...asEdited(type!), name: '一般（当日）' }] }));
    expect(rename.status).toBe(200);

    const next = await app.t.client().signUpVerified('attendee');
    const placed = await next.post(`/api/events/${created.body.id}/registrations`, { quantity: 1 });
    expect([placed.status, placed.body.tickets.map((t: { ticketTypeName: string }) => t.ticketTypeName)]).toEqual([201, ['一般（当日）']]);
    const text = await ticketText(next, placed.body.tickets[0].id as string);
    expect(text).toContain('一般（当日）');
    expect(text).toContain('東京 TypeScript 勉強会');
    expect(text).toContain('Sat 6 Mar 2027, 19:00 – 22:00 (Asia/Tokyo)');
  });

  /** The ticket's PDF as poppler reads it, through the download link its holder gets. */
  async function ticketText(holder: ApiClient, ticketId: string): Promise<string> {
    const pdf = await holder.ticketPdf(ticketId);
    expect(pdf.status).toBe(200);
    return pdftotext(pdfFile(new Uint8Array(await pdf.arrayBuffer())));
  }
});
