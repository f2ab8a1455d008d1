import { createServer, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { serve } from '@hono/node-server';
import { expect } from 'vitest';
import { ApiError } from './errors.ts';
import { createLogger, type Logger } from './logger.ts';
import { ProblemSchema } from './openapi.ts';

export { createTestIdentity, type TestIdentity, type TestUser } from './identity/testing.ts';

/** A logger for tests that keeps every line it writes, parsed, for assertions. */
export function captureLogger(service = 'test'): {
  logger: Logger;
  lines: Record<string, unknown>[];
} {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n')) {
        if (line.trim()) {
          lines.push(JSON.parse(line) as Record<string, unknown>);
        }
      }
      done();
    },
  });
  const logger = createLogger({ service, instance: 'test', level: 'debug', destination });
  return { logger, lines };
}

export type JsonRequestInit = RequestInit & { json?: unknown };
export type JsonRequester = (path: string, init?: JsonRequestInit) => Promise<Response>;

/** Requests against an in-process app; a `json` body is serialized and labelled as JSON. */
export function jsonRequester(
  app: { request: (path: string, init: RequestInit) => Response | Promise<Response> },
  /** Headers every request starts from, e.g. who it calls as; the request's own win. */
  defaultHeaders: () => Record<string, string> | Promise<Record<string, string>> = () => ({}),
): JsonRequester {
  return async (path, init = {}) => {
    const { json, ...rest } = init;
    const headers = new Headers(await defaultHeaders());
    new Headers(rest.headers).forEach((value, name) => {
      headers.set(name, value);
    });
    if (json !== undefined) {
      headers.set('content-type', 'application/json');
    }
    return Promise.resolve(
      app.request(path, {
        ...rest,
        headers,
        ...(json !== undefined ? { body: JSON.stringify(json) } : {}),
      }),
    );
  };
}

export interface TestServer {
  url: string;
  close(): Promise<void>;
}

/** Serves `fetch` over HTTP on a free port of 127.0.0.1. */
export function listen(
  fetch: (request: Request) => Response | Promise<Response>,
): Promise<TestServer> {
  return new Promise((resolve) => {
    const server = serve({ fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) =>
      resolve({
        url: `http://127.0.0.1:${info.port}`,
        close: () =>
          new Promise<void>((done, fail) => {
            server.close((error) => (error ? fail(error) : done()));
            // Keep-alive connections from fetch would otherwise hold close() open.
            if ('closeAllConnections' in server) {
              server.closeAllConnections();
            }
          }),
      }),
    );
  });
}

/**
 * Serves a plain node:http listener on a free port of 127.0.0.1, for answers a Web handler
 * cannot give: one that never comes, half a body, a connection whose closing is watched.
 */
export async function listenHttp(listener: RequestListener): Promise<TestServer> {
  const server = createServer(listener);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((done) => server.close(() => done()));
    },
  };
}

/** A base URL where nothing listens: a server started and closed again. */
export async function closedUrl(): Promise<string> {
  const server = await listen(() => new Response(null, { status: 204 }));
  await server.close();
  return server.url;
}

/**
 * Asserts `res` is a problem+json answer with `status` and a trace id, naming `field` among its
 * field errors when given, and returns the parsed problem.
 */
export async function expectProblem(res: Response, status: number, field?: string) {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toBe('application/problem+json');
  const problem = ProblemSchema.parse(await res.json());
  expect(problem.status).toBe(status);
  expect(problem.traceId).toMatch(/^[0-9a-f]{32}$/);
  if (field !== undefined) {
    expect(problem.errors.map((e) => e.path)).toContain(field);
  }
  return problem;
}

/**
 * Sends `count` copies of one create with one `Idempotency-Key` at once and asserts what every
 * creating write promises: each answer is 201 with the same body and `Location`, all but one
 * marked `Idempotent-Replayed`. Returns the one body, for the caller to count its rows.
 */
export async function expectIdempotentRace(
  request: JsonRequester,
  path: string,
  body: unknown,
  count = 8,
): Promise<{ id: string } & Record<string, unknown>> {
  const headers = { 'idempotency-key': `race-${crypto.randomUUID()}` };
  const answers = await Promise.all(
    Array.from({ length: count }, () => request(path, { method: 'POST', json: body, headers })),
  );
  expect(answers.map((res) => res.status)).toEqual(Array(count).fill(201));
  const bodies = await Promise.all(answers.map((res) => res.json()));
  const [first] = bodies as [{ id: string } & Record<string, unknown>];
  expect(bodies).toEqual(Array(count).fill(first));
  expect(answers.map((res) => res.headers.get('location'))).toEqual(
    Array(count).fill(`${path}/${first.id}`),
  );
  const replayed = answers.filter((res) => res.headers.get('idempotent-replayed') === 'true');
  expect(replayed).toHaveLength(count - 1);
  return first;
}

/** Asserts that a key used once is refused with another body: 422 naming the header. */
export async function expectKeyReuseRefused(
  request: JsonRequester,
  path: string,
  body: unknown,
  otherBody: unknown,
): Promise<void> {
  const headers = { 'idempotency-key': `reuse-${crypto.randomUUID()}` };
  expect((await request(path, { method: 'POST', json: body, headers })).status).toBe(201);
  const reused = await request(path, { method: 'POST', json: otherBody, headers });
  const problem = await expectProblem(reused, 422, 'idempotency-key');
  expect(problem.detail).toContain('different request body');
}

let collect: (() => void) | undefined;

/**
 * Settles like `work`, running a full garbage collection every few milliseconds meanwhile, so
 * that whatever `work` holds only weakly is dropped as it may be on a busy machine.
 */
export async function underGarbageCollection<T>(work: Promise<T>): Promise<T> {
  if (!collect) {
    setFlagsFromString('--expose-gc');
    collect = runInNewContext('gc') as () => void;
  }
  const gc = collect;
  const timer = setInterval(() => gc(), 5);
  try {
    return await work;
  } finally {
    clearInterval(timer);
  }
}

/** A body that delivers `chunks` as they are split, then ends. */
export function streamOf(chunks: string[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream({
    start(controller) {
      for (const chunk of chunks) {
        controller.enqueue(encoder.encode(chunk));
      }
      controller.close();
    },
  });
}

/** The ApiError `work` rejects with; anything else, success included, fails the test. */
export async function apiErrorOf(work: Promise<unknown>): Promise<ApiError> {
  try {
    await work;
  } catch (error) {
    if (error instanceof ApiError) {
      return error;
    }
    throw error;
  }
  throw new Error('the call succeeded');
}

/** The credentials a call carried, as a recording proxy saw them. */
export interface SeenCredentials {
  authorization: string | null;
  userToken: string | null;
}

/**
 * An HTTP proxy to `target` that records the credentials of every call it passes on (the
 * service's bearer and the forwarded user token), to show what a service sends upstream.
 */
export async function credentialRecordingProxy(
  target: string,
): Promise<TestServer & { seen: SeenCredentials[] }> {
  const seen: SeenCredentials[] = [];
  const server = await listen(async (request) => {
    seen.push({
      authorization: request.headers.get('authorization'),
      userToken: request.headers.get('x-trellis-user-token'),
    });
    const headers = new Headers();
    for (const name of ['authorization', 'x-trellis-user-token', 'traceparent', 'content-type']) {
      const value = request.headers.get(name);
      if (value !== null) {
        headers.set(name, value);
      }
    }
    const url = new URL(request.url);
    const hasBody = request.method !== 'GET' && request.method !== 'HEAD';
    return fetch(`${target}${url.pathname}${url.search}`, {
      method: request.method,
      headers,
      ...(hasBody ? { body: await request.text() } : {}),
    });
  });
  return { ...server, seen };
}
