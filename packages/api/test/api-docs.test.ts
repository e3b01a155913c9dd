import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './support/server.js';

describe('/api/docs, the API reference', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer();
  });
  afterAll(() => t.stop());

  it('is a page of Swagger UI whose scripts and styles all come from this origin, none inline, under the CSP', async () => {
    const page = await fetch(`${t.url}/api/docs`);
    expect(page.status).toBe(200);
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp.split(';').map((d) => d.trim())).toContain("script-src 'self'");
    const html = await page.text();

    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThanOrEqual(2);
    for (const [, attributes, body] of scripts) {
      expect(body!.trim(), 'an inline script would be refused by the CSP').toBe('');
      expect(attributes).toMatch(/\ssrc="\/api\/docs\/[^"]+"/);
    }
    const assets = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
    expect(assets).toEqual(['/api/docs/swagger-ui.css', '/api/docs/swagger-ui-bundle.js', '/api/docs/init.js']);

    for (const asset of assets) {
      const res = await fetch(`${t.url}${asset}`);
      expect(res.status, asset).toBe(200);
      expect(res.headers.get('content-type'), asset).toMatch(asset.endsWith('.css') ? /^text\/css/ : /^text\/javascript/);
      expect(res.headers.get('content-security-policy'), asset).toBe(csp);
      expect(res.headers.get('x-content-type-options'), asset).toBe('nosniff');
      expect((await res.text()).length, asset).toBeGreaterThan(0);
    }
    const bundle = await (await fetch(`${t.url}/api/docs/swagger-ui-bundle.js`)).text();
    expect(bundle).toContain('SwaggerUIBundle');
    const init = await (await fetch(`${t.url}/api/docs/init.js`)).text();
    expect(init).toContain("url: '/api/openapi.json'");
  });

  it('offers no other file of the package', async () => {
    for (const path of ['/api/docs/index.html', '/api/docs/swagger-initializer.js', '/api/docs/package.json']) {
      expect((await fetch(`${t.url}${path}`)).status, path).toBe(404);
    }
  });
});
