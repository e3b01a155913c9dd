import type { App, AppOptions } from '../context.js';
import { authenticate } from '../http/auth.js';
import { CheckInBody, CheckInKeysResponse, CheckInResponse, IdParam } from '../schemas.js';
import { json, jsonBody, route } from './define.js';

export function doorRoutes(app: App, { services }: AppOptions): void {
  const { identity } = services.deps;
  const auth = authenticate(identity);

  app.openapi(
    route({ operationId: 'checkIn', method: 'post', path: '/api/events/{id}/checkins', tags: ['Door'], auth,
      summary: 'Scan a ticket QR: admitted once, then already_used; a repeated nonce returns the first answer',
      request: { params: IdParam, body: jsonBody(CheckInBody) }, responses: { 200: json(CheckInResponse, 'The scan result') } }),
    async (c) => {
      const principal = c.var.principal;
      const { qr, nonce } = c.req.valid('json');
      const outcome = await services.door.scan(principal, c.req.valid('param').id, qr, nonce ?? null);
      return c.json(outcome.ticket ? { result: outcome.result, ticket: outcome.ticket } : { result: outcome.result }, 200);
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
