import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import type { App } from '../context.js';
import { sharePage, type FindSharedEvent } from './share-pages.js';

/** The last path segment has an extension: a file was asked for, so a miss is a 404, not the app. */
const FILE_PATH = /\.[^/]*$/;

/**
 * Serves the built web app from the API's port: files as they are (the build's precompressed
 * `.br`/`.gz` copy when the client accepts it), and index.html for any other GET outside /api so
 * the single-page app's routes survive a reload. An event page's HTML carries that event's share
 * tags (`findEvent` answers only what the public may see); any other page the listing's.
 */
export function serveWeb(app: App, webDir: string, share: { publicUrl: string; findEvent: FindSharedEvent }): boolean {
  const indexPath = join(webDir, 'index.html');
  if (!existsSync(indexPath)) return false;
  const index = readFileSync(indexPath, 'utf8');
  const root = relative(process.cwd(), webDir) || '.';
  app.use('/assets/*', async (c, next) => {
    await next();
    // Vite fingerprints asset names, so they never change under the same URL.
    if (c.res.status === 200) c.header('cache-control', 'public, max-age=31536000, immutable');
  });
  const files = serveStatic({ root, precompressed: true });
  // Only files: "/" and the app's routes get index.html with their share tags, below.
  app.use('*', async (c, next) => (c.req.path.startsWith('/api/') || !FILE_PATH.test(c.req.path) ? next() : files(c, next)));
  app.get('*', async (c, next) => {
    if (c.req.path.startsWith('/api/') || FILE_PATH.test(c.req.path)) return next();
    return sharePage(c, index, share.publicUrl, share.findEvent);
  });
  return true;
}
