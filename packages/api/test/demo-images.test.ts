import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './support/server.js';

describe('demo data', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer({ env: { DEMO_DATA: 'true' } });
  });
  afterAll(() => t.stop());

  it('gives every demo event a cover image of its own, served as an image', async () => {
    const { items } = (await t.client().get('/api/events?limit=100')).body as { items: { name: string; image: { url: string; alt: string } | null }[] };
    expect(items).toHaveLength(10);
    for (const event of items) {
      expect(event.image, event.name).not.toBeNull();
      expect(event.image!.alt).toBe(event.name);
      const res = await fetch(t.url + event.image!.url);
      expect([res.status, res.headers.get('content-type')], event.name).toEqual([200, 'image/webp']);
    }
    expect(new Set(items.map((e) => e.image!.url)).size).toBe(10);
  });
});
