/// <reference lib="webworker" />
/**
 * The app-shell service worker (built to /sw.js): the build's files are cached at install, so a
 * reload with no network still opens the app (the door scanner keeps its data in IndexedDB).
 * Pages come from the network while there is one, so a deploy is seen at once; /api is never cached.
 */
/** Replaced at build time by the list of the build's files (build/service-worker-plugin.ts). */
declare const PRECACHE_FILES: string[];
declare const PRECACHE_VERSION: string;

const worker = globalThis as unknown as ServiceWorkerGlobalScope;
const CACHE = `ticketbooth-shell-${PRECACHE_VERSION}`;
const SHELL = '/index.html';

worker.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      await cache.addAll([SHELL, ...PRECACHE_FILES]);
      await worker.skipWaiting();
    })(),
  );
});

worker.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) if (name.startsWith('ticketbooth-shell-') && name !== CACHE) await caches.delete(name);
      await worker.clients.claim();
    })(),
  );
});

worker.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== worker.location.origin || url.pathname.startsWith('/api/')) return;
  if (request.mode === 'navigate') {
    event.respondWith(fetch(request).catch(async () => (await caches.match(SHELL, { cacheName: CACHE })) ?? Response.error()));
    return;
  }
  event.respondWith((async () => (await caches.match(request, { cacheName: CACHE })) ?? fetch(request))());
});
