import type { z } from '@hono/zod-openapi';
import type { Context, TypedResponse } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

/**
 * The public listing is cached as JSON text, so a cache hit costs no stringify. toJsonText checks
 * the value against the schema's type before it becomes text; sendJsonText answers with text made
 * by toJsonText of the same schema, typed as c.json would type the value.
 */
export function toJsonText<S extends z.ZodType>(_schema: S, value: z.input<S>): string {
  return JSON.stringify(value);
}

export function sendJsonText<S extends z.ZodType, C extends ContentfulStatusCode>(c: Context, _schema: S, text: string, status: C) {
  return c.body(text, status, { 'content-type': 'application/json; charset=UTF-8' }) as unknown as Response & TypedResponse<z.output<S>, C, 'json'>;
}
