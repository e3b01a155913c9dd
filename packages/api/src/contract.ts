import type { Services } from '@ticketbooth/core';
import { createApp } from './app.js';
import type { AppOptions } from './context.js';
import { OPENAPI_CONFIG } from './openapi.js';

/**
 * Stands for every dependency while the routes are only described: registering a route reads
 * properties of its services, and nothing here may ever be called.
 */
const standIn: unknown = new Proxy(function standIn() {}, {
  get: (_target, property) => (property === 'then' ? undefined : standIn),
  apply: () => {
    throw new Error('The contract app only describes the routes; it handles no request.');
  },
});

/**
 * The OpenAPI document the local home serves in development (with the dev mailbox, which the web
 * app uses), built from the route definitions alone: no server, store or identity behind it.
 */
export function contractDocument() {
  const options: AppOptions = {
    services: standIn as Services,
    logger: standIn as AppOptions['logger'],
    production: false,
    corsOrigins: [],
    mailbox: standIn as AppOptions['mailbox'],
    clientAddress: () => '127.0.0.1',
  };
  return createApp(options).getOpenAPI31Document(OPENAPI_CONFIG);
}
