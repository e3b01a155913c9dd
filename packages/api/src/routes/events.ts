import type { App, AppOptions } from '../context.js';
import { authenticate, optionalPrincipal } from '../http/auth.js';
import { prepareJson, sendPrepared } from '../http/public-read.js';
import { eventJson } from '../serializers.js';
import {
  CancelEventBody,
  CreateEventBody,
  EventSchema,
  EventSearchQuery,
  IdParam,
  PageQuery,
  UpdateEventBody,
  listOf,
} from '../schemas.js';
import { OPTIONAL_BEARER_AUTH, json, jsonBody, publicRead, route } from './define.js';

const EventList = listOf(EventSchema, 'EventList');

export function eventRoutes(app: App, { services }: AppOptions): void {
  const { identity } = services.deps;
  const auth = authenticate(identity);
  const events = services.events;

  app.openapi(
    route({ operationId: 'listEvents', method: 'get', path: '/api/events', tags: ['Events'], summary: 'Published events that have not ended, soonest first',
      request: { query: EventSearchQuery }, responses: publicRead(EventList, 'A page of events') }),
    async (c) => {
      const query = c.req.valid('query');
      const answer = await services.listing.get(JSON.stringify(query), async () => {
        const page = await events.search(query);
        return prepareJson(EventList, { items: page.items.map(eventJson), nextCursor: page.nextCursor });
      });
      return sendPrepared(c, EventList, answer, 200);
    },
  );

  app.openapi(
    route({ operationId: 'getEvent', method: 'get', path: '/api/events/{id}', tags: ['Events'], security: OPTIONAL_BEARER_AUTH, summary: 'One event (drafts: their organizer only)',
      request: { params: IdParam }, responses: publicRead(EventSchema, 'The event') }),
    async (c) => {
      const { id } = c.req.valid('param');
      const principal = await optionalPrincipal(c, identity);
      // Only what anyone may see is kept: a draft is seen by its organizer, with a token, never from the cache.
      const answer = principal
        ? prepareJson(EventSchema, eventJson(await events.get(principal, id)))
        : await services.listing.get(`event ${id}`, async () => prepareJson(EventSchema, eventJson(await events.get(null, id))));
      return sendPrepared(c, EventSchema, answer, 200);
    },
  );

  app.openapi(
    route({ operationId: 'createEvent', method: 'post', path: '/api/events', tags: ['Events'], auth, summary: 'Create an event (organizers)',
      request: { body: jsonBody(CreateEventBody) }, responses: { 201: json(EventSchema, 'Created') } }),
    async (c) => {
      const principal = c.var.principal;
      const input = c.req.valid('json');
      // Ticket type ids are the server's to make (a client's id could repeat or collide with another
      // event's and fail the insert); `id` only means something when editing an existing event.
      const ticketTypes = input.ticketTypes?.map(({ id: _ignored, ...ticketType }) => ticketType);
      return c.json(eventJson(await events.create(principal, { ...input, ticketTypes })), 201);
    },
  );

  app.openapi(
    route({ operationId: 'updateEvent', method: 'patch', path: '/api/events/{id}', tags: ['Events'], auth, summary: 'Edit an event you organize',
      request: { params: IdParam, body: jsonBody(UpdateEventBody) }, responses: { 200: json(EventSchema, 'Updated') } }),
    async (c) => {
      const principal = c.var.principal;
      return c.json(eventJson(await events.update(principal, c.req.valid('param').id, c.req.valid('json'))), 200);
    },
  );

  app.openapi(
    route({ operationId: 'publishEvent', method: 'post', path: '/api/events/{id}/publish', tags: ['Events'], auth, summary: 'Publish a draft',
      request: { params: IdParam }, responses: { 200: json(EventSchema, 'Published') } }),
    async (c) => {
      const principal = c.var.principal;
      return c.json(eventJson(await events.publish(principal, c.req.valid('param').id)), 200);
    },
  );

  app.openapi(
    route({ operationId: 'cancelEvent', method: 'post', path: '/api/events/{id}/cancel', tags: ['Events'], auth,
      summary: 'Cancel an event: open registrations cancelled, paid ones refunded, attendees mailed',
      request: { params: IdParam, body: { required: false, content: { 'application/json': { schema: CancelEventBody } } } },
      responses: { 200: json(EventSchema, 'Cancelled') } }),
    async (c) => {
      const principal = c.var.principal;
      const { id } = c.req.valid('param');
      const { jobIds } = await events.cancel(principal, id, c.req.valid('json')?.reason);
      // Run this cancellation's jobs now so the answer reflects them; the outbox retries anything that fails.
      await services.jobs.runJobs(jobIds);
      return c.json(eventJson(await events.getOwned(principal, id)), 200);
    },
  );

  app.openapi(
    route({ operationId: 'listMyEvents', method: 'get', path: '/api/organizer/events', tags: ['Events'], auth, summary: 'Your events, all statuses, newest first',
      request: { query: PageQuery }, responses: { 200: json(EventList, 'A page of events') } }),
    async (c) => {
      const principal = c.var.principal;
      const { limit, cursor } = c.req.valid('query');
      const page = await events.listOwn(principal, limit, cursor);
      return c.json({ items: page.items.map(eventJson), nextCursor: page.nextCursor }, 200);
    },
  );
}
