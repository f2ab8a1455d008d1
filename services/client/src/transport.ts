import {
  type ClientPolicy,
  ClientPolicySchema,
  createResources,
  pause,
  propagationHeaders,
  type Resources,
} from '@trellis/kit';
import { type CallSettings, createAttempt } from './attempt.ts';
import { RetryBudget } from './retry.ts';
import { createRetrying } from './retrying.ts';
import { matchTemplate } from './route-template.ts';
import type { ServiceName } from './services.ts';
import { callFailure, upstreamFailure } from './upstream-errors.ts';

export { maxRetryAfterMs } from './retrying.ts';
export { upstreamFailure } from './upstream-errors.ts';

export interface Discovery {
  /** Base URL (scheme, host, port) of one healthy instance of the service. */
  resolve(service: ServiceName): string | Promise<string>;
  /** A call to `baseUrl` failed to connect or timed out: pick other instances for a while. */
  reportFailure?(service: ServiceName, baseUrl: string): void;
  /** `baseUrl` answered. */
  reportSuccess?(service: ServiceName, baseUrl: string): void;
}

export interface FallbackContext {
  /** The call as the caller made it. */
  request: Request;
  /**
   * Why the call failed: the network error, the BlockedError of a rule, cockatiel's
   * BulkheadRejectedError, or for a final 5xx/429 answer the ApiError of `upstreamFailure`.
   */
  error: unknown;
  /** The resource, e.g. `users → GET /v1/users/{id}`. */
  resource: string;
}

/** Answers in place of an upstream that finally failed; its Response goes back as if from it. */
export type Fallback = (context: FallbackContext) => Response | Promise<Response>;

export interface TransportOptions {
  service: ServiceName;
  discovery?: Discovery;
  fetch?: (request: Request) => Promise<Response>;
  /** Per-attempt timeout; default 2 s. The live `policy().timeoutMs` wins over it. */
  timeoutMs?: number;
  /**
   * Extra attempts for idempotent calls after a network error, timeout or 429/502/503/504, each
   * resolved again so discovery can pick another instance. A refused connection is retried
   * for any call: the request never reached a server. The live `policy().retries` wins over it.
   */
  retries?: number;
  /** Headers to add to every call; defaults to the current request's trace and request id. */
  headers?: () => Record<string, string>;
  /** Waits between attempts; ends early when the call is aborted (the kit's `pause`). */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  /** The service's resilience engine; a private one when absent, so statistics still work. */
  resources?: Resources;
  /**
   * The calling service's own token for this upstream (the kit signs one per audience), sent as
   * `Authorization: Bearer …` unless the request carries its own credentials.
   */
  token?: () => Promise<string>;
  /** The outbound policy for this upstream, read on every call so config changes apply live. */
  policy?: () => ClientPolicy | undefined;
  /** Answers for calls that finally fail, keyed by method and template: `GET /v1/users/{id}`. */
  fallbacks?: Record<string, Fallback>;
  /**
   * The OpenAPI path template a request was built from, as the typed client's middleware
   * recorded it; without one, the URL path is matched against the service's templates.
   */
  template?: (request: Request) => string | undefined;
  /** Epoch milliseconds, for the retry budget and `Retry-After` dates; `Date.now` by default. */
  now?: () => number;
}

const policyDefaults = ClientPolicySchema.parse({});

function isFailure(status: number): boolean {
  return status >= 500 || status === 429;
}

/** The settings of a call: the live policy first, then the transport's options, then defaults. */
function settingsOf(options: TransportOptions): CallSettings {
  const policy = options.policy?.();
  return {
    timeoutMs: policy?.timeoutMs ?? options.timeoutMs ?? 2000,
    retries: policy?.retries ?? options.retries ?? 2,
    budgetRatio: policy?.retryBudgetRatio ?? policyDefaults.retryBudgetRatio,
    budgetMinPerSecond: policy?.retryBudgetMinPerSecond ?? policyDefaults.retryBudgetMinPerSecond,
    bulkhead: policy?.bulkhead,
  };
}

/** Adds the trace context, the user acted for and the service's token the request lacks. */
async function addHeaders(
  request: Request,
  headers: Record<string, string>,
  token: TransportOptions['token'],
) {
  for (const [name, value] of Object.entries(headers)) {
    if (!request.headers.has(name)) {
      request.headers.set(name, value);
    }
  }
  if (token && !request.headers.has('authorization')) {
    request.headers.set('authorization', `Bearer ${await token()}`);
  }
}

/**
 * The fetch every generated client runs through. Each call is named as the resource
 * `<service> → <METHOD> <template>` (`users → GET /v1/users/{id}`), carries the trace context,
 * the service's own token and the token of the user it acts for, and passes through these layers, outermost first:
 *
 * 1. fallback — `fallbacks['GET /v1/users/{id}']` answers a call that finally failed (network
 *    error or timeout after retries, a rule's block, a full bulkhead, a final 5xx or 429);
 * 2. retry — idempotent calls (and any refused connection) after a network error, timeout or
 *    429/502/503/504, with exponential backoff and jitter, honouring a `Retry-After` of up to
 *    5 s, within the upstream's retry budget; every attempt resolves discovery again;
 * 3. resource entry — the kit's engine admits each attempt (flow, breakers) or blocks it with a
 *    503 `dependency_unavailable` that is not retried; a pacing wait is slept; the attempt
 *    exits when the response headers arrive, failed for a network error, timeout or 5xx;
 * 4. bulkhead — caps the calls in flight to the upstream; beyond its queue, 503 at once;
 * 5. timeout — per attempt, aborting the fetch itself (and its body, if still streaming);
 * 6. discovery and fetch.
 *
 * `policy()` is read on every call, so a published config change applies to the next call.
 */
export function createTransport(options: TransportOptions) {
  const { service } = options;
  const extraHeaders = options.headers ?? propagationHeaders;
  const sleep = options.sleep ?? pause;
  const now = options.now ?? Date.now;
  const attempt = createAttempt({
    service,
    discovery: options.discovery,
    fetch: options.fetch ?? ((request: Request) => fetch(request)),
    resources: options.resources ?? createResources(),
    sleep,
  });
  const withRetries = createRetrying({ attempt, budget: new RetryBudget(now), sleep, now });

  return async (request: Request): Promise<Response> => {
    await addHeaders(request, extraHeaders(), options.token);
    const path = new URL(request.url).pathname;
    const template = options.template?.(request) ?? matchTemplate(service, path) ?? path;
    const route = `${request.method} ${template}`;
    const resource = `${service} → ${route}`;
    const fallback = options.fallbacks?.[route];

    let response: Response;
    try {
      response = await withRetries(request, resource, settingsOf(options));
    } catch (error) {
      if (fallback === undefined || request.signal.aborted) {
        throw request.signal.aborted ? error : callFailure(error, service, resource);
      }
      return fallback({ request, error, resource });
    }
    if (fallback === undefined || !isFailure(response.status)) {
      return response;
    }
    // The call's deadline may already have broken the body off: cancelling it then throws.
    await response.body?.cancel().catch(() => {});
    return fallback({ request, error: upstreamFailure(service, response), resource });
  };
}
