import type { Context, MiddlewareHandler } from 'hono';
import { routeTemplate, templateParams } from '../route-template.ts';
import { blockedToApiError } from './answers.ts';
import type { Resilience } from './engine.ts';
import type { ParamValue } from './hot-param.ts';
import { BlockedError, type EntryOptions } from './resource.ts';

/** `key:<id>` for an API key `<id>.<secret>`, the calling service the typed client names, or anonymous. */
export function callerOf(c: Context): string {
  const apiKey = c.req.header('x-api-key');
  if (apiKey) {
    return `key:${apiKey.split('.', 1)[0]}`;
  }
  return c.req.header('x-trellis-caller') || 'anonymous';
}

async function bodyField(c: Context, name: string): Promise<unknown> {
  if (!c.req.header('content-type')?.includes('json')) {
    return undefined;
  }
  try {
    // Hono caches the parsed body, so the route's validator reads it again for free.
    const body = (await c.req.json()) as unknown;
    return typeof body === 'object' && body !== null
      ? (body as Record<string, unknown>)[name]
      : undefined;
  } catch {
    return undefined; // the validator answers the bad body with its own 400
  }
}

/** Hot-parameter values from the path, the query, a header, then a top-level body field. */
async function paramsOf(
  c: Context,
  route: string,
  names: readonly string[],
): Promise<Record<string, ParamValue | undefined>> {
  const fromPath = templateParams(route, c.req.path);
  const params: Record<string, ParamValue | undefined> = {};
  for (const name of names) {
    let value: unknown = fromPath[name] ?? c.req.query(name) ?? c.req.header(name);
    if (value === undefined) {
      value = await bodyField(c, name);
    }
    if (typeof value === 'string' || typeof value === 'number') {
      params[name] = value;
    }
  }
  return params;
}

const names = new Map<string, Map<string, string>>();

/** `METHOD /template`, built once per route so the hot path allocates no string. */
function resourceName(method: string, route: string): string {
  let byMethod = names.get(route);
  if (byMethod === undefined) {
    byMethod = new Map();
    names.set(route, byMethod);
  }
  let name = byMethod.get(method);
  if (name === undefined) {
    name = `${method} ${route}`;
    byMethod.set(method, name);
  }
  return name;
}

/**
 * Guards every inbound route as the resource `METHOD /template`: sheds load first (503), then
 * admits through the route's flow, hot-parameter and breaker rules (429 / 503 problems), and
 * counts the outcome — a 5xx answer is a failure — when the response is ready.
 */
export function inboundProtection(
  resilience: Resilience,
  skipPaths: ReadonlySet<string>,
): MiddlewareHandler {
  const { resources, system } = resilience;
  return async (c, next) => {
    if (skipPaths.has(c.req.path)) {
      return next();
    }
    const route = routeTemplate(c);
    if (route === 'unmatched') {
      return next();
    }
    const name = resourceName(c.req.method, route);
    if (system.shouldShed()) {
      resources.recordBlock(name, 'system', 'inbound');
      throw blockedToApiError(new BlockedError(name, 'system', 1000));
    }
    const needs = resources.needs(name, 'inbound');
    let options: EntryOptions = { kind: 'inbound' };
    if (needs.caller) {
      options = { ...options, caller: callerOf(c) };
    }
    if (needs.params.length > 0) {
      options = { ...options, params: await paramsOf(c, route, needs.params) };
    }
    // Only a cluster rule can make admission wait; everything else decides synchronously.
    const entry = needs.lease
      ? await resources.acquire(name, options)
      : resources.tryEntry(name, options);
    if (entry instanceof BlockedError) {
      throw blockedToApiError(entry);
    }
    if (entry.waitMs > 0) {
      await new Promise((resolve) => setTimeout(resolve, entry.waitMs));
    }
    system.enter();
    const started = performance.now();
    try {
      await next();
    } finally {
      const rtMs = performance.now() - started;
      const status = c.res.status;
      entry.exit(status >= 500 ? { error: status, rtMs } : { rtMs });
      system.exit(rtMs, Date.now());
    }
  };
}
