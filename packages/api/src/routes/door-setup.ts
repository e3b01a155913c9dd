import type { App, AppOptions } from '../context.js';
import { authenticate } from '../http/auth.js';
import {
  CheckInConflictSchema,
  CheckInListBody,
  CheckInListCreated,
  CheckInListSchema,
  IdParam,
  LinkIdParam,
  PageQuery,
  ScannerLinkBody,
  ScannerLinkCreated,
  ScannerLinkSchema,
} from '../schemas.js';
import { z } from '@hono/zod-openapi';
import { json, jsonBody, route } from './define.js';

const itemsOf = <T extends z.ZodTypeAny>(item: T, name: string) => z.object({ items: z.array(item) }).openapi(name);

/** The organizer's side of the door: gates (check-in lists), scanner links and conflicts. */
export function doorSetupRoutes(app: App, { services, publicUrl }: AppOptions): void {
  const auth = authenticate(services.deps.identity);
  const { scanners, door } = services;

  app.openapi(
    route({ operationId: 'createCheckInList', method: 'post', path: '/api/events/{id}/checkin-lists', tags: ['Door'], auth,
      summary: 'A gate: the ticket types it admits (empty: all)',
      request: { params: IdParam, body: jsonBody(CheckInListBody) }, responses: { 201: json(CheckInListCreated, 'The list') } }),
    async (c) => {
      const list = await scanners.createList(c.var.principal, c.req.valid('param').id, c.req.valid('json'));
      return c.json({ id: list.id, name: list.name, ticketTypeIds: list.ticketTypeIds }, 201);
    },
  );

  app.openapi(
    route({ operationId: 'listCheckInLists', method: 'get', path: '/api/events/{id}/checkin-lists', tags: ['Door'], auth,
      summary: "The event's check-in lists with checked-in and expected counts",
      request: { params: IdParam }, responses: { 200: json(itemsOf(CheckInListSchema, 'CheckInLists'), 'The lists') } }),
    async (c) => {
      const lists = await scanners.lists(c.var.principal, c.req.valid('param').id);
      return c.json({ items: lists.map((l) => ({ id: l.id, name: l.name, ticketTypeIds: l.ticketTypeIds, checkedIn: l.checkedIn, expected: l.expected })) }, 200);
    },
  );

  app.openapi(
    route({ operationId: 'createScannerLink', method: 'post', path: '/api/events/{id}/scanner-links', tags: ['Door'], auth,
      summary: 'A link that opens the web scanner for this event (and list) on any phone, no account needed; its secret is shown once',
      request: { params: IdParam, body: jsonBody(ScannerLinkBody) }, responses: { 201: json(ScannerLinkCreated, 'The link') } }),
    async (c) => {
      const { link, secret } = await scanners.createLink(c.var.principal, c.req.valid('param').id, c.req.valid('json'));
      // The path names the event the scanner opens; the secret is in the fragment: browsers send it to
      // no server and put it in no Referer.
      const url = `${publicUrl ?? new URL(c.req.url).origin}/scan/${encodeURIComponent(link.eventId)}#${secret}`;
      return c.json({ id: link.id, name: link.name, checkinListId: link.checkinListId, expiresAt: link.expiresAt, url }, 201);
    },
  );

  app.openapi(
    route({ operationId: 'listScannerLinks', method: 'get', path: '/api/events/{id}/scanner-links', tags: ['Door'], auth,
      summary: "The event's live scanner links (never their secrets), with last seen and scan counts",
      request: { params: IdParam }, responses: { 200: json(itemsOf(ScannerLinkSchema, 'ScannerLinks'), 'The links') } }),
    async (c) => {
      const links = await scanners.links(c.var.principal, c.req.valid('param').id);
      return c.json({
        items: links.map((l) => ({ id: l.id, name: l.name, checkinListId: l.checkinListId, expiresAt: l.expiresAt, createdAt: l.createdAt, lastSeenAt: l.lastSeenAt, scanCount: l.scanCount })),
      }, 200);
    },
  );

  app.openapi(
    route({ operationId: 'revokeScannerLink', method: 'delete', path: '/api/events/{id}/scanner-links/{linkId}', tags: ['Door'], auth,
      summary: "Revoke a scanner link: the scanner's next request answers 401",
      request: { params: LinkIdParam }, responses: { 204: { description: 'Revoked' } } }),
    async (c) => {
      const { id, linkId } = c.req.valid('param');
      await scanners.revokeLink(c.var.principal, id, linkId);
      return c.body(null, 204);
    },
  );

  app.openapi(
    route({ operationId: 'listCheckInConflicts', method: 'get', path: '/api/events/{id}/checkin-conflicts', tags: ['Door'], auth,
      summary: 'Tickets admitted at two doors while offline: the first admission and the later scan, newest first',
      request: { params: IdParam, query: PageQuery.pick({ limit: true }) }, responses: { 200: json(itemsOf(CheckInConflictSchema, 'CheckInConflicts'), 'The conflicts') } }),
    async (c) => {
      const items = await door.conflicts(c.var.principal, c.req.valid('param').id, c.req.valid('query').limit);
      return c.json({ items: items.map(({ eventId: _eventId, ...conflict }) => conflict) }, 200);
    },
  );
}
