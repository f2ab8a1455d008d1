import type { Context, MiddlewareHandler, Next } from 'hono';
import { clientAddress } from '../client-address.ts';
import type { Caller } from '../identity/caller.ts';
import { pathParam, routeTemplate } from '../route-template.ts';
import { blockedToApiError } from './answers.ts';
import type { Resilience } from './engine.ts';
import type { ParamSource, ParamValue } from './hot-param.ts';
import {
  BlockedError,
  type EntryInputs,
  type EntryOptions,
  type HotParamInput,
  type ResourceEntry,
} from './resource.ts';
import type { SystemGuard } from './system-guard.ts';

/**
 * What caller-keyed rules match: `key:<id>` for an API key the gateway verified, the verified
 * calling service, or anonymous. Never a header taken on the caller's word.
 */
export function callerOf(c: Context): string {
  const caller = (c.get('caller') as Caller | undefined) ?? {};
  if (caller.apiKey) {
    return `key:${caller.apiKey.id}`;
  }
  return caller.service ?? 'anonymous';
}

/** The JSON media types, as the route's validator tells them (any case, `+json` suffixes). */
const jsonMediaType = /^application\/([\w.-]+\+)?json$/i;

async function bodyField(c: Context, name: string): Promise<unknown> {
  const mediaType = c.req.header('content-type')?.split(';', 1)[0]?.trim() ?? '';
  if (!jsonMediaType.test(mediaType)) {
    return undefined; // the validator reads no body either, and answers 400
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

/** A hot parameter's value from the one source its rule names, the body aside. */
function sourceValue(
  c: Context,
  route: string,
  name: string,
  from: Exclude<ParamSource, 'body'>,
): string | undefined {
  switch (from) {
    case 'path':
      return pathParam(route, c.req.path, name);
    case 'query':
      return c.req.query(name);
    case 'header':
      return c.req.header(name);
    case 'address':
      return clientAddress(c);
  }
}

/**
 * Hot-parameter values, each from the source its rule names or else from the path, the query,
 * a header, then a top-level JSON body field; synchronous unless the body has to be read.
 */
function paramsOf(
  c: Context,
  route: string,
  inputs: readonly HotParamInput[],
): Record<string, ParamValue> | Promise<Record<string, ParamValue>> {
  const params: Record<string, ParamValue> = {};
  const inBody: HotParamInput[] = [];
  for (const input of inputs) {
    if (input.from === 'body') {
      inBody.push(input);
      continue;
    }
    const value = input.from
      ? sourceValue(c, route, input.name, input.from)
      : (pathParam(route, c.req.path, input.name) ??
        c.req.query(input.name) ??
        c.req.header(input.name));
    if (value !== undefined) {
      params[input.key] = value;
    } else if (!input.from) {
      inBody.push(input);
    }
  }
  if (inBody.length === 0) {
    return params;
  }
  return (async () => {
    for (const input of inBody) {
      const value = await bodyField(c, input.name);
      if (typeof value === 'string' || typeof value === 'number') {
        params[input.key] = value;
      }
    }
    return params;
  })();
}

const inboundEntry: EntryOptions = { kind: 'inbound' };
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

/** The entry options a route's rules look at; a promise when a hot parameter is in the body. */
function entryOptionsOf(
  c: Context,
  route: string,
  inputs: EntryInputs,
): EntryOptions | Promise<EntryOptions> {
  if (!inputs.caller && inputs.params.length === 0) {
    return inboundEntry;
  }
  const options: EntryOptions = { kind: 'inbound' };
  if (inputs.caller) {
    options.caller = callerOf(c);
  }
  if (inputs.params.length === 0) {
    return options;
  }
  const params = paramsOf(c, route, inputs.params);
  if (params instanceof Promise) {
    return params.then((bodyParams) => Object.assign(options, { params: bodyParams }));
  }
  options.params = params;
  return options;
}

/**
 * Runs the handler of an admitted call, timed, and counts its outcome (a 5xx answer is a
 * failure) with the resource and the system guard; a refused call becomes its 429 / 503 problem.
 */
function createAdmission(system: SystemGuard) {
  const complete = (c: Context, entry: ResourceEntry, started: number) => {
    const rtMs = performance.now() - started;
    entry.exit(c.res.status >= 500 ? { error: c.res.status, rtMs } : { rtMs });
    system.exit(rtMs, Date.now());
  };
  const afterPacing = async (c: Context, next: Next, entry: ResourceEntry): Promise<void> => {
    await new Promise((resolve) => setTimeout(resolve, entry.waitMs));
    system.enter();
    const started = performance.now();
    try {
      await next();
    } finally {
      complete(c, entry, started);
    }
  };
  return (c: Context, next: Next, entry: ResourceEntry | BlockedError) => {
    if (entry instanceof BlockedError) {
      throw blockedToApiError(entry);
    }
    if (entry.waitMs > 0) {
      return afterPacing(c, next, entry);
    }
    // The common case stays synchronous up to the handler: no extra async frame per request.
    system.enter();
    const started = performance.now();
    return next().then(
      () => complete(c, entry, started),
      (error: unknown) => {
        complete(c, entry, started);
        throw error;
      },
    );
  };
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
  const admitted = createAdmission(system);

  return (c, next) => {
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
    const inputs = resources.entryInputs(name, 'inbound');
    const options = entryOptionsOf(c, route, inputs);
    if (!(options instanceof Promise) && !inputs.lease) {
      return admitted(c, next, resources.tryEntry(name, options));
    }
    // Reading a body field or waiting for a cluster lease are the only reasons to wait.
    return (async () => {
      const resolved = await options;
      const entry = inputs.lease
        ? await resources.acquire(name, resolved)
        : resources.tryEntry(name, resolved);
      return admitted(c, next, entry);
    })();
  };
}
