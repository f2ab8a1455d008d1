import { ApiError, propagationHeaders } from '@trellis/kit';
import type { ServiceName } from './services.ts';

export interface Discovery {
  /** Base URL (scheme, host, port) of one healthy instance of the service. */
  resolve(service: ServiceName): string | Promise<string>;
  /** A call to `baseUrl` failed to connect or timed out: pick other instances for a while. */
  reportFailure?(service: ServiceName, baseUrl: string): void;
  /** `baseUrl` answered. */
  reportSuccess?(service: ServiceName, baseUrl: string): void;
}

export interface TransportOptions {
  service: ServiceName;
  discovery?: Discovery;
  fetch?: (request: Request) => Promise<Response>;
  /** Per-attempt timeout; default 2 s. */
  timeoutMs?: number;
  /**
   * Extra attempts for idempotent calls after a network error, timeout or 502/503/504, each
   * resolved again so discovery can pick another instance. A refused connection is retried
   * for any call: the request never reached a server.
   */
  retries?: number;
  /** Headers to add to every call; defaults to the current request's trace and request id. */
  headers?: () => Record<string, string>;
  sleep?: (ms: number) => Promise<void>;
}

const idempotentMethods = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE']);
const retryableStatuses = new Set([502, 503, 504]);

function isIdempotent(request: Request): boolean {
  return idempotentMethods.has(request.method) || request.headers.has('idempotency-key');
}

function backoff(attempt: number): number {
  const base = 50 * 2 ** attempt;
  return base / 2 + Math.random() * base;
}

function errorCode(error: unknown): string | undefined {
  return (error as { cause?: { code?: string } }).cause?.code;
}

function describe(error: unknown): string {
  if (error instanceof DOMException && error.name === 'TimeoutError') {
    return 'timed out';
  }
  const cause = (error as { cause?: { code?: string } }).cause;
  return cause?.code ?? (error instanceof Error ? error.message : 'failed');
}

/**
 * The fetch every generated client runs through: resolves the service for every attempt (so a
 * retry goes to another instance), propagates trace context, bounds each attempt with a timeout,
 * retries only what is safe to repeat and tells discovery which instances answered.
 */
export function createTransport(options: TransportOptions) {
  const doFetch = options.fetch ?? ((request: Request) => fetch(request));
  const timeoutMs = options.timeoutMs ?? 2000;
  const retries = options.retries ?? 2;
  const extraHeaders = options.headers ?? propagationHeaders;
  const sleep = options.sleep ?? ((ms: number) => new Promise((r) => setTimeout(r, ms)));

  return async (request: Request): Promise<Response> => {
    for (const [name, value] of Object.entries(extraHeaders())) {
      if (!request.headers.has(name)) {
        request.headers.set(name, value);
      }
    }
    const idempotent = isIdempotent(request);
    const attempts = retries + 1;
    let lastError: unknown;
    for (let attempt = 0; attempt < attempts; attempt++) {
      const isLast = attempt === attempts - 1;
      const base = options.discovery ? await options.discovery.resolve(options.service) : undefined;
      let target = isLast ? request : request.clone();
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
          options.discovery?.reportSuccess?.(options.service, base);
        }
        if (idempotent && !isLast && retryableStatuses.has(response.status)) {
          await response.body?.cancel();
          await sleep(backoff(attempt));
          continue;
        }
        return response;
      } catch (error) {
        if (request.signal.aborted) {
          throw error;
        }
        lastError = error;
        if (base !== undefined) {
          options.discovery?.reportFailure?.(options.service, base);
        }
        if (!idempotent && errorCode(error) !== 'ECONNREFUSED') {
          break;
        }
        if (!isLast) {
          await sleep(backoff(attempt));
        }
      }
    }
    throw new ApiError('dependency_unavailable', {
      detail: `The ${options.service} service cannot be reached (${describe(lastError)}).`,
      cause: lastError,
      headers: { 'retry-after': '1' },
    });
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
