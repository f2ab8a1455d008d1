import type { Context } from 'hono';

interface NodeBindings {
  incoming?: { socket?: { remoteAddress?: string } };
}
interface DenoBindings {
  remoteAddr?: { hostname?: string };
}

/**
 * The address the connection came from: what per-address limits count. Never a header: the
 * gateway is the edge, and a client may write any `x-forwarded-for` it likes.
 */
export function clientAddress(c: Context): string {
  const env = c.env as (NodeBindings & DenoBindings) | undefined;
  const address = env?.incoming?.socket?.remoteAddress ?? env?.remoteAddr?.hostname;
  // An IPv4 peer on a dual-stack socket reads as ::ffff:127.0.0.1.
  return address?.replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/, '$1') ?? 'unknown';
}
