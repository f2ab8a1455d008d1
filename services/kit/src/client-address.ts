import type { Context } from 'hono';
import type { Caller } from './identity/caller.ts';

/** What the runtimes' servers hand a Hono app as its `env`, as far as the address goes. */
interface ServerEnv {
  /** @hono/node-server (`serveNode`, `listen`): the Node request, its socket included. */
  incoming?: { socket?: { remoteAddress?: string } };
  /** Deno.serve: the handler's second argument, `ServeHandlerInfo`. */
  remoteAddr?: { hostname?: string };
}

/**
 * The network address of the connection a request came on — the peer, never a header a client
 * can write — or, for a call from a verified edge service, the client address it forwarded. Read from what Node's and Deno's servers pass the app, so it needs no runtime
 * import; undefined where the server passes neither (`app.request` in tests, other runtimes),
 * and rules keyed on it then do not apply.
 */
export function clientAddress(c: Context): string | undefined {
  // Behind the gateway the peer is the gateway: the client is the one it verified and named.
  const forwarded = (c.get('caller') as Caller | undefined)?.forwardedFor;
  if (forwarded) {
    return forwarded;
  }
  const env = c.env as ServerEnv | undefined;
  const address = env?.incoming?.socket?.remoteAddress ?? env?.remoteAddr?.hostname;
  // Node reports an IPv4 peer on a dual-stack socket as ::ffff:a.b.c.d.
  return address?.startsWith('::ffff:') && address.includes('.') ? address.slice(7) : address;
}
