import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import type { MiddlewareHandler } from 'hono';
import type { Clock, Logger } from '@ticketbooth/core';
import { matchesIfNoneMatch } from '../http/public-read.js';
import { logRequest } from '../http/request-log.js';

/** One answer as the whole middleware chain sent it: status, every header, body. */
interface KeptAnswer {
  status: number;
  headers: Record<string, string | number>;
  body: Buffer | null;
}

/** One representation of a URL (one Accept-Encoding, one Origin...): its 200 and, once seen, its 304. */
interface Variant {
  generation: number;
  expiresAt: number;
  tag: string;
  ok?: KeptAnswer;
  notModified?: KeptAnswer;
}

interface Resource {
  /** The request headers the answer varies on (its Vary), lower case. */
  vary: string[];
  variants: Map<string, Variant>;
}

/** `s-maxage` (else `max-age`) of a `public` Cache-Control, in ms; 0 when a shared cache may not keep it. */
export function sharedLifetimeMs(cacheControl: string | null): number {
  if (!cacheControl) return 0;
  const directives = cacheControl.toLowerCase().split(',').map((d) => d.trim());
  if (!directives.includes('public') || directives.some((d) => d === 'private' || d === 'no-store' || d === 'no-cache')) return 0;
  const seconds = (name: string) => directives.find((d) => d.startsWith(`${name}=`))?.slice(name.length + 1);
  const lifetime = Number(seconds('s-maxage') ?? seconds('max-age') ?? 0);
  return Number.isFinite(lifetime) && lifetime > 0 ? lifetime * 1000 : 0;
}

/**
 * The Node server's micro-cache, as a CDN in front of it would be: an anonymous GET whose answer
 * was `public` with an ETag is answered again, for its s-maxage, straight from the socket with the
 * kept status, headers and bytes (already compressed where the chain compressed them), without the
 * web Request/Response conversion or any middleware. Each answer is kept per URL, Host and the
 * request headers its Vary names, up to `maxVariants` copies, the least recently read dropped
 * first; a request with Authorization or a Cookie is never answered from here. Any change to what
 * public reads show (the listing cache's generation) drops every copy, so a read after a write in
 * this process sees the write; the store still decides every registration.
 */
export class PublicAnswerCache {
  private resources = new Map<string, Resource>();
  private variantCount = 0;
  /** Requests answered from here, for a test (or an operator) to see the cache at work. */
  hits = 0;

  constructor(
    private readonly clock: Clock,
    /** Moves on whenever anything a public answer shows may have changed. */
    private readonly generation: () => number,
    private readonly logger: Logger,
    private readonly maxVariants = 1000,
  ) {}

  /** Answers `req` from a kept answer and returns true, or returns false for the app to answer it. */
  answer(req: IncomingMessage, res: ServerResponse): boolean {
    if (!this.anonymousGet(req)) return false;
    const started = performance.now();
    const key = resourceKey(req);
    const resource = this.resources.get(key);
    if (!resource) return false;
    const variant = resource.variants.get(variantKey(resource.vary, req.headers));
    if (!variant || variant.generation !== this.generation() || this.clock.now().getTime() >= variant.expiresAt) return false;
    const kept = matchesIfNoneMatch(single(req.headers['if-none-match']), variant.tag) ? variant.notModified : variant.ok;
    if (!kept) return false;
    this.hits++;
    // Most recently read last: the map's order is the order of eviction.
    this.resources.delete(key);
    this.resources.set(key, resource);
    res.writeHead(kept.status, kept.headers);
    res.end(kept.body);
    logRequest(this.logger, 'GET', req.url!, kept.status, started);
    return true;
  }

  /** Outermost middleware of the app: keeps what the chain answered an anonymous GET, when it may be kept. */
  readonly keep: MiddlewareHandler = async (c, next) => {
    const req = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
    if (!req || !this.anonymousGet(req)) return next();
    const generation = this.generation();
    await next();
    const res = c.res;
    if (res.status !== 200 && res.status !== 304) return;
    const lifetimeMs = sharedLifetimeMs(res.headers.get('cache-control'));
    const tag = res.headers.get('etag');
    const vary = (res.headers.get('vary') ?? '').split(',').map((h) => h.trim().toLowerCase()).filter(Boolean);
    if (!lifetimeMs || !tag || vary.includes('*') || res.headers.has('set-cookie')) return;
    const headers: Record<string, string | number> = Object.fromEntries(res.headers);
    let body: Buffer | null = null;
    if (res.status === 200) {
      body = Buffer.from(await res.clone().arrayBuffer());
      // What the Node adapter adds to an answer of known length.
      if (!res.headers.has('content-length')) headers['Content-Length'] = body.length;
    }
    // A write while the answer was being made: it may show the data before the write.
    if (generation !== this.generation()) return;
    this.store(req, vary, generation, this.clock.now().getTime() + lifetimeMs, tag, { status: res.status, headers, body });
  };

  private anonymousGet(req: IncomingMessage): boolean {
    return req.method === 'GET' && req.headers.authorization === undefined && req.headers.cookie === undefined;
  }

  private store(req: IncomingMessage, vary: string[], generation: number, expiresAt: number, tag: string, answer: KeptAnswer): void {
    const key = resourceKey(req);
    let resource = this.resources.get(key);
    if (!resource || resource.vary.join() !== vary.join()) {
      this.variantCount -= resource?.variants.size ?? 0;
      resource = { vary, variants: new Map() };
      this.resources.set(key, resource);
    }
    const keyOfVariant = variantKey(vary, req.headers);
    let variant = resource.variants.get(keyOfVariant);
    if (!variant || variant.tag !== tag || variant.generation !== generation) {
      if (!variant) {
        this.evictFor(resource);
        this.variantCount++;
      }
      variant = { generation, expiresAt, tag };
      resource.variants.set(keyOfVariant, variant);
    }
    variant.expiresAt = expiresAt;
    if (answer.status === 304) variant.notModified = answer;
    else variant.ok = answer;
  }

  /**
   * Makes room for one more variant by dropping the least recently read URLs (never `keeping`'s), so
   * a burst of one-off URLs (query strings nobody repeats) cannot push the hot event page out.
   */
  private evictFor(keeping: Resource): void {
    for (const [key, resource] of this.resources) {
      if (this.variantCount < this.maxVariants) return;
      if (resource === keeping) continue;
      this.resources.delete(key);
      this.variantCount -= resource.variants.size;
    }
  }
}

const single = (value: string | string[] | undefined) => (Array.isArray(value) ? value.join(', ') : value);
const resourceKey = (req: IncomingMessage) => `${req.headers.host ?? ''} ${req.url}`;
const variantKey = (vary: string[], headers: IncomingHttpHeaders) => vary.map((name) => single(headers[name]) ?? '').join('\n');
