import { z } from '@hono/zod-openapi';
import type { App, AppOptions } from '../context.js';
import { authenticate } from '../http/auth.js';
import { toCsv } from '../http/csv.js';
import { IdParam, PageQuery, RegistrantSchema, StatsSchema, listOf } from '../schemas.js';
import { attachmentHeaders, json, route } from './define.js';

const CSV_HEADER = ['registrationId', 'attendeeName', 'attendeeEmail', 'quantity', 'ticketTypes', 'amountCents', 'currency', 'status', 'createdAt', 'checkedIn'];

export function organizerRoutes(app: App, { services }: AppOptions): void {
  const { identity } = services.deps;
  const auth = authenticate(identity);
  const { organizer } = services;

  app.openapi(
    route({ operationId: 'listRegistrants', method: 'get', path: '/api/events/{id}/registrations', tags: ['Organizer'], auth, summary: "Your event's registrants, newest first",
      request: { params: IdParam, query: PageQuery }, responses: { 200: json(listOf(RegistrantSchema, 'RegistrantList'), 'A page of registrants') } }),
    async (c) => {
      const principal = c.var.principal;
      const { limit, cursor } = c.req.valid('query');
      return c.json(await organizer.registrants(principal, c.req.valid('param').id, limit, cursor), 200);
    },
  );

  app.openapi(
    route({ operationId: 'exportRegistrantsCsv', method: 'get', path: '/api/events/{id}/registrations.csv', tags: ['Organizer'], auth,
      summary: 'All registrants as CSV, safe to open in a spreadsheet',
      request: { params: IdParam }, responses: { 200: { description: 'The registrants, one row each', headers: attachmentHeaders, content: { 'text/csv': { schema: z.string() } } } } }),
    async (c) => {
      const principal = c.var.principal;
      const { id } = c.req.valid('param');
      const rows: (string | number)[][] = [];
      for await (const r of organizer.allRegistrants(principal, id)) {
        rows.push([r.registrationId, r.attendeeName, r.attendeeEmail, r.quantity,
          r.ticketTypes.map((t) => `${t.quantity} x ${t.name}`).join('; '), r.amountCents, r.currency, r.status, r.createdAt, r.checkedIn]);
      }
      c.header('content-disposition', `attachment; filename="registrants-${id}.csv"`);
      return c.body(toCsv(CSV_HEADER, rows), 200, { 'content-type': 'text/csv; charset=utf-8' });
    },
  );

  app.openapi(
    route({ operationId: 'getEventStats', method: 'get', path: '/api/events/{id}/stats', tags: ['Organizer'], auth, summary: 'Sales and check-in figures with a per-day timeline',
      request: { params: IdParam }, responses: { 200: json(StatsSchema, 'Stats') } }),
    async (c) => {
      const principal = c.var.principal;
      return c.json(await organizer.stats(principal, c.req.valid('param').id), 200);
    },
  );
}
