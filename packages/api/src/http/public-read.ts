import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import type { z } from '@hono/zod-openapi';
import type { Context, TypedResponse } from 'hono';
import type { PreparedAnswer, PreparedBytes } from '@ticketbooth/core';

/**
 * Public reads (the listing, an event page) are read far more than they change, by people who all
 * see the same bytes. Each answer is prepared once — JSON bytes, their gzip, a strong ETag for each
 * — and kept in `services.listing` until anything it shows changes, so a hit costs no query, no
 * stringify, no hash and no compression. Shared caches may keep it a few seconds (spots remaining
 * may be that old there; a registration is always decided by the store).
 */
export const PUBLIC_CACHE_CONTROL = 'public, max-age=2, s-maxage=5, stale-while-revalidate=10';
/** A request with a token is answered for that caller alone. */
export const PRIVATE_CACHE_CONTROL = 'private, no-store';

function tagged(bytes: Uint8Array, suffix = ''): PreparedBytes {
  return { bytes, tag: `"${createHash('sha256').update(bytes).digest('base64url').slice(0, 32)}${suffix}"` };
}

/** The answer for `value`, checked against the schema's type before it becomes bytes. */
export function prepareJson<S extends z.ZodType>(_schema: S, value: z.input<S>): PreparedAnswer {
  const plain = tagged(Buffer.from(JSON.stringify(value), 'utf8'));
  // Each encoding is its own representation, so it has its own strong tag. Even a small answer is
  // gzipped here, once: left to the compress middleware it would be gzipped on every request.
  const compressed = { bytes: gzipSync(plain.bytes), tag: plain.tag.replace(/"$/, '.gz"') };
  return { ...plain, compressed };
}

/** If-None-Match compares weakly (RFC 9110, 13.1.2): W/"x" names the same version as "x". */
export function matchesIfNoneMatch(header: string | undefined, tag: string): boolean {
  if (header === undefined) return false;
  if (header.trim() === '*') return true;
  return header.split(',').some((candidate) => candidate.trim().replace(/^W\//, '') === tag);
}

/** Whether Accept-Encoding takes gzip (`gzip;q=0` refuses it). */
export function acceptsGzip(header: string | undefined): boolean {
  if (!header) return false;
  return header.split(',').some((part) => {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (name !== 'gzip' && name !== '*') return false;
    const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
    return q === undefined || Number(q) > 0;
  });
}

/**
 * Answers a prepared answer, typed as c.json would type the value: to an anonymous caller with
 * the public cache headers and its ETag (304 when the caller's copy is current); to a caller with
 * a token, private and unstored.
 */
export function sendPrepared<S extends z.ZodType, C extends 200>(c: Context, _schema: S, answer: PreparedAnswer, status: C) {
  type Typed = Response & TypedResponse<z.output<S>, C, 'json'>;
  // The answer depends on who asks (a draft shows to its organizer) and in which encoding.
  c.header('vary', 'Authorization, Accept-Encoding');
  const form = acceptsGzip(c.req.header('accept-encoding')) ? answer.compressed : answer;
  if (c.req.header('authorization') !== undefined) {
    c.header('cache-control', PRIVATE_CACHE_CONTROL);
  } else {
    c.header('cache-control', PUBLIC_CACHE_CONTROL);
    c.header('etag', form.tag);
    if (matchesIfNoneMatch(c.req.header('if-none-match'), form.tag)) return c.body(null, 304) as unknown as Typed;
  }
  if (form !== answer) c.header('content-encoding', 'gzip');
  return c.body(form.bytes as Uint8Array<ArrayBuffer>, status, { 'content-type': 'application/json; charset=UTF-8' }) as unknown as Typed;
}
