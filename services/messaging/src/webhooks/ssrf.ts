import { ApiError } from '@trellis/kit';

/** Resolves a host name to its addresses (A and AAAA); the Node entry passes `dns.lookup`. */
export type ResolveHost = (hostname: string) => Promise<string[]>;

interface Range {
  bits: 32 | 128;
  base: bigint;
  prefix: number;
  why: string;
}

function parseIpv4(text: string): bigint | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) {
    return undefined;
  }
  let value = 0n;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part) || Number(part) > 255) {
      return undefined;
    }
    value = (value << 8n) | BigInt(Number(part));
  }
  return value;
}

function parseIpv6(text: string): bigint | undefined {
  let address = text.replace(/^\[|\]$/g, '').split('%')[0] ?? '';
  // An embedded IPv4 tail (`::ffff:10.0.0.1`) becomes two hex groups.
  const tail = /(\d+\.\d+\.\d+\.\d+)$/.exec(address);
  if (tail?.[1]) {
    const v4 = parseIpv4(tail[1]);
    if (v4 === undefined) {
      return undefined;
    }
    address = `${address.slice(0, -tail[1].length)}${(v4 >> 16n).toString(16)}:${(v4 & 0xffffn).toString(16)}`;
  }
  const halves = address.split('::');
  if (halves.length > 2) {
    return undefined;
  }
  const head = halves[0] ? halves[0].split(':') : [];
  const rest = halves.length === 2 && halves[1] ? halves[1].split(':') : [];
  const missing = 8 - head.length - rest.length;
  if ((halves.length === 1 && missing !== 0) || missing < 0) {
    return undefined;
  }
  const groups = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...rest];
  let value = 0n;
  for (const group of groups) {
    if (!/^[0-9a-f]{1,4}$/i.test(group)) {
      return undefined;
    }
    value = (value << 16n) | BigInt(Number.parseInt(group, 16));
  }
  return value;
}

/** An address as a number and its width, or undefined when it is not an IP address. */
export function parseIp(text: string): { bits: 32 | 128; value: bigint } | undefined {
  const v4 = parseIpv4(text);
  if (v4 !== undefined) {
    return { bits: 32, value: v4 };
  }
  const v6 = parseIpv6(text);
  return v6 === undefined ? undefined : { bits: 128, value: v6 };
}

function range(cidr: string, why: string): Range {
  const [address = '', prefix] = cidr.split('/');
  const ip = parseIp(address);
  if (!ip) {
    throw new Error(`not an address: ${cidr}`);
  }
  return { bits: ip.bits, base: ip.value, prefix: prefix ? Number(prefix) : ip.bits, why };
}

function inRange(ip: { bits: 32 | 128; value: bigint }, r: Range): boolean {
  if (ip.bits !== r.bits || !Number.isInteger(r.prefix) || r.prefix < 0 || r.prefix > r.bits) {
    return false;
  }
  const shift = BigInt(r.bits - r.prefix);
  return ip.value >> shift === r.base >> shift;
}

const refused: Range[] = [
  range('169.254.169.254/32', 'a cloud metadata address'),
  range('fd00:ec2::254/128', 'a cloud metadata address'),
  range('0.0.0.0/8', 'an unspecified address'),
  range('127.0.0.0/8', 'a loopback address'),
  range('10.0.0.0/8', 'a private address'),
  range('172.16.0.0/12', 'a private address'),
  range('192.168.0.0/16', 'a private address'),
  range('100.64.0.0/10', 'a shared (carrier-grade NAT) address'),
  range('169.254.0.0/16', 'a link-local address'),
  range('192.0.0.0/24', 'a protocol-assignment address'),
  range('198.18.0.0/15', 'a benchmarking address'),
  range('224.0.0.0/4', 'a multicast address'),
  range('240.0.0.0/4', 'a reserved address'),
  range('::/128', 'an unspecified address'),
  range('::1/128', 'a loopback address'),
  range('fe80::/10', 'a link-local address'),
  range('fc00::/7', 'a unique-local address'),
  range('ff00::/8', 'a multicast address'),
];

/** IPv4 carried in IPv6 (mapped `::ffff:0:0/96`, NAT64 `64:ff9b::/96`) is judged as IPv4. */
function unwrap(ip: { bits: 32 | 128; value: bigint }): { bits: 32 | 128; value: bigint } {
  if (ip.bits === 128) {
    const high = ip.value >> 32n;
    if (high === 0xffffn || high === 0x64ff9b0000000000000000n) {
      return { bits: 32, value: ip.value & 0xffffffffn };
    }
  }
  return ip;
}

/**
 * Why an address may not be a webhook target (loopback, private, link-local, unique-local,
 * metadata, …), or undefined when it may. `allowed` lists addresses or CIDR ranges config lets
 * through anyway; `*` lets everything through.
 */
export function refusalOf(address: string, allowed: readonly string[]): string | undefined {
  const parsed = parseIp(address);
  if (!parsed) {
    return 'not an IP address';
  }
  const ip = unwrap(parsed);
  const why = refused.find((r) => inRange(ip, r))?.why;
  if (!why || allowed.includes('*')) {
    return undefined;
  }
  const exempt = allowed.some((entry) => {
    try {
      return inRange(ip, range(entry, '')) || inRange(parsed, range(entry, ''));
    } catch {
      return false;
    }
  });
  return exempt ? undefined : why;
}

const blockedHostnames = new Set(['metadata.google.internal', 'metadata', 'localhost']);

/** 422 naming `url`: the one way a target is refused at registration. */
export class WebhookTargetRefused extends ApiError {
  constructor(reason: string) {
    super('unprocessable', {
      detail: `The webhook URL is refused: ${reason}.`,
      errors: [{ in: 'body', path: 'url', message: reason }],
    });
  }
}

/** What is wrong with a URL as a webhook target before any lookup, or undefined. */
export function urlProblem(url: URL): string | undefined {
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return 'only http and https URLs are delivered to';
  }
  if (url.username || url.password) {
    return 'credentials in the URL are not allowed';
  }
  return undefined;
}

/**
 * Checks a webhook URL: http(s), no credentials, and every address its host resolves to is one
 * outside consumers may be reached at (see `refusalOf`). Throws `WebhookTargetRefused`.
 */
export async function assertPublicTarget(
  text: string,
  resolveHost: ResolveHost,
  allowed: readonly string[],
): Promise<void> {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new WebhookTargetRefused('not a URL');
  }
  const problem = urlProblem(url);
  if (problem) {
    throw new WebhookTargetRefused(problem);
  }
  const host = url.hostname
    .replace(/^\[|\]$/g, '')
    .replace(/\.$/, '')
    .toLowerCase();
  if (blockedHostnames.has(host) && !allowed.includes('*')) {
    const literal = host === 'localhost' ? ['127.0.0.1'] : [];
    if (literal.length === 0 || literal.some((a) => refusalOf(a, allowed))) {
      throw new WebhookTargetRefused(`${host} is not reachable from outside`);
    }
  }
  let addresses: string[];
  if (parseIp(host)) {
    addresses = [host];
  } else {
    try {
      addresses = await resolveHost(host);
    } catch {
      throw new WebhookTargetRefused(`${host} does not resolve`);
    }
  }
  if (addresses.length === 0) {
    throw new WebhookTargetRefused(`${host} does not resolve`);
  }
  for (const address of addresses) {
    const why = refusalOf(address, allowed);
    if (why) {
      throw new WebhookTargetRefused(`${host} resolves to ${address}, ${why}`);
    }
  }
}
