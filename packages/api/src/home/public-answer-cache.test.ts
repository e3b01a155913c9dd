import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getRequestListener } from '@hono/node-server';
import { Hono } from 'hono';
import { afterEach, describe, expect, it } from 'vitest';
import { systemClock } from '@ticketbooth/core';
import { capturingLogger } from '@ticketbooth/testkit';
import { PublicAnswerCache } from './public-answer-cache.js';

/** A server whose every GET is a public answer with an ETag, behind a cache of `maxVariants` copies. */
async function cachedServer(maxVariants: number) {
  const cache = new PublicAnswerCache(systemClock, () => 0, capturingLogger([]), maxVariants);
  const app = new Hono();
  app.use('*', cache.keep);
  app.get('*', (c) => c.json({ path: c.req.path }, 200, { 'cache-control': 'public, max-age=60', etag: `"${c.req.path}"` }));
  const listener = getRequestListener(app.fetch);
  const server = createServer((req, res) => {
    if (!cache.answer(req, res)) void listener(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  /** Whether the GET was answered from a kept copy. */
  const wasKept = async (path: string) => {
    const hits = cache.hits;
    const res = await fetch(url + path);
    expect(res.status).toBe(200);
    await res.arrayBuffer();
    return cache.hits === hits + 1;
  };
  return { server, wasKept };
}

describe('the public answer cache, when full', () => {
  let server: Server | undefined;
  afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

  it('drops the least recently read URLs, so one-off URLs cannot push out the one read all along', async () => {
    const cached = await cachedServer(3);
    server = cached.server;
    expect(await cached.wasKept('/hot')).toBe(false);
    expect(await cached.wasKept('/hot')).toBe(true);
    for (let i = 0; i < 20; i++) {
      await cached.wasKept(`/hot?one-off=${i}`);
      expect(await cached.wasKept('/hot')).toBe(true);
    }
    // The oldest one-off URLs went; the latest is still kept.
    expect(await cached.wasKept('/hot?one-off=19')).toBe(true);
    expect(await cached.wasKept('/hot?one-off=0')).toBe(false);
  });
});
