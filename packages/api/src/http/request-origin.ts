import { trustsProxyAt, type TrustProxy } from './client-address.js';

const HOST = /^(?:[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;
const first = (header: string | undefined) => header?.split(',')[0]?.trim() || undefined;

/**
 * The origin a request was addressed to: its own URL's (the Host header it came with), or what
 * X-Forwarded-Host and X-Forwarded-Proto say when the socket's peer is a proxy TRUST_PROXY trusts.
 * A forwarded value that is no host or protocol is ignored.
 */
export function requestOriginOf(
  requestUrl: string,
  forwarded: { host: string | undefined; proto: string | undefined },
  socketAddress: string,
  trust: TrustProxy,
): string {
  const own = new URL(requestUrl);
  if (!trustsProxyAt(socketAddress, trust)) return own.origin;
  const host = first(forwarded.host);
  const proto = first(forwarded.proto)?.toLowerCase();
  const protocol = proto === 'http' || proto === 'https' ? `${proto}:` : own.protocol;
  return `${protocol}//${host && HOST.test(host) ? host : own.host}`;
}
