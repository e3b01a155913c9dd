import { z } from '@hono/zod-openapi';
import { attachmentDisposition } from '@ticketbooth/core';
import type { App, AppOptions } from '../context.js';
import { authenticate } from '../http/auth.js';
import { ticketJson } from '../serializers.js';
import { DownloadLinkSchema, IdParam, PageQuery, TicketSchema, listOf } from '../schemas.js';
import { attachmentHeaders, errorResponse, json, route } from './define.js';

export function ticketRoutes(app: App, { services, requestOrigin }: AppOptions): void {
  const { identity } = services.deps;
  const auth = authenticate(identity);
  const { tickets } = services;

  app.openapi(
    route({ operationId: 'listMyTickets', method: 'get', path: '/api/me/tickets', tags: ['Tickets'], auth, summary: 'Your tickets',
      request: { query: PageQuery }, responses: { 200: json(listOf(TicketSchema, 'TicketList'), 'A page of tickets') } }),
    async (c) => {
      const principal = c.var.principal;
      const { limit, cursor } = c.req.valid('query');
      const page = await tickets.listMine(principal, limit, cursor);
      return c.json({ items: page.items.map(ticketJson), nextCursor: page.nextCursor }, 200);
    },
  );

  app.openapi(
    route({ operationId: 'getTicket', method: 'get', path: '/api/tickets/{id}', tags: ['Tickets'], auth, summary: 'A ticket (its holder or the event organizer)',
      request: { params: IdParam }, responses: { 200: json(TicketSchema, 'The ticket') } }),
    async (c) => {
      const principal = c.var.principal;
      return c.json(ticketJson(await tickets.get(principal, c.req.valid('param').id)), 200);
    },
  );

  app.openapi(
    route({ operationId: 'createTicketDownloadLink', method: 'post', path: '/api/tickets/{id}/download-link', tags: ['Tickets'], auth,
      summary: 'A link to the ticket PDF that needs no token and expires in minutes',
      request: { params: IdParam }, responses: { 200: json(DownloadLinkSchema, 'The link') } }),
    async (c) => {
      const principal = c.var.principal;
      const link = await tickets.downloadLink(principal, c.req.valid('param').id);
      // Without PUBLIC_URL the local home's links are paths: they go where this request came to.
      const origin = requestOrigin ? requestOrigin(c) : new URL(c.req.url).origin;
      return c.json({ ...link, url: new URL(link.url, origin).href }, 200);
    },
  );

  app.openapi(
    route({ operationId: 'getRegistrationTicketsPdf', method: 'get', path: '/api/registrations/{id}/tickets.pdf', tags: ['Tickets'], auth,
      summary: 'Every ticket of the order that still admits, a page each, in one PDF (its owner only)',
      request: { params: IdParam },
      responses: { 200: { description: 'The PDF, a page per ticket', headers: attachmentHeaders, content: { 'application/pdf': { schema: z.string().openapi({ format: 'binary' }) } } },
        409: errorResponse('The order has no ticket that admits (invalid_state): pending, expired, cancelled or refunded') } }),
    async (c) => {
      const principal = c.var.principal;
      const { filename, body } = await tickets.orderPdf(principal, c.req.valid('param').id);
      c.header('content-disposition', attachmentDisposition(filename));
      c.header('cache-control', 'private, no-store');
      return c.body(new Uint8Array(body), 200, { 'content-type': 'application/pdf' });
    },
  );

  app.openapi(
    route({ operationId: 'getRegistrationCalendar', method: 'get', path: '/api/registrations/{id}/calendar.ics', tags: ['Tickets'], auth, summary: 'The event as an iCalendar file',
      request: { params: IdParam }, responses: { 200: { description: 'The event as one VEVENT', headers: attachmentHeaders, content: { 'text/calendar': { schema: z.string() } } } } }),
    async (c) => {
      const principal = c.var.principal;
      const { filename, body } = await tickets.calendar(principal, c.req.valid('param').id);
      c.header('content-disposition', attachmentDisposition(filename));
      return c.body(body, 200, { 'content-type': 'text/calendar; charset=utf-8' });
    },
  );
}
