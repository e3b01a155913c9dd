import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '@ticketbooth/core';
import { createApp } from '../src/app.js';
import type { App } from '../src/context.js';
import { publicEvent, serveSharePages } from '../src/home/share-pages.js';
import { startTestServer, type TestServer } from './support/server.js';

/**
 * The AWS home's share pages (packages/api/src/lambda.ts): the API app answers the paths CloudFront
 * routes to it (SHARE_PAGE_PATHS) with the web bucket's index.html and the page's tags. The bucket's
 * read is its own test (adapters-aws s3-web-index); here index.html comes from memory.
 */
const INDEX = '<!doctype html><html><head><title>Ticketbooth</title><script type="module" src="/assets/app-1a2b3c.js"></script></head><body><div id="root"></div></body></html>';
const tag = (html: string, key: string) => new RegExp(`<meta (?:name|property)="${key}" content="([^"]*)" />`).exec(html)?.[1];

describe('share pages on the AWS home', () => {
  let t: TestServer;
  let published: { id: string };
  let draft: { id: string };
  const appWith = (publicUrl: string | undefined): App => {
    const { services } = t.server.home;
    const app = createApp({ services, logger: silentLogger, production: true, corsOrigins: [], clientAddress: () => '203.0.113.7' });
    serveSharePages(app, { indexHtml: async () => INDEX, publicUrl, findEvent: publicEvent(services) });
    return app;
  };

  beforeAll(async () => {
    t = await startTestServer();
    const organizer = await t.client().signUpVerified('organizer');
    const event = { name: 'Quiz "night" <live>', description: 'Teams of four.', category: 'Community', location: 'The Crown, Leeds', startsAt: '2030-12-10T19:30:00.000Z', endsAt: '2030-12-10T22:00:00.000Z', timezone: 'Europe/London', currency: 'GBP', capacity: 10, ticketTypes: [{ name: 'Standard', priceCents: 0 }] };
    published = (await organizer.post('/api/events', { ...event, publish: true })).body;
    draft = (await organizer.post('/api/events', { ...event, name: 'Secret draft' })).body;
  });
  afterAll(() => t?.stop());

  it("an event page carries the event's tags, escaped, with og:url on the host the viewer used", async () => {
    const res = await appWith(undefined).request(`/events/${published.id}`, { headers: { 'x-forwarded-host': 'd111.cloudfront.net' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    const html = await res.text();
    expect(tag(html, 'og:title')).toBe('Quiz &quot;night&quot; &lt;live&gt; · Ticketbooth');
    expect(tag(html, 'description')).toBe('Tue 10 Dec 2030, 19:30 – 22:00 (Europe/London), The Crown, Leeds. Teams of four.');
    expect(tag(html, 'og:url')).toBe(`https://d111.cloudfront.net/events/${published.id}`);
    expect(html).toContain('<script type="module" src="/assets/app-1a2b3c.js"></script>');
  });

  it("the listing, a draft and an unknown event get the listing's tags; the stack's own domain wins over the host", async () => {
    const app = appWith('https://tickets.example');
    for (const path of ['/index.html', '/events', `/events/${draft.id}`, '/events/evt_nope']) {
      const html = await (await app.request(path, { headers: { 'x-forwarded-host': 'evil.example' } })).text();
      expect(tag(html, 'og:title'), path).toBe('Ticketbooth');
      expect(tag(html, 'description'), path).toMatch(/^Upcoming events on Ticketbooth/);
      expect(tag(html, 'og:url'), path).toBe('https://tickets.example/');
      expect(html, path).not.toContain('Secret draft');
    }
  });

  it('leaves the API as it was: its paths are not share pages', async () => {
    const res = await appWith(undefined).request(`/api/events/${published.id}`);
    expect(res.headers.get('content-type')).toContain('application/json');
  });
});
