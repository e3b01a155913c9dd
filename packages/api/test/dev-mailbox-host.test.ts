import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getRaw } from './support/raw-http.js';
import { startTestServer, type TestServer } from './support/server.js';

/** A GET with a chosen Host header, as a browser sends it after a DNS rebinding (fetch cannot set Host). */
async function getWithHost(url: string, host: string) {
  const res = await getRaw(url, { host });
  return { status: res.status, type: String(res.headers['content-type']), body: res.body.toString() };
}

describe('dev mailbox and the Host header', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer();
  });
  afterAll(() => t.stop());

  it('answers under localhost and loopback addresses, with any port', async () => {
    for (const host of ['localhost', 'LOCALHOST', 'localhost:3000', `127.0.0.1:${t.server.port}`, '127.1.2.3', '[::1]', '[::1]:5173']) {
      expect((await getWithHost(`${t.url}/api/dev/mailbox`, host)).status, host).toBe(200);
    }
  });

  it('refuses a foreign Host (DNS rebinding) with 403 and the error body', async () => {
    for (const host of ['evil.example', 'evil.example:3000', 'localhost.evil.example', '127.0.0.1.evil.example', '10.0.0.7', '[::2]', '0.0.0.0:3000']) {
      const res = await getWithHost(`${t.url}/api/dev/mailbox`, host);
      expect(res.status, host).toBe(403);
      expect(res.type, host).toContain('application/json');
      expect(JSON.parse(res.body), host).toEqual({ error: { code: 'forbidden', message: expect.stringContaining('localhost') } });
    }
  });

  it('answers a Host no URL can be made of with 400 and the error body', async () => {
    for (const host of ['127.0.0.256', 'localhost:', 'localhost:3000:1', 'a b']) {
      const res = await getWithHost(`${t.url}/api/dev/mailbox`, host);
      expect(res.status, host).toBe(400);
      expect(JSON.parse(res.body), host).toEqual({ error: { code: 'validation_failed', message: expect.any(String) } });
    }
  });
});
