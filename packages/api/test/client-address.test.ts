import { describe, expect, it } from 'vitest';
import { clientAddressOf, parseTrustProxy } from '../src/http/client-address.js';

describe('client address (TRUST_PROXY)', () => {
  it('trusts no proxy by default: a forged X-Forwarded-For changes nothing', () => {
    expect(clientAddressOf('203.0.113.9', '1.2.3.4', parseTrustProxy(''))).toBe('203.0.113.9');
  });

  it('with one trusted hop, the client is the entry the proxy appended (the last)', () => {
    expect(clientAddressOf('10.0.0.2', '1.2.3.4, 198.51.100.7', parseTrustProxy('1'))).toBe('198.51.100.7');
  });

  it('with two hops, the entry two places from the socket; a short header falls back to its first entry', () => {
    const trust = parseTrustProxy('2');
    expect(clientAddressOf('10.0.0.2', 'forged, 198.51.100.7, 10.0.0.1', trust)).toBe('198.51.100.7');
    expect(clientAddressOf('10.0.0.2', '198.51.100.7', trust)).toBe('198.51.100.7');
  });

  it('with a CIDR list, walks back past trusted proxies to the first untrusted address', () => {
    const trust = parseTrustProxy('10.0.0.0/8, 2001:db8::/32');
    expect(clientAddressOf('10.1.2.3', 'forged, 198.51.100.7, 10.9.9.9', trust)).toBe('198.51.100.7');
    expect(clientAddressOf('2001:db8::1', '198.51.100.8', trust)).toBe('198.51.100.8');
  });

  it('a socket that is not a trusted proxy is the client, whatever the header says', () => {
    expect(clientAddressOf('203.0.113.9', '1.2.3.4', parseTrustProxy('10.0.0.0/8'))).toBe('203.0.113.9');
  });

  it('reads an IPv4 client of a dual-stack socket as its IPv4 address', () => {
    expect(clientAddressOf('::ffff:10.0.0.5', '198.51.100.7', parseTrustProxy('10.0.0.5'))).toBe('198.51.100.7');
  });

  it('refuses a list entry that is not an address or CIDR block', () => {
    expect(() => parseTrustProxy('10.0.0.0/8, proxy.internal')).toThrow(/proxy.internal/);
    expect(() => parseTrustProxy('10.0.0.0/40')).toThrow(/prefix/);
  });
});
