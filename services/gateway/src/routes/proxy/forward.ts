import { ApiError, type Caller } from '@trellis/kit';
import type { Context } from 'hono';

/** Hop-by-hop headers (RFC 9110 §7.6.1): for one connection, never passed on. */
const hopByHop = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
]);

/**
 * What the client sent that the service never sees: its credentials (the gateway speaks for it
 * with its own), the trace and request ids (the gateway's request continues them), and
 * forwarding headers it may have made up. `x-trellis-*` are dropped too, by prefix.
 */
const notForwarded = new Set([
  ...hopByHop,
  'host',
  'content-length',
  'authorization',
  'x-api-key',
  'cookie',
  'traceparent',
  'tracestate',
  'x-request-id',
  'accept-encoding',
  'forwarded',
  'x-forwarded-for',
  'x-forwarded-host',
  'x-forwarded-proto',
  'x-real-ip',
]);

/** Headers a `Connection` header names are hop-by-hop too. */
function connectionNamed(headers: Headers): Set<string> {
  return new Set(
    (headers.get('connection') ?? '')
      .split(',')
      .map((name) => name.trim().toLowerCase())
      .filter(Boolean),
  );
}

/**
 * The client's headers the service may see, and the API key the gateway verified. The user's
 * token goes on as `x-trellis-user-token` through the kit's propagation, from the verified
 * caller; what the client sent under that name (or any `x-trellis-*`) never does.
 */
export function forwardedHeaders(c: Context, caller: Caller, clientAddress: string): Headers {
  const incoming = c.req.raw.headers;
  const named = connectionNamed(incoming);
  const headers = new Headers();
  for (const [name, value] of incoming) {
    if (!notForwarded.has(name) && !named.has(name) && !name.startsWith('x-trellis-')) {
      headers.set(name, value);
    }
  }
  const url = new URL(c.req.url);
  headers.set('x-forwarded-for', clientAddress);
  headers.set('x-forwarded-proto', url.protocol.replace(':', ''));
  headers.set('x-forwarded-host', c.req.header('host') ?? url.host);
  if (caller.apiKey) {
    headers.set('x-trellis-api-key', `${caller.apiKey.id} ${caller.apiKey.scopes.join(',')}`);
  }
  return headers;
}

/** The request body, refused with 413 beyond `maxBytes`; none for GET and HEAD. */
export async function bodyWithin(c: Context, maxBytes: number): Promise<ArrayBuffer | undefined> {
  if (c.req.method === 'GET' || c.req.method === 'HEAD') {
    return undefined;
  }
  const tooLarge = () =>
    new ApiError('payload_too_large', {
      detail: `The request body is larger than ${maxBytes} bytes.`,
    });
  const declared = Number(c.req.header('content-length'));
  if (declared > maxBytes) {
    throw tooLarge();
  }
  const body = await c.req.arrayBuffer();
  if (body.byteLength > maxBytes) {
    throw tooLarge();
  }
  return body.byteLength > 0 ? body : undefined;
}

/** The headers of `response` that are not passed on to the client. */
function notRelayed(response: Response): string[] {
  const named = connectionNamed(response.headers);
  const decoded = response.headers.has('content-encoding');
  const dropped: string[] = [];
  for (const name of response.headers.keys()) {
    const encoding = name === 'content-encoding' || name === 'content-length';
    if (hopByHop.has(name) || named.has(name) || (decoded && encoding)) {
      dropped.push(name);
    }
  }
  return dropped;
}

/**
 * The service's answer as the gateway sends it on: hop-by-hop headers dropped, and the
 * encoding headers too when fetch already decoded the body. The answer itself when there is
 * nothing to drop (the kit's Node fetch has already dropped what was about its connection): a
 * new Response would turn a body read whole back into a stream, written out piece by piece.
 */
export function relayed(response: Response): Response {
  const dropped = notRelayed(response);
  if (dropped.length === 0) {
    return response;
  }
  const headers = new Headers();
  for (const [name, value] of response.headers) {
    if (!dropped.includes(name)) {
      headers.append(name, value);
    }
  }
  return new Response(response.body, { status: response.status, headers });
}
