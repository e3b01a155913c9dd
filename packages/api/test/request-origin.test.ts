import { describe, expect, it } from 'vitest';
import { parseTrustProxy } from '../src/http/client-address.js';
import { requestOriginOf } from '../src/http/request-origin.js';

const forwarded = { host: 'tickets.example.org', proto: 'https' };

describe('the origin a request came to', () => {
  it('is the request URL’s own when no proxy is trusted, whatever is forwarded', () => {
    expect(requestOriginOf('http://192.168.1.5:3000/api/x', forwarded, '192.168.1.20', parseTrustProxy(''))).toBe('http://192.168.1.5:3000');
  });

  it('follows X-Forwarded-Host and -Proto from a trusted proxy only', () => {
    expect(requestOriginOf('http://10.0.0.2:3000/api/x', forwarded, '10.0.0.1', parseTrustProxy('1'))).toBe('https://tickets.example.org');
    expect(requestOriginOf('http://10.0.0.2:3000/api/x', forwarded, '10.0.0.1', parseTrustProxy('10.0.0.0/8'))).toBe('https://tickets.example.org');
    expect(requestOriginOf('http://10.0.0.2:3000/api/x', forwarded, '203.0.113.9', parseTrustProxy('10.0.0.0/8'))).toBe('http://10.0.0.2:3000');
  });

  it('takes the first of several forwarded values and ignores ones that are no host or protocol', () => {
    expect(requestOriginOf('http://a:1/x', { host: 'one.example, two.example', proto: 'https, http' }, '::1', parseTrustProxy('1'))).toBe('https://one.example');
    expect(requestOriginOf('http://a:1/x', { host: 'evil.example/path?', proto: 'javascript' }, '::1', parseTrustProxy('1'))).toBe('http://a:1');
    expect(requestOriginOf('http://a:1/x', { host: undefined, proto: undefined }, '::1', parseTrustProxy('1'))).toBe('http://a:1');
  });
});
