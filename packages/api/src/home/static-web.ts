import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import type { App } from '../context.js';

/** The last path segment has an extension: a file was asked for, so a miss is a 404, not the app. */
const FILE_PATH = /\.[^/]*$/;

/**
 * Serves the built web app from the API's port: files as they are (the build's precompressed
 * `.br`/`.gz` copy when the client accepts it), and index.html for any other GET outside /api so
 * the single-page app's routes survive a reload.
 */
export function serveWeb(app: App, webDir: string): boolean {
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
  app.use('*', async (c, next) => (c.req.path.startsWith('/api/') ? next() : files(c, next)));
  app.get('*', (c, next) => (c.req.path.startsWith('/api/') || FILE_PATH.test(c.req.path) ? next() : c.html(index)));
  return true;
}
