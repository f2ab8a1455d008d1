import {
  ApiError,
  BlockedError,
  type ClientPolicy,
  ClientPolicySchema,
  createResources,
  propagationHeaders,
  type Resources,
} from '@trellis/kit';
import {
  type BulkheadPolicy,
  BulkheadRejectedError,
  bulkhead,
  ExponentialBackoff,
  type IBackoff,
  type IPolicy,
  noop,
} from 'cockatiel';
import { isIdempotent, RetryBudget, retryAfterMs, retryableStatuses } from './retry.ts';
import { matchTemplate } from './route-template.ts';
import type { ServiceName } from './services.ts';

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
  sleep?: (ms: number) => Promise<void>;
  /** The service's resilience engine; a private one when absent, so statistics still work. */
  resources?: Resources;
  /** The calling service's name, sent as `x-trellis-caller` for the upstream's caller rules. */
  caller?: string;
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

/** The longest `Retry-After` worth waiting for; a longer one is handed back, not waited out. */
export const maxRetryAfterMs = 5000;

const policyDefaults = ClientPolicySchema.parse({});
const retryBackoff = new ExponentialBackoff({ initialDelay: 100, maxDelay: 2000 });

const blockLabels: Record<BlockedError['reason'], string> = {
  flow: 'a flow rule',
  'hot-param': 'a hot-parameter rule',
  breaker: 'an open circuit breaker',
  system: 'the system rule',
};

function errorCode(error: unknown): string | undefined {
  return (error as { cause?: { code?: string } }).cause?.code;
}

function describe(error: unknown): string {
  if (error instanceof DOMException && error.name === 'TimeoutError') {
    return 'timed out';
  }
  return errorCode(error) ?? (error instanceof Error ? error.message : 'failed');
}

/** Failures that happened before the call left this process, so they are never retried. */
function neverSent(error: unknown): boolean {
  return (
    error instanceof BlockedError ||
    error instanceof BulkheadRejectedError ||
    error instanceof ApiError
  );
}

function isFailure(status: number): boolean {
  return status >= 500 || status === 429;
}

/** Holds the bulkhead of the current policy; a changed policy gets a new one. */
function createBulkheads() {
  let current: { key: string; policy: BulkheadPolicy } | undefined;
  return (settings: ClientPolicy['bulkhead']): IPolicy => {
    if (settings === undefined) {
      return noop;
    }
    const maxQueue = settings.maxQueue ?? 0;
    const key = `${settings.maxConcurrent}/${maxQueue}`;
    // Calls in flight keep the old bulkhead until they finish; new calls count against this one.
    if (current?.key !== key) {
      current = { key, policy: bulkhead(settings.maxConcurrent, maxQueue) };
    }
    return current.policy;
  };
}

/**
 * The fetch every generated client runs through. Each call is named as the resource
 * `<service> → <METHOD> <template>` (`users → GET /v1/users/{id}`), carries the trace context and
 * `x-trellis-caller`, and passes through these layers, outermost first:
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
  const doFetch = options.fetch ?? ((request: Request) => fetch(request));
  const extraHeaders = options.headers ?? propagationHeaders;
  const sleep = options.sleep ?? ((ms: number) => new Promise((r) => setTimeout(r, ms)));
  const now = options.now ?? Date.now;
  const resources = options.resources ?? createResources();
  const budget = new RetryBudget(now);
  const bulkheadFor = createBulkheads();

  function settings() {
    const policy = options.policy?.();
    return {
      timeoutMs: policy?.timeoutMs ?? options.timeoutMs ?? 2000,
      retries: policy?.retries ?? options.retries ?? 2,
      budgetRatio: policy?.retryBudgetRatio ?? policyDefaults.retryBudgetRatio,
      budgetMinPerSecond: policy?.retryBudgetMinPerSecond ?? policyDefaults.retryBudgetMinPerSecond,
      bulkhead: policy?.bulkhead,
    };
  }
  type Settings = ReturnType<typeof settings>;

  async function send(request: Request, timeoutMs: number): Promise<Response> {
    const base = options.discovery ? await options.discovery.resolve(service) : undefined;
    let target = request.clone();
    if (base !== undefined) {
      const origin = new URL(base);
      const url = new URL(target.url);
      url.protocol = origin.protocol;
      url.host = origin.host;
      target = new Request(url, target);
    }
    const signal = AbortSignal.any([request.signal, AbortSignal.timeout(timeoutMs)]);
    try {
      const response = await doFetch(new Request(target, { signal }));
      if (base !== undefined) {
        options.discovery?.reportSuccess?.(service, base);
      }
      return response;
    } catch (error) {
      if (base !== undefined && !request.signal.aborted) {
        options.discovery?.reportFailure?.(service, base);
      }
      throw error;
    }
  }

  async function attempt(request: Request, resource: string, policy: Settings) {
    const entry = await resources.acquire(resource, { kind: 'outbound' });
    if (entry instanceof BlockedError) {
      throw entry;
    }
    let response: Response;
    try {
      if (entry.waitMs > 0) {
        await sleep(entry.waitMs);
      }
      response = await bulkheadFor(policy.bulkhead).execute(
        () => send(request, policy.timeoutMs),
        request.signal,
      );
    } catch (error) {
      entry.exit({ error });
      throw error;
    }
    // A 4xx is the upstream working as specified; only 5xx counts against it.
    entry.exit(response.status >= 500 ? { error: response.status } : undefined);
    return response;
  }

  async function withRetries(request: Request, resource: string): Promise<Response> {
    const policy = settings();
    const idempotent = isIdempotent(request);
    let delays: IBackoff<unknown> | undefined;
    const backoff = () => {
      delays = delays ? delays.next(undefined) : retryBackoff.next();
      return delays.duration;
    };
    budget.deposit();
    for (let retry = 0; ; retry++) {
      request.signal.throwIfAborted();
      const more = retry < policy.retries;
      let response: Response;
      try {
        response = await attempt(request, resource, policy);
      } catch (error) {
        if (request.signal.aborted) {
          throw request.signal.reason;
        }
        const retryable = !neverSent(error) && (idempotent || errorCode(error) === 'ECONNREFUSED');
        if (
          !retryable ||
          !more ||
          !budget.withdraw(policy.budgetRatio, policy.budgetMinPerSecond)
        ) {
          throw error;
        }
        await sleep(backoff());
        continue;
      }
      if (!idempotent || !more || !retryableStatuses.has(response.status)) {
        return response;
      }
      const asked =
        response.status === 429 || response.status === 503
          ? retryAfterMs(response.headers.get('retry-after'), now())
          : undefined;
      if (
        (asked !== undefined && asked > maxRetryAfterMs) ||
        !budget.withdraw(policy.budgetRatio, policy.budgetMinPerSecond)
      ) {
        return response;
      }
      await response.body?.cancel();
      await sleep(asked ?? backoff());
    }
  }

  function toApiError(error: unknown, resource: string): ApiError {
    if (error instanceof ApiError) {
      return error;
    }
    if (error instanceof BlockedError) {
      const seconds = Math.max(1, Math.ceil(error.retryAfterMs / 1000));
      return new ApiError('dependency_unavailable', {
        detail: `${resource} is refused by ${blockLabels[error.reason]}; retry after ${seconds} s.`,
        extensions: { resource, reason: error.reason },
        headers: { 'retry-after': String(seconds) },
        cause: error,
      });
    }
    if (error instanceof BulkheadRejectedError) {
      return new ApiError('dependency_unavailable', {
        detail: `The ${service} service has too many calls in flight (bulkhead full).`,
        extensions: { resource, reason: 'bulkhead' },
        headers: { 'retry-after': '1' },
        cause: error,
      });
    }
    return new ApiError('dependency_unavailable', {
      detail: `The ${service} service cannot be reached (${describe(error)}).`,
      cause: error,
      headers: { 'retry-after': '1' },
    });
  }

  return async (request: Request): Promise<Response> => {
    for (const [name, value] of Object.entries(extraHeaders())) {
      if (!request.headers.has(name)) {
        request.headers.set(name, value);
      }
    }
    if (options.caller !== undefined && !request.headers.has('x-trellis-caller')) {
      request.headers.set('x-trellis-caller', options.caller);
    }
    const path = new URL(request.url).pathname;
    const template = options.template?.(request) ?? matchTemplate(service, path) ?? path;
    const route = `${request.method} ${template}`;
    const resource = `${service} → ${route}`;
    const fallback = options.fallbacks?.[route];

    let response: Response;
    try {
      response = await withRetries(request, resource);
    } catch (error) {
      if (fallback === undefined || request.signal.aborted) {
        throw request.signal.aborted ? error : toApiError(error, resource);
      }
      return fallback({ request, error, resource });
    }
    if (fallback === undefined || !isFailure(response.status)) {
      return response;
    }
    await response.body?.cancel();
    return fallback({ request, error: upstreamFailure(service, response), resource });
  };
}

/** Maps an upstream response the caller did not expect to the problem it should answer with. */
export function upstreamFailure(service: ServiceName, response: Response): ApiError {
  if (response.status >= 500 || response.status === 429) {
    return new ApiError('dependency_unavailable', {
      detail: `The ${service} service answered ${response.status}.`,
      headers: { 'retry-after': '1' },
    });
  }
  return new ApiError('internal', {
    detail: `The ${service} service answered an unexpected ${response.status}.`,
  });
}
