import type { App, AppOptions } from '../context.js';
import { authenticate } from '../http/auth.js';
import { OrderHistorySchema, RefundBody, RenameTicketBody } from '../order-schemas.js';
import { IdParam, RegistrationSchema, TicketSchema } from '../schemas.js';
import { registrationJson, ticketJson } from '../serializers.js';
import { errorResponse, json, jsonBody, retryLaterResponse, route } from './define.js';

export function orderRoutes(app: App, { services }: AppOptions): void {
  const auth = authenticate(services.deps.identity);
  const { orders, jobs, tickets } = services;

  app.openapi(
    route({ operationId: 'refundRegistration', method: 'post', path: '/api/registrations/{id}/refund', tags: ['Orders'], auth,
      summary: "Refund some tickets of an order (or all not used yet): cancelled, spots released, each ticket's share refunded, the attendee mailed",
      request: { params: IdParam, body: jsonBody(RefundBody) },
      responses: {
        200: json(RegistrationSchema, 'The order after the refund'),
        409: errorResponse('invalid_state {reason}: order_not_confirmed, ticket_used, ticket_cancelled or nothing_to_refund'),
      } }),
    async (c) => {
      const result = await orders.refund(c.var.principal, c.req.valid('param').id, c.req.valid('json'));
      // Refund and mail now; the outbox retries anything that fails.
      await jobs.runJobs(result.jobIds);
      return c.json(registrationJson(result.registration), 200);
    },
  );

  app.openapi(
    route({ operationId: 'cancelTicket', method: 'post', path: '/api/tickets/{id}/cancel', tags: ['Orders'], auth,
      summary: "Cancel one of your tickets within the event's cancellation policy; its share of the order is refunded",
      request: { params: IdParam },
      responses: {
        200: json(TicketSchema, 'The cancelled ticket'),
        409: errorResponse('cancellation_closed {reason} (ticket_used, event_started, cutoff_passed {closedAt}, attendee_cancellation_off), or invalid_state {reason}'),
      } }),
    async (c) => {
      const result = await orders.cancelTicket(c.var.principal, c.req.valid('param').id);
      await jobs.runJobs(result.jobIds);
      return c.json(ticketJson(result.ticket), 200);
    },
  );

  app.openapi(
    route({ operationId: 'resendTicketMail', method: 'post', path: '/api/registrations/{id}/resend', tags: ['Orders'], auth,
      summary: 'Send the ticket mail (PDFs and calendar file) to the attendee again',
      request: { params: IdParam },
      responses: {
        202: { description: 'The mail is on its way' },
        409: errorResponse('invalid_state: the order is not confirmed'),
        429: retryLaterResponse('too_many_attempts: this order was resent 5 times in the last hour'),
      } }),
    async (c) => {
      await jobs.runJobs(await orders.resend(c.var.principal, c.req.valid('param').id));
      return c.body(null, 202);
    },
  );

  app.openapi(
    route({ operationId: 'renameTicket', method: 'patch', path: '/api/tickets/{id}', tags: ['Orders'], auth,
      summary: "Change the name on a ticket (its holder or the event's organizer): the PDF is printed anew, the QR stays the same",
      request: { params: IdParam, body: jsonBody(RenameTicketBody) },
      responses: { 200: json(TicketSchema, 'The renamed ticket'), 409: errorResponse('invalid_state {reason}: ticket_used (admitted at the door) or ticket_cancelled') } }),
    async (c) => {
      const ticket = await orders.rename(c.var.principal, c.req.valid('param').id, c.req.valid('json').attendeeName);
      // Printed now, under the ticket's new PDF key: the next download or mail has the new name.
      await tickets.ensurePdf(ticket);
      return c.json(ticketJson(ticket), 200);
    },
  );

  app.openapi(
    route({ operationId: 'getOrderHistory', method: 'get', path: '/api/registrations/{id}/history', tags: ['Orders'], auth,
      summary: "The order's payments and refunds, oldest first (its owner or the event's organizer)",
      request: { params: IdParam }, responses: { 200: json(OrderHistorySchema, 'The history') } }),
    async (c) => c.json(await orders.history(c.var.principal, c.req.valid('param').id), 200),
  );
}
