/**
 * Which network addresses a fetch refuses unless it is allowed: everything that is not a
 * public unicast address. A feed URL is chosen by whoever holds an access token, so without
 * this the server would fetch from loopback, the operator's private network or a cloud
 * metadata service (169.254.169.254) on that caller's behalf.
 */
import { BlockList, isIP } from 'node:net';

const NON_PUBLIC = new BlockList();
for (const [net, bits] of [
  ['0.0.0.0', 8], // "this network"
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8],
  ['169.254.0.0', 16], // link-local, cloud metadata
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, broadcast
] as const) {
  NON_PUBLIC.addSubnet(net, bits, 'ipv4');
}
for (const [net, bits] of [
  ['::', 96], // unspecified, loopback and the deprecated IPv4-compatible ::a.b.c.d
  ['::ffff:0:0:0', 96], // IPv4-translated (SIIT), ::ffff:0:a.b.c.d
  ['64:ff9b:1::', 48], // local-use NAT64
  ['2001::', 32], // Teredo: tunnels to an IPv4 address
  ['2002::', 16], // 6to4: embeds an IPv4 address
  ['100::', 64], // discard
  ['2001:db8::', 32], // documentation
  ['fc00::', 7], // unique local
  ['fe80::', 10], // link-local
  ['fec0::', 10], // old site-local
  ['ff00::', 8], // multicast
] as const) {
  NON_PUBLIC.addSubnet(net, bits, 'ipv6');
}

/**
 * True for an IP address that is not public unicast (IPv4-mapped IPv6 addresses are judged
 * by their IPv4 address). Anything that is not an IP address counts as not public.
 *
 * @example isNonPublicAddress('10.1.2.3') // true
 * @example isNonPublicAddress('::ffff:127.0.0.1') // true
 * @example isNonPublicAddress('93.184.216.34') // false
 */
export function isNonPublicAddress(address: string): boolean {
  const ip = address.replace(/^\[|\]$/g, '');
  const family = isIP(ip);
  if (family === 0) return true;
  if (family === 6) {
    // The well-known NAT64 prefix 64:ff9b::/96 reaches the IPv4 address in its last 32 bits:
    // judge that address (an IPv6-only host reaches public IPv4 feeds this way).
    const v4 = nat64Ipv4(ip);
    if (v4 !== null) return NON_PUBLIC.check(v4, 'ipv4');
  }
  return NON_PUBLIC.check(ip, family === 4 ? 'ipv4' : 'ipv6');
}

const LINK_LOCAL = new BlockList();
LINK_LOCAL.addSubnet('169.254.0.0', 16, 'ipv4');
LINK_LOCAL.addSubnet('fe80::', 10, 'ipv6');
// The IPv6 address of a cloud instance metadata service (AWS), inside fd00::/8.
LINK_LOCAL.addAddress('fd00:ec2::254', 'ipv6');

/**
 * True for a link-local address (169.254.0.0/16, fe80::/10) or a cloud metadata address
 * (fd00:ec2::254), also when an IPv6 address carries such an IPv4 address inside (mapped,
 * compatible, translated, NAT64 or 6to4 forms). These are refused even where private addresses
 * are allowed: they hold the cloud metadata services, never a calendar server.
 *
 * @example isLinkLocalAddress('169.254.169.254') // true
 * @example isLinkLocalAddress('::ffff:169.254.169.254') // true
 * @example isLinkLocalAddress('10.0.0.1') // false
 */
export function isLinkLocalAddress(address: string): boolean {
  const ip = address.replace(/^\[|\]$/g, '');
  const family = isIP(ip);
  if (family === 0) return false;
  if (family === 4) return LINK_LOCAL.check(ip, 'ipv4');
  if (LINK_LOCAL.check(ip, 'ipv6')) return true;
  return embeddedIpv4(ip).some((v4) => LINK_LOCAL.check(v4, 'ipv4'));
}

const dotted = (hi: number, lo: number) => `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;

/**
 * The IPv4 addresses an IPv6 address may lead to: the last 32 bits for the mapped
 * (::ffff:0:0/96), compatible (::/96), translated (::ffff:0:0:0/96) and NAT64 (64:ff9b::/96,
 * 64:ff9b:1::/48) forms, and bits 16–47 for 6to4 (2002::/16).
 */
function embeddedIpv4(ip: string): string[] {
  const g = expandIpv6(ip);
  if (g === null) return [];
  const zero = (from: number, to: number) => g.slice(from, to).every((x) => x === 0);
  const out: string[] = [];
  const last = dotted(g[6]!, g[7]!);
  if (zero(0, 5) && (g[5] === 0 || g[5] === 0xffff)) out.push(last); // compatible, mapped
  if (zero(0, 4) && g[4] === 0xffff && g[5] === 0) out.push(last); // translated
  if (g[0] === 0x64 && g[1] === 0xff9b && (zero(2, 6) || g[2] === 1)) out.push(last); // NAT64
  if (g[0] === 0x2002) out.push(dotted(g[1]!, g[2]!)); // 6to4
  return out;
}

const NAT64 = new BlockList();
NAT64.addSubnet('64:ff9b::', 96, 'ipv6');

/** The IPv4 address a 64:ff9b::/96 address embeds, or null for any other address. */
function nat64Ipv4(ip: string): string | null {
  if (!NAT64.check(ip, 'ipv6')) return null;
  const groups = expandIpv6(ip);
  return groups === null ? null : dotted(groups[6]!, groups[7]!);
}

/** The eight 16-bit groups of an IPv6 address (with an embedded dotted quad allowed). */
function expandIpv6(ip: string): number[] | null {
  let text = ip;
  const quad = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (quad) {
    const [a, b, c, d] = quad.slice(1).map(Number) as [number, number, number, number];
    text = text.slice(0, quad.index) + `${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.split('::') as [string, string | undefined];
  const parse = (s: string | undefined) => (s ? s.split(':').map((g) => parseInt(g, 16)) : []);
  const left = parse(head);
  const right = parse(tail);
  const groups = tail === undefined ? left : [...left, ...new Array<number>(8 - left.length - right.length).fill(0), ...right];
  return groups.length === 8 && groups.every((g) => Number.isInteger(g) && g >= 0 && g <= 0xffff) ? groups : null;
}

/** `localhost` and names under `.localhost` resolve to loopback by convention (RFC 6761). */
export function isLocalhostName(hostname: string): boolean {
  const h = hostname.toLowerCase().replace(/\.$/, '');
  return h === 'localhost' || h.endsWith('.localhost');
}
