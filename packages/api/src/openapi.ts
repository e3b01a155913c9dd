import { BEARER_AUTH } from './routes/define.js';

/** The document-level parts of /api/openapi.json; the paths and schemas come from the routes. */
export const OPENAPI_CONFIG = {
  openapi: '3.1.0',
  info: {
    title: 'Ticketbooth API',
    version: '1.0.0',
    description:
      'Events, registrations, payments, tickets and door check-in. Errors: {"error": {"code", "message", "details?"}}. ' +
      'Send the access token from login as `Authorization: Bearer <accessToken>`; operations marked without a lock need none.',
    license: { name: 'Apache-2.0', identifier: 'Apache-2.0' },
  },
  // Same origin as the web app in both homes (the Node server, CloudFront in front of API Gateway).
  servers: [{ url: '/', description: 'The server this document was fetched from' }],
  security: BEARER_AUTH,
  tags: [
    { name: 'System', description: 'Health and this document' },
    { name: 'Accounts', description: 'Sign-up, email verification, login and tokens' },
    { name: 'Events', description: 'The public listing and the organizer’s events' },
    { name: 'Registrations', description: 'Registering for tickets: free ones are confirmed at once, paid ones held until paid' },
    { name: 'Payments', description: 'Paying for a held registration' },
    { name: 'Tickets', description: 'Tickets, their PDF download links and calendar files' },
    { name: 'Door', description: 'Checking tickets in at the door' },
    { name: 'Organizer', description: 'Registrants and figures of an event you organize' },
    { name: 'Waiting list', description: 'Waiting for spots of a sold-out event: offers that hold freed spots, claimed as a registration' },
    { name: 'Promo codes', description: 'Discount codes of an event, and the price of a registration with one' },
    { name: 'Local home', description: 'Only on the local Node server, never in production' },
  ],
};
