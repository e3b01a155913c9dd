import { createRoute, type RouteConfig, z } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import { ErrorSchema } from '../schemas.js';
import { PRIVATE_CACHE_CONTROL, PUBLIC_CACHE_CONTROL } from '../http/public-read.js';

export const errorResponse = (description: string) => ({ description, content: { 'application/json': { schema: ErrorSchema } } });
/** An error to retry after a wait the server names: throttled (429) or too busy (503). */
export const retryLaterResponse = (description: string) => ({
  ...errorResponse(description),
  headers: { 'Retry-After': { description: 'Seconds to wait before trying again', schema: { type: 'integer' as const, minimum: 1 } } },
});

/** The document's global security (a bearer token); routes that need none say `security: []`. */
export const BEARER_AUTH = [{ bearerAuth: [] }];
/** A token is read when sent (it can show more), but none is needed. */
export const OPTIONAL_BEARER_AUTH = [{}, ...BEARER_AUTH];

/**
 * createRoute with the error responses every operation shares; `auth` runs before validation.
 * A route's own responses come last, so it can describe a shared status more precisely.
 * Without `auth` an operation is public (`security: []`) unless it states its own security.
 */
export function route<R extends RouteConfig & { operationId: string }>(config: R & { auth?: MiddlewareHandler }) {
  const { auth, ...rest } = config;
  const takesBody = rest.request?.body !== undefined;
  return createRoute({
    ...rest,
    security: rest.security ?? (auth ? BEARER_AUTH : []),
    ...(auth ? { middleware: [auth] } : {}),
    responses: {
      400: errorResponse('Invalid input (validation_failed)'),
      ...(auth ? { 401: errorResponse('Missing, expired or invalid token'), 403: errorResponse('Not allowed') } : {}),
      // A token is optional there, but one that is sent must be valid (a scanner secret is no access token).
      ...(rest.security === OPTIONAL_BEARER_AUTH ? { 401: errorResponse('An invalid or expired token was sent') } : {}),
      404: errorResponse('Not found'),
      409: errorResponse('Conflict with the current state'),
      // Every request body is limited, whether or not the operation reads one.
      413: errorResponse('The request body is larger than 100 KB (payload_too_large)'),
      ...(takesBody ? { 415: errorResponse('The body is not application/json (unsupported_media_type)') } : {}),
      429: retryLaterResponse('Too many attempts (too_many_attempts)'),
      ...rest.responses,
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

/** The answers of a public read (http/public-read.ts): its cache headers, and 304 to a current If-None-Match. */
export const publicRead = <T extends z.ZodTypeAny>(schema: T, description: string) => ({
  200: {
    ...json(schema, description),
    headers: {
      'Cache-Control': { description: `Anonymous: \`${PUBLIC_CACHE_CONTROL}\`; with a token: \`${PRIVATE_CACHE_CONTROL}\``, schema: { type: 'string' as const } },
      ETag: { description: 'Anonymous only: a strong tag of this version of the answer (W/ when gzipped); send it back as If-None-Match', schema: { type: 'string' as const } },
    },
  },
  304: { description: 'Not modified (anonymous, If-None-Match names the current ETag): no body' },
});

/** `Content-Disposition: attachment; filename=...` on a download. */
export const attachmentHeaders = {
  'Content-Disposition': {
    description: 'attachment, with the file name to save as',
    schema: { type: 'string' as const, example: 'attachment; filename="registrants-evt_3kTz9w.csv"' },
  },
};
