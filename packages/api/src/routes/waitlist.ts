import type { WaitlistEntryView } from '@ticketbooth/core';
import type { z } from '@hono/zod-openapi';
import type { App, AppOptions } from '../context.js';
import { authenticate } from '../http/auth.js';
import { registrationJson } from '../serializers.js';
import { IdParam, RegistrationSchema } from '../schemas.js';
import { EventWaitlistSchema, JoinWaitlistBody, MyWaitlistSchema, WaitlistEntrySchema } from '../waitlist-schemas.js';
import { errorResponse, json, jsonBody, route } from './define.js';

/** A live entry as API.md shows it (a done entry is never listed). */
function entryJson(e: WaitlistEntryView): z.input<typeof WaitlistEntrySchema> {
  if (e.status !== 'waiting' && e.status !== 'offered') throw new Error(`Waiting-list entry ${e.id} is ${e.status}, not on the list.`);
  return { id: e.id, eventId: e.eventId, ticketTypeId: e.ticketTypeId, quantity: e.quantity, status: e.status, position: e.position, offer: e.offer, createdAt: e.createdAt };
}

export function waitlistRoutes(app: App, { services }: AppOptions): void {
  const auth = authenticate(services.deps.identity);
  const { waitlist } = services;

  app.openapi(
    route({ operationId: 'joinWaitlist', method: 'post', path: '/api/events/{id}/waitlist', tags: ['Waiting list'], auth,
      summary: 'Join the waiting list of a sold-out event (or ticket type); one entry per account and event',
      request: { params: IdParam, body: jsonBody(JoinWaitlistBody) },
      responses: {
        201: json(WaitlistEntrySchema, 'On the list, with its position'),
        200: json(WaitlistEntrySchema, 'Already on the list: the entry as it is (its quantity unchanged)'),
        409: errorResponse('not_sold_out {spotsRemaining} (register instead), not_on_sale, or account_limit {maxTicketsPerAccount, held}'),
      } }),
    async (c) => {
      const { entry, created } = await waitlist.join(c.var.principal, c.req.valid('param').id, c.req.valid('json'));
      return created ? c.json(entryJson(entry), 201) : c.json(entryJson(entry), 200);
    },
  );

  app.openapi(
    route({ operationId: 'leaveWaitlist', method: 'delete', path: '/api/events/{id}/waitlist', tags: ['Waiting list'], auth,
      summary: 'Leave the waiting list; spots held for your offer go to the next entry',
      request: { params: IdParam }, responses: { 204: { description: 'Off the list' } } }),
    async (c) => {
      await waitlist.leave(c.var.principal, c.req.valid('param').id);
      return c.body(null, 204);
    },
  );

  app.openapi(
    route({ operationId: 'listMyWaitlist', method: 'get', path: '/api/me/waitlist', tags: ['Waiting list'], auth,
      summary: 'Your waiting-list entries, with positions and live offers', responses: { 200: json(MyWaitlistSchema, 'Your entries') } }),
    async (c) => c.json({ items: (await waitlist.listMine(c.var.principal)).map(entryJson) }, 200),
  );

  app.openapi(
    route({ operationId: 'getEventWaitlist', method: 'get', path: '/api/events/{id}/waitlist', tags: ['Waiting list'], auth,
      summary: "Your event's waiting list, in order", request: { params: IdParam }, responses: { 200: json(EventWaitlistSchema, 'The list') } }),
    async (c) => {
      const list = await waitlist.forEvent(c.var.principal, c.req.valid('param').id);
      return c.json({ ...list, items: list.items.map((e) => ({ ...entryJson(e), attendeeName: e.attendeeName, attendeeEmail: e.attendeeEmail })) }, 200);
    },
  );

  app.openapi(
    route({ operationId: 'claimWaitlistOffer', method: 'post', path: '/api/waitlist-offers/{id}/claim', tags: ['Waiting list'], auth,
      summary: 'Claim the spots offered to you: a registration pending payment (or confirmed, when free); a repeated claim answers the same one',
      request: { params: IdParam },
      responses: {
        201: json(RegistrationSchema, 'The registration of the offered spots'),
        409: errorResponse('not_on_sale, hold_exists {registrationId} (pay or cancel that one first), or account_limit {maxTicketsPerAccount, held}'),
        410: errorResponse('offer_expired: the window is over and the spots went to the next entry'),
      } }),
    async (c) => {
      const { registration, jobIds } = await waitlist.claim(c.var.principal, c.req.valid('param').id);
      await services.jobs.runJobs(jobIds);
      return c.json(registrationJson(registration), 201);
    },
  );
}
