import {
  BlockedError,
  blockedToApiError,
  createRouter,
  type KitEnv,
  pause,
  type ResourceEntry,
} from '@trellis/kit';
import type { Context } from 'hono';
import { type GatewayRoute, mostSpecificFirst } from '../../contract/route-table.ts';
import type { GatewayDeps } from '../../deps.ts';
import { clientAddress } from '../../edge/client-address.ts';
import { corsFromConfig } from '../../edge/cors.ts';
import {
  assertScope,
  assertUser,
  bearerToken,
  type EdgeCaller,
  verifiedApiKey,
} from '../../edge/identity.ts';
import { edgeResource } from '../../resilience.ts';
import { bodyWithin, forwardedHeaders, relayed } from './forward.ts';

type GatewayContext = Context<KitEnv<GatewayDeps>>;

/** Who is calling, verified: the API key (with the scope the route needs) and the user. */
async function edgeCaller(c: GatewayContext, route: GatewayRoute): Promise<EdgeCaller> {
  const { apiKeys, config } = c.get('deps');
  const apiKey = await verifiedApiKey(
    c.req.header('x-api-key'),
    config.get().requireApiKey,
    apiKeys,
  );
  assertScope(apiKey, route);
  const userToken = bearerToken(c);
  assertUser(userToken, route);
  return { ...(apiKey ? { apiKey } : {}), ...(userToken ? { userToken } : {}) };
}

/** Sends the call on to the service owning the route and relays its answer. */
async function forward(c: GatewayContext, route: GatewayRoute, caller: EdgeCaller, ip: string) {
  const deps = c.get('deps');
  const body = await bodyWithin(c, deps.config.get().maxBodyBytes);
  const url = new URL(c.req.url);
  const request = new Request(`http://${route.service}.invalid${url.pathname}${url.search}`, {
    method: c.req.method,
    headers: forwardedHeaders(c, caller, ip),
    ...(body ? { body } : {}),
    signal: c.req.raw.signal,
  });
  return relayed(await deps[route.service](request, route.template));
}

/** Admits the call through the edge rules (per address, per key), or refuses it with 429. */
async function admitAtEdge(
  c: GatewayContext,
  caller: EdgeCaller,
  ip: string,
): Promise<ResourceEntry> {
  const entry = await c.get('deps').resources.acquire(edgeResource, {
    kind: 'custom',
    caller: caller.apiKey ? `key:${caller.apiKey.id}` : 'anonymous',
    params: { ip, ...(caller.apiKey ? { apiKey: caller.apiKey.id } : {}) },
  });
  if (entry instanceof BlockedError) {
    throw blockedToApiError(entry);
  }
  if (entry.waitMs > 0) {
    try {
      await pause(entry.waitMs, c.req.raw.signal);
    } catch (error) {
      entry.exit({ error });
      throw error;
    }
  }
  return entry;
}

function proxyHandler(route: GatewayRoute) {
  return async (c: GatewayContext) => {
    const caller = await edgeCaller(c, route);
    const ip = clientAddress(c);
    const entry = await admitAtEdge(c, caller, ip);
    try {
      const response = await forward(c, route, caller, ip);
      entry.exit(response.status >= 500 ? { error: response.status } : undefined);
      return response;
    } catch (error) {
      entry.exit({ error });
      throw error;
    }
  };
}

/** One route per operation the gateway routes, each forwarding to the service that owns it. */
export function createProxyRouter(routes: readonly GatewayRoute[]) {
  const router = createRouter<GatewayDeps>();
  router.use(corsFromConfig());
  for (const route of mostSpecificFirst(routes)) {
    router.on(route.method, route.honoPath, proxyHandler(route));
  }
  return router;
}
