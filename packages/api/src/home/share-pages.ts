import type { Context } from 'hono';
import type { Services } from '@ticketbooth/core';
import type { App } from '../context.js';
import { eventIdOfPath, shareTags, withShareTags, type SharedEvent } from './share-meta.js';
import { SHARE_PAGE_PATHS } from './share-paths.js';


/** Whose tags a page gets: an event's (`findEvent` answers only what the public may see), else the listing's. */
export type FindSharedEvent = (id: string) => Promise<SharedEvent | null>;

/** What an anonymous visitor may see: a draft or an unknown id gets the listing's tags. */
export const publicEvent = (services: Services): FindSharedEvent => (id) => services.events.get(null, id).catch(() => null);

/** index.html for the app page asked for, with that page's share tags. */
export async function sharePage(c: Context, indexHtml: string, publicUrl: string, findEvent: FindSharedEvent): Promise<Response> {
  const id = eventIdOfPath(c.req.path);
  const event = id ? await findEvent(id) : null;
  return c.html(withShareTags(indexHtml, shareTags(publicUrl, event)));
}

/**
 * The AWS home's share pages: index.html as the web bucket holds it, with the page's tags. Without
 * a PUBLIC_URL the address is the one the viewer used, which CloudFront's function on these paths
 * passes as X-Forwarded-Host (CloudFront does not forward Host to the HTTP API).
 */
export function serveSharePages(app: App, share: { indexHtml: () => Promise<string>; publicUrl: string | undefined; findEvent: FindSharedEvent }): void {
  for (const path of SHARE_PAGE_PATHS) {
    app.get(path, async (c) => {
      const host = c.req.header('x-forwarded-host');
      const publicUrl = share.publicUrl ?? (host ? `https://${host}` : new URL(c.req.url).origin);
      return sharePage(c, await share.indexHtml(), publicUrl, share.findEvent);
    });
  }
}
