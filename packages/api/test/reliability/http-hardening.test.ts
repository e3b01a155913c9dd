import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '@ticketbooth/core';
import { generateSigningKey } from '@ticketbooth/tickets';
import { createApp } from '../../src/app.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { reportFigures } from './figures.js';

/** Headers, CORS and slow clients, on a development server and a production one. */
const ALLOWED_ORIGIN = 'https://tickets.example.org';

describe('HTTP hardening', () => {
  const webDir = mkdtempSync(join(tmpdir(), 'ticketbooth-web-'));
  let dev: TestServer;
  let prod: TestServer;

  beforeAll(async () => {
    writeFileSync(join(webDir, 'index.html'), '<!doctype html><title>Ticketbooth</title><div id="root"></div>');
    const key = generateSigningKey();
    dev = await startTestServer({ env: { WEB_DIR: webDir, CORS_ORIGINS: ALLOWED_ORIGIN } });
    prod = await startTestServer({
      env: {
        NODE_ENV: 'production',
        DEMO_DATA: 'false',
        WEB_DIR: webDir,
        PUBLIC_URL: 'https://tickets.example.org',
        JWT_SECRET: 'j'.repeat(48),
        LINK_SECRET: 'l'.repeat(48),
        TICKET_SIGNING_KEY_ID: key.keyId,
        TICKET_SIGNING_KEY_PEM: key.privateKeyPem,
      },
    });
  });
  afterAll(async () => {
    await dev?.stop();
    await prod?.stop();
    rmSync(webDir, { recursive: true, force: true });
  });

  it('the web app and the API carry CSP, frame-ancestors, nosniff and no-referrer; HSTS only in production', async () => {
    for (const path of ['/', '/events/some-id', '/api/health', '/api/nothing-here']) {
      const res = await fetch(dev.url + path);
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp, path).toContain("default-src 'self'");
      expect(csp, path).toContain("script-src 'self'");
      expect(csp, path).toContain("frame-ancestors 'none'");
      expect(csp, path).toContain("object-src 'none'");
      expect(res.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(res.headers.get('x-frame-options'), path).toBe('DENY');
      expect(res.headers.get('referrer-policy'), path).toBe('no-referrer');
      expect(res.headers.get('strict-transport-security'), path).toBeNull();
    }
    const index = await fetch(dev.url + '/');
    expect(index.headers.get('content-type')).toContain('text/html');
    const secure = await fetch(prod.url + '/api/health');
    expect(secure.headers.get('strict-transport-security')).toBe('max-age=31536000; includeSubDomains');
    expect((await fetch(prod.url + '/')).headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
  });

  it('production serves no development mailbox; development shows it only on this computer', async () => {
    expect((await fetch(prod.url + '/api/dev/mailbox')).status).toBe(404);
    expect((await fetch(dev.url + '/api/dev/mailbox')).status).toBe(200);
    // The same app as the server's, asked by a phone on the network (HOST=0.0.0.0).
    const home = dev.server.home;
    for (const [address, status] of [['192.168.1.20', 403], ['::ffff:10.0.0.7', 403], ['fe80::1', 403], ['::1', 200], ['::ffff:127.0.0.1', 200]] as const) {
      const app = createApp({ services: home.services, logger: silentLogger, production: false, corsOrigins: [], mailbox: home.sqlite.mailbox, clientAddress: () => address });
      const res = await app.request('/api/dev/mailbox');
      expect(res.status, address).toBe(status);
      if (status === 403) expect(((await res.json()) as { error: { code: string } }).error.code).toBe('forbidden');
    }
  });

  it('CORS answers only the configured origins', async () => {
    const preflight = (origin: string) =>
      fetch(dev.url + '/api/events', { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' } });
    const allowed = await preflight(ALLOWED_ORIGIN);
    expect(allowed.headers.get('access-control-allow-origin')).toBe(ALLOWED_ORIGIN);
    expect(allowed.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('authorization');
    const foreign = await preflight('https://evil.example');
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
    const simple = await fetch(dev.url + '/api/events', { headers: { origin: 'https://evil.example' } });
    expect(simple.headers.get('access-control-allow-origin')).toBeNull();
    const none = await fetch(prod.url + '/api/events', { headers: { origin: ALLOWED_ORIGIN } }); // production lists no origin
    expect(none.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('bodies over 100 KB are refused before they are read whole', async () => {
    const res = await fetch(dev.url + '/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: `{"email":"${'a'.repeat(101 * 1024)}"}` });
    expect(res.status).toBe(413);
    expect((await res.json()).error.code).toBe('payload_too_large');
  });

  it('a slowloris client trickling headers is cut off after the 10 s header timeout', async () => {
    const { port } = new URL(dev.url);
    const started = Date.now();
    const { answer, heldMs } = await new Promise<{ answer: string; heldMs: number }>((done, fail) => {
      const socket = net.connect(Number(port), '127.0.0.1');
      let answer = '';
      let trickle: NodeJS.Timeout;
      socket.on('connect', () => {
        socket.write('GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\n');
        let n = 0;
        trickle = setInterval(() => socket.write(`X-Slow-${n++}: a\r\n`), 500);
      });
      socket.on('data', (chunk) => (answer += chunk.toString()));
      socket.on('close', () => {
        clearInterval(trickle);
        done({ answer, heldMs: Date.now() - started });
      });
      socket.on('error', () => undefined);
      setTimeout(() => fail(new Error('the server kept a slow client for 25 s')), 25_000).unref();
    });
    reportFigures('http-slowloris', { heldMs });
    expect(answer.startsWith('HTTP/1.1 408')).toBe(true);
    expect(heldMs).toBeGreaterThanOrEqual(10_000);
  }, 30_000);
});
