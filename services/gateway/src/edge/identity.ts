import { ApiError, callerOfRequest, type KitEnv } from '@trellis/kit';
import type { Context, MiddlewareHandler } from 'hono';
import type { GatewayRoute } from '../contract/route-table.ts';
import type { GatewayDeps } from '../deps.ts';

function keyProblem(code: 'unauthorized' | 'forbidden', detail: string, message: string) {
  return new ApiError(code, { detail, errors: [{ in: 'header', path: 'x-api-key', message }] });
}

/**
 * Verifies the `x-api-key` of a call to the API through users (cached) and adds it to the
 * verified caller, before the resilience engine, so rules naming `key:<id>` count it. A key
 * that does not verify is a 401 whatever the route.
 */
export function verifyApiKeys(): MiddlewareHandler<KitEnv<GatewayDeps>> {
  return async (c, next) => {
    const key = c.req.header('x-api-key');
    if (!key || !c.req.path.startsWith('/v1/')) {
      return next();
    }
    const verified = await c.get('deps').apiKeys.verify(key);
    if (verified === undefined) {
      throw keyProblem(
        'unauthorized',
        'The API key is not valid: it is unknown, revoked or mistyped.',
        'is not a valid API key',
      );
    }
    c.set('caller', { ...c.get('caller'), apiKey: { id: verified.id, scopes: verified.scopes } });
    return next();
  };
}

/**
 * Refuses a call the route may not take from this caller: 401 without an API key (while
 * `requireApiKey` is on), 403 naming the scope the key lacks, 401 without a signed-in user's
 * token on an operation only users may call.
 */
export function assertEdgeAccess(c: Context<KitEnv<GatewayDeps>>, route: GatewayRoute): void {
  const { apiKey, user } = callerOfRequest(c);
  if (apiKey === undefined && c.get('deps').config.get().requireApiKey) {
    throw keyProblem(
      'unauthorized',
      'An API key is required: send it in the x-api-key header.',
      'is required',
    );
  }
  if (apiKey !== undefined && !apiKey.scopes.includes(route.scope)) {
    throw new ApiError('forbidden', {
      detail: `The API key lacks the scope ${route.scope}, which ${route.method} ${route.template} needs.`,
      errors: [{ in: 'header', path: 'x-api-key', message: `lacks the scope ${route.scope}` }],
      extensions: { scope: route.scope },
    });
  }
  if (route.needsUser && user === undefined) {
    throw new ApiError('unauthorized', {
      detail: `${route.method} ${route.template} needs a signed-in user: send their access token as Authorization: Bearer.`,
      errors: [{ in: 'header', path: 'authorization', message: 'is required' }],
      headers: { 'www-authenticate': 'Bearer' },
    });
  }
}
