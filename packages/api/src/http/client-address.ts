import { BlockList, isIP } from 'node:net';

/**
 * Which proxies in front of the server are believed about the client's address. `none` (the
 * default): the socket's address, and X-Forwarded-For is ignored (anyone can write it). `hops`: that
 * many proxies append to X-Forwarded-For, so the client is the entry that many places from the
 * socket. `cidrs`: addresses of trusted proxies; the client is the first address, walking back from
 * the socket, that is not one of them.
 */
export type TrustProxy = { kind: 'none' } | { kind: 'hops'; hops: number } | { kind: 'cidrs'; list: BlockList; text: string };

/** Parses TRUST_PROXY: empty/"false"/"0" (none), a hop count, or a comma-separated list of addresses and CIDR blocks. */
export function parseTrustProxy(value: string): TrustProxy {
  const text = value.trim();
  if (text === '' || text === 'false' || text === '0') return { kind: 'none' };
  if (/^\d+$/.test(text)) return { kind: 'hops', hops: Number(text) };
  const list = new BlockList();
  for (const entry of text.split(',').map((s) => s.trim()).filter(Boolean)) {
    const [address = '', bits] = entry.split('/');
    const family = isIP(address);
    if (!family) throw new Error(`"${entry}" is not an address or CIDR block`);
    const type = family === 4 ? 'ipv4' : 'ipv6';
    const prefix = bits === undefined ? (family === 4 ? 32 : 128) : Number(bits);
    if (!/^\d+$/.test(bits ?? '0') || prefix > (family === 4 ? 32 : 128)) throw new Error(`"${entry}" has a bad prefix length`);
    list.addSubnet(address, prefix, type);
  }
  return { kind: 'cidrs', list, text };
}

/** "::ffff:10.0.0.1" (a dual-stack socket's IPv4 client) as "10.0.0.1", so one client has one key. */
function plain(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return mapped ? mapped[1]! : address;
}

function trusted(list: BlockList, address: string): boolean {
  const family = isIP(address);
  return family !== 0 && list.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

/** Whether the socket's peer is a proxy whose forwarded headers TRUST_PROXY believes. */
export function trustsProxyAt(socketAddress: string, trust: TrustProxy): boolean {
  if (trust.kind === 'none') return false;
  return trust.kind === 'hops' ? trust.hops > 0 : trusted(trust.list, plain(socketAddress));
}

/** The client's address from the socket's and the X-Forwarded-For header, as `trust` allows. */
export function clientAddressOf(socketAddress: string, forwardedFor: string | undefined, trust: TrustProxy): string {
  const socket = plain(socketAddress);
  if (trust.kind === 'none') return socket;
  // Nearest hop last: [client, proxy 1, ..., proxy n-1], then the socket (proxy n).
  const chain = [...(forwardedFor ?? '').split(',').map((s) => plain(s.trim())).filter(Boolean), socket];
  if (trust.kind === 'hops') return chain[Math.max(0, chain.length - 1 - trust.hops)]!;
  let index = chain.length - 1;
  while (index > 0 && trusted(trust.list, chain[index]!)) index--;
  return chain[index]!;
}
