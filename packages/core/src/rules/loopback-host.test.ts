import { describe, expect, it } from 'vitest';
import { isLoopbackHost } from './loopback-host.js';

describe('which Host names this computer', () => {
  it('takes localhost, 127.0.0.0/8 and [::1], with or without a port', () => {
    for (const host of ['localhost', 'LOCALHOST:3000', '127.0.0.1', '127.255.0.9:8080', '[::1]', '[::1]:3000']) expect(isLoopbackHost(host), host).toBe(true);
  });

  it('refuses a LAN address, a name rebound to 127.0.0.1, a look-alike and no host at all', () => {
    for (const host of ['192.168.1.20:3000', 'evil.example', '127.0.0.1.evil.example', 'localhost.evil.example', '127.0.0.256', undefined]) expect(isLoopbackHost(host), String(host)).toBe(false);
  });
});
