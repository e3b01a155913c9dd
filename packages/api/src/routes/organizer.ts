import { z } from '@hono/zod-openapi';
import { decimalAmount, sortableLocalTime } from '@ticketbooth/core';
import type { App, AppOptions } from '../context.js';
import { authenticate } from '../http/auth.js';
import { toCsv } from '../http/csv.js';
import { IdParam, PageQuery, RegistrantSchema, StatsSchema, listOf } from '../schemas.js';
import { attachmentHeaders, json, route } from './define.js';

/** One row per ticket; `amount` is the ticket's share of its order in major units ("15.00"). */
const csvHeader = (timezone: string) => ['ticketId', 'code', 'ticketType', 'attendeeName', 'attendeeEmail', 'registrationId', 'amount', 'currency', 'status', `checkedInAt (${timezone})`];
/** Lets Excel read the file as UTF-8 (non-ASCII names intact) rather than the system's code page. */
const UTF8_BOM = '\uFEFF';

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
      summary: 'Every ticket as CSV (UTF-8 with a BOM), one row each, safe to open in a spreadsheet',
      request: { params: IdParam }, responses: { 200: { description: 'The tickets, one row each, check-in times on the event\'s wall clock', headers: attachmentHeaders, content: { 'text/csv': { schema: z.string() } } } } }),
    async (c) => {
      const principal = c.var.principal;
      const { id } = c.req.valid('param');
      const { timezone, rows } = await organizer.ticketRows(principal, id);
      const cells = rows.map((r) => [r.ticketId, r.code, r.ticketTypeName, r.attendeeName, r.buyerEmail, r.registrationId,
        decimalAmount(r.amountCents, r.currency), r.currency, r.status, r.checkedInAt ? sortableLocalTime(r.checkedInAt, timezone) : '']);
      c.header('content-disposition', `attachment; filename="registrants-${id}.csv"`);
      return c.body(UTF8_BOM + toCsv(csvHeader(timezone), cells), 200, { 'content-type': 'text/csv; charset=utf-8' });
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

