import { createRoute, type RouteConfig, z } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import { ErrorSchema } from '../schemas.js';

const errorResponse = (description: string) => ({ description, content: { 'application/json': { schema: ErrorSchema } } });

/** createRoute with the error responses every operation shares; `auth` runs before validation. */
export function route<R extends RouteConfig>(config: R & { auth?: MiddlewareHandler }) {
  const { auth, ...rest } = config;
  return createRoute({
    ...rest,
    ...(auth ? { security: [{ bearerAuth: [] }], middleware: [auth] } : {}),
    responses: {
      ...rest.responses,
      400: errorResponse('Invalid input (validation_failed)'),
      ...(auth ? { 401: errorResponse('Missing, expired or invalid token'), 403: errorResponse('Not allowed') } : {}),
      404: errorResponse('Not found'),
      409: errorResponse('Conflict with the current state'),
      429: errorResponse('Too many attempts'),
    },
  } as unknown as R);
}

export const json = <T extends z.ZodTypeAny>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});

export const jsonBody = <T extends z.ZodTypeAny>(schema: T) => ({
  required: true,
  content: { 'application/json': { schema } },
});
