import type { TicketReference } from '@ticketbooth/core';
import type { App, AppOptions } from '../context.js';
import { authenticate, authenticateDoor } from '../http/auth.js';
import {
  CheckInBody,
  CheckInKeysResponse,
  CheckInResponse,
  CheckInSyncBody,
  CheckInSyncResponse,
  DoorDataQuery,
  DoorDataResponse,
  IdParam,
} from '../schemas.js';
import { errorResponse, json, jsonBody, route } from './define.js';
import { MAX_SYNC_BODY_BYTES } from '../http/body-limits.js';

/** The one reference a validated body holds (the schema refuses none or several). */
function referenceOf(body: { qr?: string | undefined; code?: string | undefined; ticketId?: string | undefined }): TicketReference {
  if (body.qr !== undefined) return { qr: body.qr };
  if (body.code !== undefined) return { code: body.code };
  return { ticketId: body.ticketId! };
}

/** Scanning: the event's organizer, or a scanner link of the event (its secret as the bearer). */
export function doorRoutes(app: App, { services }: AppOptions): void {
  const auth = authenticate(services.deps.identity);
  const doorAuth = authenticateDoor(services);

  app.openapi(
    route({ operationId: 'checkIn', method: 'post', path: '/api/events/{id}/checkins', tags: ['Door'], auth: doorAuth,
      summary: 'Scan a ticket (QR, printed code or id): admitted once, then already_used; a repeated nonce returns the first answer',
      request: { params: IdParam, body: jsonBody(CheckInBody) }, responses: { 200: json(CheckInResponse, 'The scan result') } }),
    async (c) => {
      const body = c.req.valid('json');
      const outcome = await services.door.scan(c.var.caller, c.req.valid('param').id, referenceOf(body), body.nonce ?? null);
      return c.json(outcome.ticket ? { result: outcome.result, ticket: outcome.ticket } : { result: outcome.result }, 200);
    },
  );

  app.openapi(
    route({ operationId: 'syncCheckIns', method: 'post', path: '/api/events/{id}/checkins/sync', tags: ['Door'], auth: doorAuth,
      summary: 'Scans made offline, in order: each is a check-in keyed by its nonce; a ticket admitted at two doors is admitted once and the later scan is a conflict',
      request: { params: IdParam, body: jsonBody(CheckInSyncBody) }, responses: {
        200: json(CheckInSyncResponse, 'One result per scan, in order'),
        413: errorResponse(`The request body is larger than ${MAX_SYNC_BODY_BYTES / 1024} KB (payload_too_large)`),
      } }),
    async (c) => {
      const { deviceId, scans } = c.req.valid('json');
      const results = await services.door.sync(
        c.var.caller,
        c.req.valid('param').id,
        deviceId,
        scans.map((s) => ({ ticket: referenceOf(s), nonce: s.nonce, scannedAt: s.scannedAt, resultShown: s.resultShown })),
      );
      return c.json({ results }, 200);
    },
  );

  app.openapi(
    route({ operationId: 'getDoorData', method: 'get', path: '/api/events/{id}/door-data', tags: ['Door'], auth: doorAuth,
      summary: "What a scanner needs offline: public keys and the event's tickets (names and types, never emails); with since, only what changed",
      request: { params: IdParam, query: DoorDataQuery }, responses: { 200: json(DoorDataResponse, 'Door data') } }),
    async (c) => {
      const { since } = c.req.valid('query');
      const data = await services.door.doorData(c.var.caller, c.req.valid('param').id, since ? new Date(since).toISOString() : null);
      return c.json({ ...data, tickets: data.tickets.map(({ changedAt: _changedAt, ...t }) => t) }, 200);
    },
  );

  app.openapi(
    route({ operationId: 'getCheckInKeys', method: 'get', path: '/api/events/{id}/checkin-keys', tags: ['Door'], auth,
      summary: 'Public keys for verifying ticket QR codes offline',
      request: { params: IdParam }, responses: { 200: json(CheckInKeysResponse, 'Keys') } }),
    async (c) => {
      const principal = c.var.principal;
      return c.json({ keys: await services.door.keys(principal, c.req.valid('param').id) }, 200);
    },
  );
}
