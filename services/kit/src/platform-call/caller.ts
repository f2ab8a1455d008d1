import { UnexpectedStatus } from './failure.ts';
import { type CallScope, fetchWithin, openCallScope } from './scope.ts';

/** The service token, or a function returning a fresh one (tokens expire). */
export type TokenSource = string | (() => string | Promise<string>);

export type FetchFunction = (request: Request) => Promise<Response>;

export interface PlatformCallerOptions {
  /** Who answers, as failures name it: `the config center`, `the registry`. */
  peer: string;
  /** Base URL the call paths are resolved against, e.g. `http://127.0.0.1:4110`. */
  baseUrl: string;
  /** Sent as a bearer token on every call, fetched anew for each. */
  token?: TokenSource | undefined;
  fetch?: FetchFunction | undefined;
  /** Deadline of a call, reading its answer included, unless the call sets its own. */
  timeoutMs: number;
  /** Ends every call at once, e.g. the owner's stop. */
  signal?: AbortSignal | undefined;
}

export interface PlatformCallOptions {
  /** Sent as JSON. */
  body?: unknown;
  headers?: Record<string, string>;
  /** This call's deadline; `null` for none (a stream, ended by its signals). */
  timeoutMs?: number | null;
  /** Ends this call too. */
  signal?: AbortSignal | undefined;
}

/** An answer being read within its call's scope. */
export interface PlatformAnswer {
  readonly response: Response;
  readonly status: number;
  /** Aborts when the call ends: deadline, owner's stop or the call's own signal. */
  readonly signal: AbortSignal;
  /** Ends the call now, e.g. a stream that fell silent. */
  abort(): void;
  json(): Promise<unknown>;
  text(): Promise<string>;
  /** The error to throw for a status the caller cannot go on with. */
  unexpected(): UnexpectedStatus;
}

export interface PlatformCaller {
  /**
   * Makes one call and gives its answer to `read`, all within the call's deadline and
   * signals; rejects with the scope's reason (a `TimeoutError` at the deadline) when it ends
   * first. A body `read` leaves unread is cancelled, so the connection is free again.
   */
  call<T>(
    method: string,
    path: string,
    options: PlatformCallOptions,
    read: (answer: PlatformAnswer) => T | Promise<T>,
  ): Promise<T>;
}

async function bearer(token: TokenSource | undefined): Promise<Record<string, string>> {
  const value = typeof token === 'function' ? await token() : token;
  return value ? { authorization: `Bearer ${value}` } : {};
}

function answerOf(response: Response, scope: CallScope, peer: string): PlatformAnswer {
  return {
    response,
    status: response.status,
    signal: scope.signal,
    abort: () => scope.abort(),
    json: () => scope.guard(response.json()),
    text: () => scope.guard(response.text()),
    unexpected: () => new UnexpectedStatus(peer, response.status),
  };
}

/** Calls to one platform service (config center, registry) with a token, deadline and stop. */
export function createPlatformCaller(options: PlatformCallerOptions): PlatformCaller {
  const fetcher = options.fetch ?? ((request: Request) => fetch(request));
  const base = options.baseUrl.replace(/\/+$/, '');
  return {
    async call(method, path, callOptions, read) {
      const { body } = callOptions;
      const scope = openCallScope({
        timeoutMs: callOptions.timeoutMs === undefined ? options.timeoutMs : callOptions.timeoutMs,
        signals: [options.signal, callOptions.signal],
      });
      let response: Response | undefined;
      try {
        const headers = {
          ...(await scope.guard(bearer(options.token))),
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...callOptions.headers,
        };
        const request = new Request(`${base}${path}`, {
          method,
          headers,
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        });
        response = await fetchWithin(scope, fetcher, request);
        return await read(answerOf(response, scope, options.peer));
      } finally {
        if (response?.body && !response.bodyUsed) {
          await response.body.cancel().catch(() => {});
        }
        scope.release();
      }
    },
  };
}
