import {
  BlockedError,
  blockedToApiError,
  type Caller,
  callerOfRequest,
  clientAddress,
  createRouter,
  type HotParamInput,
  type KitEnv,
  pause,
  type ResourceEntry,
} from '@trellis/kit';
import type { Context } from 'hono';
import { type GatewayRoute, mostSpecificFirst } from '../../contract/route-table.ts';
import type { GatewayDeps } from '../../deps.ts';
import { assertEdgeAccess } from '../../edge/identity.ts';
import { edgeResource } from '../../resilience.ts';
import { bodyWithin, forwardedHeaders, relayed } from './forward.ts';

type GatewayContext = Context<KitEnv<GatewayDeps>>;

/**
 * The values the edge rules count by: the connection's address for `ip` (or any rule reading
 * `from: address`), the verified key's id for `apiKey`.
 */
function edgeParams(inputs: readonly HotParamInput[], ip: string, caller: Caller) {
  const params: Record<string, string> = {};
  for (const { key, name, from } of inputs) {
    if (from === 'address' || (from === undefined && name === 'ip')) {
      params[key] = ip;
    } else if (from === undefined && name === 'apiKey' && caller.apiKey) {
      params[key] = caller.apiKey.id;
    }
  }
  return params;
}

/** Admits the call through the edge rules (per address, per key), or refuses it with 429. */
async function admitAtEdge(c: GatewayContext, caller: Caller, ip: string): Promise<ResourceEntry> {
  const { resources } = c.get('deps');
  const entry = await resources.acquire(edgeResource, {
    kind: 'custom',
    caller: caller.apiKey ? `key:${caller.apiKey.id}` : 'anonymous',
    params: edgeParams(resources.entryInputs(edgeResource, 'custom').params, ip, caller),
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

/**
 * Sends the call on to the service owning the route, through discovery and the engine, and
 * relays its answer. The transport adds the gateway's own token for that service and the
 * signed-in user's token; the gateway names the API key it verified.
 */
async function forward(c: GatewayContext, route: GatewayRoute, caller: Caller, ip: string) {
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

function proxyHandler(route: GatewayRoute) {
  return async (c: GatewayContext) => {
    assertEdgeAccess(c, route);
    const caller = callerOfRequest(c);
    // In-process requests (tests) have no connection: they share one address.
    const ip = clientAddress(c) ?? 'unknown';
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
  for (const route of mostSpecificFirst(routes)) {
    router.on(route.method, route.honoPath, proxyHandler(route));
  }
  return router;
}
