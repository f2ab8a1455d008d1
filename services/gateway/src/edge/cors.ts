import { ApiError, type KitEnv } from '@trellis/kit';
import type { MiddlewareHandler } from 'hono';
import type { GatewayDeps } from '../deps.ts';

const allowedMethods = 'GET, HEAD, POST, PUT, PATCH, DELETE';
const allowedHeaders = [
  'authorization',
  'content-type',
  'x-api-key',
  'idempotency-key',
  'if-match',
  'if-none-match',
  'x-request-id',
  'traceparent',
].join(', ');
/** Headers a browser script may read from an answer, beyond the CORS-safelisted ones. */
const exposedHeaders = [
  'etag',
  'location',
  'retry-after',
  'ratelimit',
  'ratelimit-policy',
  'idempotent-replayed',
  'x-request-id',
  'x-trace-id',
].join(', ');

function preflightRefused(origin: string): ApiError {
  return new ApiError('forbidden', {
    detail: `Cross-origin calls from ${origin} are not allowed.`,
    errors: [{ in: 'header', path: 'origin', message: 'is not an allowed origin' }],
  });
}

/**
 * CORS from live config: a call from an allowed origin is answered with that origin allowed
 * (and `Vary: Origin`), its preflight with the methods and headers the API takes; a preflight
 * from any other origin is refused with 403. No credentials: the API takes headers, not cookies.
 */
export function corsFromConfig(): MiddlewareHandler<KitEnv<GatewayDeps>> {
  return async (c, next) => {
    const origin = c.req.header('origin');
    if (origin === undefined) {
      return next();
    }
    const { allowedOrigins, maxAgeSeconds } = c.get('deps').config.get().cors;
    const allowed = allowedOrigins.includes(origin);
    const preflight =
      c.req.method === 'OPTIONS' && c.req.header('access-control-request-method') !== undefined;
    if (preflight) {
      if (!allowed) {
        throw preflightRefused(origin);
      }
      return c.body(null, 204, {
        'access-control-allow-origin': origin,
        'access-control-allow-methods': allowedMethods,
        'access-control-allow-headers': allowedHeaders,
        'access-control-max-age': String(maxAgeSeconds),
        vary: 'origin',
      });
    }
    await next();
    c.res.headers.append('vary', 'origin');
    if (allowed) {
      c.res.headers.set('access-control-allow-origin', origin);
      c.res.headers.set('access-control-expose-headers', exposedHeaders);
    }
  };
}
