// Whether an IP address is on the public internet: the rule that keeps server-side fetches off private networks.
import net from 'node:net';

// [network, prefix length] pairs that are not globally reachable (IANA special-purpose registries).
const PRIVATE_V4: [string, number][] = [
  ['0.0.0.0', 8], // "this network"
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8],
  ['169.254.0.0', 16], // link-local, where cloud metadata endpoints live
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.88.99.0', 24], // deprecated 6to4 relay anycast
  ['192.168.0.0', 16],
  ['198.18.0.0', 15], // benchmarking
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, includes 255.255.255.255
];

// Only 2000::/3 is global unicast; these are carved out of it.
const PRIVATE_V6_IN_GLOBAL: [string, number][] = [
  ['2001::', 32], // Teredo: the real peer is hidden behind a tunnel
  ['2001:10::', 28], // ORCHID
  ['2001:20::', 28], // ORCHIDv2
  ['2001:db8::', 32], // documentation
  ['3fff::', 20], // documentation (RFC 9637)
];

const V4_MASKS = PRIVATE_V4.map(([net4, bits]) => ({ base: v4ToInt(net4), mask: maskV4(bits) }));
const V6_MASKS = PRIVATE_V6_IN_GLOBAL.map(([net6, bits]) => ({ base: v6ToBig(net6), mask: maskV6(bits) }));

export function isPublicAddress(ip: string): boolean {
  // Accept "[::1]" and "fe80::1%eth0" as the URL parser and the resolver spell them.
  const bare = ip.trim().replace(/^\[(.*)\]$/, '$1').replace(/%.*$/, '');
  if (net.isIPv4(bare)) return isPublicV4(v4ToInt(bare));
  if (net.isIPv6(bare)) return isPublicV6(v6ToBig(bare));
  return false;
}

function isPublicV4(n: number): boolean {
  return !V4_MASKS.some(({ base, mask }) => ((n & mask) >>> 0) === base);
}

function isPublicV6(n: bigint): boolean {
  // Addresses that carry an IPv4 address reach that address, so they are judged by it.
  const low32 = Number(n & 0xffffffffn);
  if (n >> 32n === 0xffffn) return isPublicV4(low32); // ::ffff:0:0/96 IPv4-mapped
  if (n >> 32n === 0x64ff9b0000000000000000n) return isPublicV4(low32); // 64:ff9b::/96 NAT64
  if (n >> 112n === 0x2002n) return isPublicV4(Number((n >> 80n) & 0xffffffffn)); // 2002::/16 6to4
  if (n >> 125n !== 1n) return false; // outside 2000::/3: ::, ::1, fe80::/10, fc00::/7, ff00::/8, 100::/64, ...
  return !V6_MASKS.some(({ base, mask }) => (n & mask) === base);
}

function v4ToInt(ip: string): number {
  return ip.split('.').reduce((acc, part) => ((acc << 8) | Number(part)) >>> 0, 0);
}

function maskV4(bits: number): number {
  return bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
}

function v6ToBig(ip: string): bigint {
  let text = ip;
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted) {
    const v4 = v4ToInt(dotted[1]);
    text = `${text.slice(0, dotted.index)}${(v4 >>> 16).toString(16)}:${(v4 & 0xffff).toString(16)}`;
  }
  const [head, tail] = text.includes('::') ? text.split('::') : [text, undefined];
  const headGroups = head ? head.split(':') : [];
  const tailGroups = tail ? tail.split(':') : [];
  const zeros = tail === undefined ? [] : Array(8 - headGroups.length - tailGroups.length).fill('0');
  return [...headGroups, ...zeros, ...tailGroups].reduce((acc, g) => (acc << 16n) | BigInt(parseInt(g, 16)), 0n);
}

function maskV6(bits: number): bigint {
  return ((1n << BigInt(bits)) - 1n) << BigInt(128 - bits);
}
