import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { precompressDir } from '../../web/build/precompress.js';
import { getRaw } from './support/raw-http.js';
import { startTestServer, type TestServer } from './support/server.js';

const WEB = resolve(import.meta.dirname, '../../web');

const decode = (encoding: unknown, body: Buffer): Buffer =>
  encoding === 'br' ? brotliDecompressSync(body) : encoding === 'gzip' ? gunzipSync(body) : body;

describe('serving the web app', () => {
  let t: TestServer;
  let webDir: string;
  const script = `export const pages = [${Array.from({ length: 400 }, (_, i) => `{ path: "/page-${i}", title: "Page ${i}" }`).join(', ')}];\n`;

  beforeAll(async () => {
    // A build as Vite leaves it: public/ copied to the root, hashed assets, then precompressed.
    webDir = mkdtempSync(join(tmpdir(), 'ticketbooth-web-fixture-'));
    cpSync(join(WEB, 'public'), webDir, { recursive: true });
    mkdirSync(join(webDir, 'assets'));
    writeFileSync(join(webDir, 'index.html'), '<!doctype html><html><head><script type="module" src="/assets/app-1a2b3c.js"></script></head><body><div id="root"></div></body></html>');
    writeFileSync(join(webDir, 'assets/app-1a2b3c.js'), script);
    writeFileSync(join(webDir, 'assets/app-1a2b3c.css'), `${Array.from({ length: 200 }, (_, i) => `.c${i} { margin: ${i}px; }`).join('\n')}\n`);
    expect(precompressDir(webDir).map((path) => path.slice(webDir.length))).toEqual(expect.arrayContaining(['/assets/app-1a2b3c.js', '/assets/app-1a2b3c.css']));
    t = await startTestServer({ env: { WEB_DIR: webDir } });
    expect(t.server.webServed).toBe(true);
  });
  afterAll(async () => {
    await t.stop();
    rmSync(webDir, { recursive: true, force: true });
  });

  it('sends the JS and CSS brotli- or gzip-compressed as the client accepts, decoding to the same bytes', async () => {
    for (const [path, type] of [['/assets/app-1a2b3c.js', 'javascript'], ['/assets/app-1a2b3c.css', 'text/css']] as const) {
      const original = readFileSync(join(webDir, path));
      for (const [accept, encoding] of [['gzip, deflate, br', 'br'], ['gzip', 'gzip'], ['', undefined]] as const) {
        const res = await getRaw(`${t.url}${path}`, accept ? { 'accept-encoding': accept } : {});
        expect(res.status, `${path} ${accept}`).toBe(200);
        expect(res.headers['content-type'], path).toContain(type);
        expect(res.headers['content-encoding'], `${path} ${accept}`).toBe(encoding);
        if (encoding) expect(res.body.length, path).toBeLessThan(original.length / 3);
        expect(decode(encoding, res.body).equals(original), `${path} ${accept}`).toBe(true);
        expect(res.headers.vary, path).toMatch(/accept-encoding/i);
      }
    }
  });

  it("compresses the API's JSON when the client accepts it", async () => {
    const organizer = await t.client().signUpVerified('organizer');
    for (let i = 0; i < 5; i++) {
      await organizer.post('/api/events', { name: `Festival ${i}`, description: 'x'.repeat(300), category: 'Music', location: 'Park', startsAt: new Date(Date.now() + 86_400_000).toISOString(), endsAt: new Date(Date.now() + 90_000_000).toISOString(), timezone: 'Europe/Berlin', currency: 'EUR', capacity: 10, ticketTypes: [{ name: 'Standard', priceCents: 0 }], publish: true });
    }
    const plain = await getRaw(`${t.url}/api/events`);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.length).toBeGreaterThan(1024);
    const gzipped = await getRaw(`${t.url}/api/events`, { 'accept-encoding': 'gzip, br' });
    expect(gzipped.status).toBe(200);
    expect(gzipped.headers['content-type']).toContain('application/json');
    expect(gzipped.headers['content-encoding']).toBe('gzip');
    expect(gzipped.body.length).toBeLessThan(plain.body.length);
    expect(JSON.parse(gunzipSync(gzipped.body).toString())).toEqual(JSON.parse(plain.body.toString()));
  });

  it('serves /robots.txt and the favicons as themselves, not the app', async () => {
    for (const [path, type] of [['/robots.txt', 'text/plain'], ['/favicon.ico', 'image/'], ['/favicon.svg', 'image/svg+xml']] as const) {
      const res = await getRaw(`${t.url}${path}`);
      expect(res.status, path).toBe(200);
      expect(res.headers['content-type'], path).toContain(type);
      expect(res.body.equals(readFileSync(join(WEB, 'public', path))), path).toBe(true);
    }
    expect((await getRaw(`${t.url}/robots.txt`)).body.toString()).toMatch(/^User-agent: \*$/m);
  });

  it("answers a missing file with 404 and the error body, and the app's own routes with index.html", async () => {
    const missing = await getRaw(`${t.url}/assets/gone-123.js`);
    expect(missing.status).toBe(404);
    expect(JSON.parse(missing.body.toString())).toMatchObject({ error: { code: 'not_found' } });
    const route = await getRaw(`${t.url}/organizer/events/evt_1`);
    expect(route.status).toBe(200);
    expect(route.headers['content-type']).toContain('text/html');
    expect(route.body.toString()).toContain('<div id="root">');
  });

  it("writes an event's description and Open Graph tags into its page's HTML, escaped; other pages get the listing's", async () => {
    const organizer = await t.client().signUpVerified('organizer');
    const event = { name: 'Jazz <script>alert("x")</script> & "Friends"', description: "Saxophones 'til late.\n\nBring <b>friends</b>.", category: 'Music', location: 'Doug Fir, Portland', startsAt: '2030-12-10T03:30:00.000Z', endsAt: '2030-12-10T06:30:00.000Z', timezone: 'America/Los_Angeles', currency: 'USD', capacity: 10, ticketTypes: [{ name: 'Standard', priceCents: 0 }] };
    const published = (await organizer.post('/api/events', { ...event, publish: true })).body as { id: string };
    const draft = (await organizer.post('/api/events', { ...event, name: 'Secret draft' })).body as { id: string };
    const tag = (html: string, key: string) => new RegExp(`<meta (?:name|property)="${key}" content="([^"]*)" />`).exec(html)?.[1];

    const page = (await getRaw(`${t.url}/events/${published.id}`)).body.toString();
    expect(page).not.toContain('<script>alert');
    expect(page).toContain('<title>Jazz &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &quot;Friends&quot; · Ticketbooth</title>');
    expect(tag(page, 'og:title')).toBe('Jazz &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &quot;Friends&quot; · Ticketbooth');
    expect(tag(page, 'description')).toBe('Mon 9 Dec 2030, 19:30 – 22:30 (America/Los_Angeles), Doug Fir, Portland. Saxophones &#39;til late. Bring &lt;b&gt;friends&lt;/b&gt;.');
    expect(tag(page, 'og:description')).toBe(tag(page, 'description'));
    expect(tag(page, 'og:type')).toBe('website');
    expect(tag(page, 'og:url')).toBe(`http://127.0.0.1:0/events/${published.id}`);
    expect(page).not.toContain('og:image');
    expect(page).toContain('<div id="root">');

    for (const path of ['/', `/events/${draft.id}`, '/events/evt_does_not_exist', '/events/%E0%A4%A', '/organizer']) {
      const html = (await getRaw(`${t.url}${path}`)).body.toString();
      expect(tag(html, 'og:title'), path).toBe('Ticketbooth');
      expect(tag(html, 'description'), path).toMatch(/^Upcoming events on Ticketbooth/);
      expect(tag(html, 'og:url'), path).toBe('http://127.0.0.1:0/');
      expect(html, path).not.toContain('Secret draft');
    }
  });

  it('keeps the security headers on compressed answers', async () => {
    for (const path of ['/organizer/events/evt_1', '/assets/app-1a2b3c.js', '/api/openapi.json']) {
      const res = await getRaw(`${t.url}${path}`, { 'accept-encoding': 'gzip, br' });
      expect(String(res.headers['content-encoding']), path).toMatch(/^(?:br|gzip)$/);
      expect(res.headers['content-security-policy'], path).toContain("default-src 'self'");
      expect(res.headers['x-content-type-options'], path).toBe('nosniff');
    }
  });
});
