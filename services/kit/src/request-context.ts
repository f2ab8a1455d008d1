import type { Context } from 'hono';
import { tryGetContext } from 'hono/context-storage';
import type { Grant } from './identity/access.ts';
import type { Caller } from './identity/caller.ts';
import { userTokenHeader } from './identity/identify.ts';
import type { Logger } from './logger.ts';

/** What the kit puts on every request's context. */
export interface KitVariables {
  requestId: string;
  traceId: string;
  spanId: string;
  traceparent: string;
  logger: Logger;
  /** The answering route's template (`/v1/orders/{id}`), once something has looked it up. */
  route?: string;
  /** Who is calling, verified before the resilience engine and the routes run. */
  caller: Caller;
  /** Which grant of the route's declared access let the call in. */
  grant?: Grant;
}

export interface KitEnv<Deps = unknown> {
  Variables: KitVariables & { deps: Deps };
}

/**
 * Headers an outgoing call must carry to continue the current request's trace and request id,
 * and the token of the user the request is made by, so the callee knows who it is for.
 * Read from Hono's context storage, so clients need no handle on the request.
 */
export function propagationHeaders(): Record<string, string> {
  const c = tryGetContext<KitEnv>() as Context<KitEnv> | undefined;
  if (!c) {
    return {};
  }
  const headers: Record<string, string> = {};
  const traceparent = c.get('traceparent');
  const requestId = c.get('requestId');
  if (traceparent) {
    headers.traceparent = traceparent;
  }
  if (requestId) {
    headers['x-request-id'] = requestId;
  }
  // Acting for a user: the callee checks the user's own token, not our word for it.
  const user = c.get('caller')?.user;
  if (user) {
    headers[userTokenHeader] = user.token;
  }
  return headers;
}
