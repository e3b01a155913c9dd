import { createHash } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import type { Plugin } from 'vite';

/** The worker's source, built as its own entry to /sw.js (a service worker's scope is its folder). */
export const SERVICE_WORKER_ENTRY = 'src/offline/service-worker.ts';
const OUTPUT = 'sw.js';

/**
 * Builds the app-shell service worker: /sw.js with the list of every file of this build (and of
 * public/) written into it, and a version from that list, so each deploy installs a fresh cache.
 */
export function serviceWorker(): Plugin {
  let publicDir = '';
  return {
    name: 'ticketbooth-service-worker',
    apply: 'build',
    enforce: 'post',
    config() {
      return {
        build: {
          rollupOptions: {
            input: { index: 'index.html', sw: SERVICE_WORKER_ENTRY },
            output: { entryFileNames: (chunk) => (chunk.name === 'sw' ? OUTPUT : 'assets/[name]-[hash].js') },
          },
        },
      };
    },
    configResolved(config) {
      publicDir = config.publicDir;
    },
    generateBundle(_options, bundle) {
      const worker = bundle[OUTPUT];
      if (!worker || worker.type !== 'chunk') throw new Error(`the service worker ${OUTPUT} was not built`);
      const fromPublic = publicDir && existsSync(publicDir) ? readdirSync(publicDir) : [];
      const files = [...Object.keys(bundle).filter((f) => f !== OUTPUT && f !== 'index.html' && !f.endsWith('.map')), ...fromPublic]
        .map((f) => `/${f}`)
        .sort();
      const version = createHash('sha256').update(files.join('\n')).digest('hex').slice(0, 12);
      worker.code = worker.code.replaceAll('PRECACHE_FILES', JSON.stringify(files)).replaceAll('PRECACHE_VERSION', JSON.stringify(version));
    },
  };
}
