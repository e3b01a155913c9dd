import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { headersInPlace } from './headers-in-place.js';

/** An app whose outer middleware sets headers after the route answered, as cors and compress do. */
function appAnswering(answer: () => Response) {
  const app = new Hono();
  const kept: { before?: Response; after?: Response } = {};
  app.use('*', headersInPlace);
  app.use('*', async (c, next) => {
    await next();
    kept.before = c.res;
    c.header('vary', 'Origin', { append: true });
    c.header('cache-control', 'no-store');
    c.header('x-removed', undefined);
    kept.after = c.res;
  });
  app.get('/', () => answer());
  return { app, kept };
}

describe('headers set after the answer', () => {
  it('land on the same answer, which is not copied', async () => {
    const { app, kept } = appAnswering(() => new Response('{"ok":true}', { headers: { 'content-type': 'application/json', vary: 'Accept-Encoding', 'x-removed': '1' } }));
    const res = await app.request('/');
    expect(kept.after).toBe(kept.before);
    expect(res.headers.get('vary')).toBe('Accept-Encoding, Origin');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.has('x-removed')).toBe(false);
    expect(await res.json()).toEqual({ ok: true });
  });

  it('still reach an answer whose headers cannot change, through a copy', async () => {
    const { app, kept } = appAnswering(() => Response.redirect('http://127.0.0.1/elsewhere', 302));
    const res = await app.request('/');
    expect(kept.after).not.toBe(kept.before);
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('http://127.0.0.1/elsewhere');
    expect(res.headers.get('cache-control')).toBe('no-store');
  });
});
