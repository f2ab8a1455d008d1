import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import {
  ApiError,
  BlockedError,
  type ClientPolicy,
  type ClientPolicyInput,
  ClientPolicySchema,
  createResources,
  type Resources,
} from '@trellis/kit';
import {
  apiErrorOf,
  closedUrl,
  listenHttp,
  type TestServer,
  underGarbageCollection,
} from '@trellis/kit/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createClient, type FallbackContext } from '../src/index.ts';
import { createTransport } from '../src/transport.ts';

interface Hit {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
}

type Handler = (req: IncomingMessage, res: ServerResponse, hit: number) => void;

const ok: Handler = (_req, res) =>
  res.writeHead(200, { 'content-type': 'application/json' }).end('{"id":"usr_1"}');

/** A real upstream whose answer each test sets; it counts hits and calls in flight. */
let upstream: TestServer;
let baseUrl: string;
let hits: Hit[] = [];
let handler: Handler = ok;
let inFlight = 0;
let maxInFlight = 0;
let closedEarly = 0;

beforeAll(async () => {
  upstream = await listenHttp((req, res) => {
    hits.push({ method: req.method ?? '', path: req.url ?? '/', headers: req.headers });
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    res.on('close', () => {
      inFlight--;
      if (!res.writableFinished) {
        closedEarly++;
      }
    });
    req.resume();
    handler(req, res, hits.length);
  });
  baseUrl = upstream.url;
});

afterAll(() => upstream.close());

beforeEach(() => {
  hits = [];
  handler = ok;
  maxInFlight = 0;
  closedEarly = 0;
});

function status(code: number, headers: Record<string, string> = {}): Handler {
  return (_req, res) =>
    res.writeHead(code, { 'content-type': 'application/problem+json', ...headers }).end('{}');
}

function policy(input: ClientPolicyInput): ClientPolicy {
  return ClientPolicySchema.parse(input);
}

/** A fake sleep that records what it was asked to wait and returns at once. */
function recordingSleep() {
  const waits: number[] = [];
  const sleep = async (ms: number) => {
    waits.push(ms);
  };
  return { waits, sleep };
}

/** Holds answers until `open()`; `waitFor(n)` resolves once n calls are held. */
function gate() {
  const held: (() => void)[] = [];
  const waiters: { n: number; resolve: () => void }[] = [];
  const handler: Handler = (_req, res) => {
    held.push(() => ok(_req, res, 0));
    for (const w of waiters.filter((w) => held.length >= w.n)) {
      w.resolve();
    }
  };
  return {
    handler,
    waitFor: (n: number) =>
      new Promise<void>((resolve) => {
        if (held.length >= n) {
          resolve();
        } else {
          waiters.push({ n, resolve });
        }
      }),
    open: () => {
      for (const answer of held.splice(0)) {
        answer();
      }
    },
  };
}

const userById = 'users → GET /v1/users/{id}';

function getUser(client: ReturnType<typeof createClient<'users'>>, id = 'usr_1') {
  return client.GET('/v1/users/{id}', { params: { path: { id } } });
}

describe('outbound timeout', () => {
  it('aborts the fetch of an attempt that times out, so the upstream sees the connection close', async () => {
    handler = () => {};
    const transport = createTransport({ service: 'users', timeoutMs: 100, retries: 0 });
    const error = await apiErrorOf(transport(new Request(`${baseUrl}/v1/users/usr_1`)));
    expect(error.status).toBe(503);
    expect(error.detail).toBe('The users service cannot be reached (timed out).');
    await expect.poll(() => closedEarly).toBe(1);
  });

  it('aborts an attempt at its timeout even while garbage is collected', async () => {
    // Node's fetch follows a Request's signal through a weak reference; a collected link once
    // let a late answer through as a success.
    handler = (req, res, hit) => setTimeout(() => ok(req, res, hit), 300);
    const transport = createTransport({ service: 'users', timeoutMs: 50, retries: 0 });
    for (let call = 1; call <= 3; call++) {
      const error = await underGarbageCollection(
        apiErrorOf(transport(new Request(`${baseUrl}/v1/users/usr_1`))),
      );
      expect(error.detail).toBe('The users service cannot be reached (timed out).');
      await expect.poll(() => closedEarly).toBe(call);
    }
  });
});

describe('outbound retries', () => {
  it('retries an idempotent GET with jittered exponential backoff', async () => {
    handler = status(502);
    const { waits, sleep } = recordingSleep();
    const transport = createTransport({ service: 'users', retries: 3, sleep });
    const res = await transport(new Request(`${baseUrl}/v1/users/usr_1`));
    expect(res.status).toBe(502);
    expect(hits).toHaveLength(4);
    expect(waits).toHaveLength(3);
    for (const wait of waits) {
      expect(wait).toBeGreaterThan(0);
      expect(wait).toBeLessThanOrEqual(2000);
    }
  });

  it('does not retry a POST answered 503, nor one that timed out', async () => {
    const { waits, sleep } = recordingSleep();
    const post = () => new Request(`${baseUrl}/v1/users`, { method: 'POST', body: '{}' });
    handler = status(503);
    const res = await createTransport({ service: 'users', retries: 3, sleep })(post());
    expect(res.status).toBe(503);

    handler = () => {};
    const transport = createTransport({ service: 'users', retries: 3, sleep, timeoutMs: 100 });
    const error = await apiErrorOf(transport(post()));
    expect(error.detail).toContain('timed out');
    await expect.poll(() => closedEarly).toBe(1);
    expect(hits).toHaveLength(2);
    expect(waits).toEqual([]);
  });

  it('waits the seconds a 429 asks for in Retry-After before trying again', async () => {
    handler = (req, res, hit) =>
      hit === 1 ? status(429, { 'retry-after': '2' })(req, res, hit) : ok(req, res, hit);
    const { waits, sleep } = recordingSleep();
    const transport = createTransport({ service: 'users', retries: 2, sleep });
    const res = await transport(new Request(`${baseUrl}/v1/users/usr_1`));
    expect(res.status).toBe(200);
    expect(waits).toEqual([2000]);
  });

  it('stops waiting out a Retry-After as soon as its caller aborts', async () => {
    handler = status(429, { 'retry-after': '4' });
    const transport = createTransport({ service: 'users', retries: 2 });
    const caller = new AbortController();
    const started = performance.now();
    const call = transport(new Request(`${baseUrl}/v1/users/usr_1`, { signal: caller.signal }));
    await expect.poll(() => hits.length).toBe(1);
    caller.abort(new Error('the caller gave up'));
    await expect(call).rejects.toThrow('the caller gave up');
    // Well under the 4 s asked for, with room for a loaded machine.
    expect(performance.now() - started).toBeLessThan(3000);
    expect(hits).toHaveLength(1);
  });

  it('waits until the HTTP date a 503 gives in Retry-After', async () => {
    const now = Date.UTC(2030, 0, 1, 12, 0, 0);
    const at = new Date(now + 3000).toUTCString();
    handler = (req, res, hit) =>
      hit === 1 ? status(503, { 'retry-after': at })(req, res, hit) : ok(req, res, hit);
    const { waits, sleep } = recordingSleep();
    const transport = createTransport({ service: 'users', sleep, now: () => now });
    const res = await transport(new Request(`${baseUrl}/v1/users/usr_1`));
    expect(res.status).toBe(200);
    expect(waits).toEqual([3000]);
  });

  it('hands back a 503 whose Retry-After is beyond 5 s instead of waiting it out', async () => {
    handler = status(503, { 'retry-after': '30' });
    const { waits, sleep } = recordingSleep();
    const transport = createTransport({ service: 'users', retries: 2, sleep });
    const res = await transport(new Request(`${baseUrl}/v1/users/usr_1`));
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('30');
    expect(hits).toHaveLength(1);
    expect(waits).toEqual([]);
  });

  it('stops a retry storm at the retry budget', async () => {
    handler = status(503);
    const { sleep } = recordingSleep();
    const transport = createTransport({
      service: 'users',
      sleep,
      policy: () => policy({ retries: 3, retryBudgetRatio: 0.1, retryBudgetMinPerSecond: 0 }),
    });
    for (let i = 0; i < 100; i++) {
      const res = await transport(new Request(`${baseUrl}/v1/users/usr_${i}`));
      expect(res.status).toBe(503);
    }
    const retries = hits.length - 100;
    expect(retries).toBeGreaterThan(0);
    expect(retries).toBeLessThanOrEqual(10);
  });
});

describe('outbound bulkhead', () => {
  it('caps calls in flight to the upstream and refuses beyond its queue with 503', async () => {
    const held = gate();
    handler = held.handler;
    const transport = createTransport({
      service: 'users',
      policy: () => policy({ retries: 0, bulkhead: { maxConcurrent: 2, maxQueue: 1 } }),
    });
    const calls = Array.from({ length: 4 }, (_, i) =>
      transport(new Request(`${baseUrl}/v1/users/usr_${i}`)),
    );
    const rejected = await apiErrorOf(calls[3] as Promise<Response>);
    expect(rejected.status).toBe(503);
    expect(rejected.code).toBe('dependency_unavailable');
    expect(rejected.detail).toBe('The users service has too many calls in flight (bulkhead full).');

    await held.waitFor(2);
    expect(maxInFlight).toBe(2);
    held.open();
    await held.waitFor(1);
    held.open();
    const answers = await Promise.all(calls.slice(0, 3));
    expect(answers.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(hits).toHaveLength(3);
    expect(maxInFlight).toBe(2);
  });
});

describe('outbound breakers', () => {
  let resources: Resources;

  beforeEach(() => {
    resources = createResources();
  });

  it('opens after failed calls, then fails fast with a 503 naming the resource', async () => {
    resources.setRules({
      breakers: [
        {
          resource: userById,
          strategy: 'error-ratio',
          threshold: 0.5,
          minRequests: 3,
          statIntervalMs: 10_000,
          openDurationMs: 10_000,
        },
      ],
    });
    handler = status(500);
    const users = createClient('users', { baseUrl, resources, retries: 0 });
    for (let i = 0; i < 3; i++) {
      const { response } = await getUser(users);
      expect(response.status).toBe(500);
    }
    expect(resources.breakers(userById)[0]?.state).toBe('open');

    const error = await apiErrorOf(getUser(users));
    expect(error.status).toBe(503);
    expect(error.code).toBe('dependency_unavailable');
    expect(error.detail).toBe(
      'users → GET /v1/users/{id} is refused by an open circuit breaker; retry after 10 s.',
    );
    expect(error.headers['retry-after']).toBe('10');
    expect(error.extensions).toEqual({ resource: userById, reason: 'breaker' });
    expect(hits).toHaveLength(3);
  });

  it('does not retry a call its breaker refuses', async () => {
    resources.setRules({
      breakers: [{ resource: userById, strategy: 'error-count', threshold: 1 }],
      forcedBreakers: [{ resource: userById, state: 'open' }],
    });
    const { waits, sleep } = recordingSleep();
    const users = createClient('users', { baseUrl, resources, retries: 3, sleep });
    const error = await apiErrorOf(getUser(users));
    expect(error.detail).toContain('open circuit breaker');
    expect(waits).toEqual([]);
    expect(hits).toHaveLength(0);
  });

  it('counts a 4xx as a success, so it never trips the breaker', async () => {
    resources.setRules({
      breakers: [{ resource: userById, strategy: 'error-count', threshold: 1, minRequests: 1 }],
    });
    handler = status(404);
    const users = createClient('users', { baseUrl, resources });
    for (let i = 0; i < 3; i++) {
      expect((await getUser(users)).response.status).toBe(404);
    }
    expect(resources.breakers(userById)[0]?.state).toBe('closed');
    expect(resources.snapshot(userById).second).toMatchObject({ succeeded: 3, failed: 0 });
  });

  it('answers from the fallback once slow calls opened the breaker', async () => {
    resources.setRules({
      breakers: [
        {
          resource: userById,
          strategy: 'slow-call-ratio',
          threshold: 0.5,
          slowCallRtMs: 50,
          minRequests: 2,
          statIntervalMs: 10_000,
          openDurationMs: 10_000,
        },
      ],
    });
    handler = (req, res, hit) => setTimeout(() => ok(req, res, hit), 100);
    const seen: FallbackContext[] = [];
    const users = createClient('users', {
      baseUrl,
      resources,
      fallbacks: {
        'GET /v1/users/{id}': (context) => {
          seen.push(context);
          return Response.json({ id: 'usr_cached' });
        },
      },
    });
    for (let i = 0; i < 2; i++) {
      expect((await getUser(users)).data).toEqual({ id: 'usr_1' });
    }
    expect(resources.breakers(userById)[0]?.state).toBe('open');

    const { data, response } = await getUser(users, 'usr_2');
    expect(response.status).toBe(200);
    expect(data).toEqual({ id: 'usr_cached' });
    expect(hits).toHaveLength(2);
    expect(seen).toHaveLength(1);
    expect(seen[0]?.resource).toBe(userById);
    expect(seen[0]?.request.url).toBe(`${baseUrl}/v1/users/usr_2`);
    expect(seen[0]?.error).toBeInstanceOf(BlockedError);
    expect(seen[0]?.error).toMatchObject({ reason: 'breaker', resource: userById });
  });

  it('waits the pace a pacing flow rule sets before each call', async () => {
    resources.setRules({
      flow: [{ resource: userById, threshold: 10, behavior: 'pacing', maxQueueingTimeMs: 1000 }],
    });
    const { waits, sleep } = recordingSleep();
    const users = createClient('users', { baseUrl, resources, sleep });
    await Promise.all([getUser(users), getUser(users), getUser(users)]);
    expect(waits).toHaveLength(2);
    expect(waits[0]).toBeGreaterThan(50);
    expect(waits[1]).toBeGreaterThan(150);
  });

  it('counts the call done when the response headers arrive, not when the body ends', async () => {
    let finish = () => {};
    handler = (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.write('partial');
      finish = () => res.end('rest');
    };
    const transport = createTransport({ service: 'users', resources });
    const res = await transport(new Request(`${baseUrl}/v1/users/usr_1`));
    expect(resources.snapshot(userById)).toMatchObject({
      concurrency: 0,
      second: { passed: 1, succeeded: 1 },
    });
    finish();
    expect(await res.text()).toBe('partialrest');
  });
});

describe('outbound fallbacks', () => {
  it('answers from the fallback when every attempt fails to connect', async () => {
    const dead = await closedUrl();
    const { sleep } = recordingSleep();
    const errors: unknown[] = [];
    const users = createClient('users', {
      baseUrl: dead,
      sleep,
      fallbacks: {
        'GET /v1/users/{id}': ({ error }) => {
          errors.push(error);
          return Response.json({ id: 'usr_cached' });
        },
      },
    });
    expect((await getUser(users)).data).toEqual({ id: 'usr_cached' });
    expect(errors).toHaveLength(1);
    expect(errors[0]).toBeInstanceOf(TypeError);
  });

  it('answers from the fallback when the last attempt is a 503, and leaves other routes alone', async () => {
    handler = status(503);
    const { sleep } = recordingSleep();
    const users = createClient('users', {
      baseUrl,
      sleep,
      retries: 1,
      fallbacks: {
        'GET /v1/users/{id}': ({ error }) => {
          expect(error).toBeInstanceOf(ApiError);
          expect((error as ApiError).detail).toBe('The users service answered 503.');
          return Response.json({ id: 'usr_cached' });
        },
      },
    });
    expect((await getUser(users)).data).toEqual({ id: 'usr_cached' });
    expect(hits).toHaveLength(2);
    const list = await users.GET('/v1/users', {});
    expect(list.response.status).toBe(503);
  });
});

describe('outbound policy', () => {
  it('applies a changed policy on the next call', async () => {
    // The first answer comes later than the transport's own 50 ms, well within the policy's
    // 10 s; the second never comes, so only the policy's new timeout can end that call.
    let current = policy({ timeoutMs: 10_000, retries: 0 });
    handler = (req, res, hit) => {
      if (hit === 1) {
        setTimeout(() => ok(req, res, hit), 150);
      }
    };
    const transport = createTransport({ service: 'users', timeoutMs: 50, policy: () => current });
    expect((await transport(new Request(`${baseUrl}/v1/users/usr_1`))).status).toBe(200);

    current = policy({ timeoutMs: 50, retries: 0 });
    const error = await apiErrorOf(transport(new Request(`${baseUrl}/v1/users/usr_1`)));
    expect(error.detail).toBe('The users service cannot be reached (timed out).');
    await expect.poll(() => closedEarly).toBe(1);
    expect(hits).toHaveLength(2);
  });

  it('rebuilds the bulkhead when its settings change', async () => {
    const held = gate();
    handler = held.handler;
    let current = policy({ retries: 0, bulkhead: { maxConcurrent: 1 } });
    const transport = createTransport({ service: 'users', policy: () => current });
    const call = () => transport(new Request(`${baseUrl}/v1/users/usr_1`));

    const first = call();
    await held.waitFor(1);
    expect((await apiErrorOf(call())).detail).toContain('bulkhead full');

    current = policy({ retries: 0, bulkhead: { maxConcurrent: 2 } });
    const second = call();
    const third = call();
    await held.waitFor(3);
    held.open();
    expect((await Promise.all([first, second, third])).map((r) => r.status)).toEqual([
      200, 200, 200,
    ]);
    expect(maxInFlight).toBe(3);
  });
});

describe('outbound identity', () => {
  it("sends the calling service's own token on every call, and no x-trellis-caller", async () => {
    let issued = 0;
    const token = async () => `token-${++issued}`;
    const users = createClient('users', { baseUrl, token });
    await getUser(users);
    await users.POST('/v1/users/lookup', { body: { ids: ['usr_1'] } });
    expect(hits.map((h) => h.headers.authorization)).toEqual(['Bearer token-1', 'Bearer token-2']);
    expect(hits.map((h) => h.headers['x-trellis-caller'])).toEqual([undefined, undefined]);
  });

  it('names each call after its method and OpenAPI template', async () => {
    const resources = createResources();
    const users = createClient('users', { baseUrl, resources });
    await getUser(users, 'usr_1');
    await getUser(users, 'usr_2');
    await users.POST('/v1/users/lookup', { body: { ids: ['usr_1'] } });
    await users.POST('/v1/users/{id}/suspend', { params: { path: { id: 'usr_3' } } });
    expect(resources.names().sort()).toEqual([
      'users → GET /v1/users/{id}',
      'users → POST /v1/users/lookup',
      'users → POST /v1/users/{id}/suspend',
    ]);
    expect(resources.kind(userById)).toBe('outbound');
    expect(resources.snapshot(userById).second.passed).toBe(2);
  });

  it('matches the URL against the templates when a middleware replaced the request', async () => {
    const resources = createResources();
    const users = createClient('users', { baseUrl, resources });
    users.use({ onRequest: ({ request }) => new Request(request) });
    await getUser(users);

    const transport = createTransport({ service: 'users', resources });
    await transport(new Request(`${baseUrl}/v1/users/lookup`, { method: 'POST', body: '{}' }));
    await transport(new Request(`${baseUrl}/elsewhere/usr_1?x=1`));
    expect(resources.names().sort()).toEqual([
      'users → GET /elsewhere/usr_1',
      'users → GET /v1/users/{id}',
      'users → POST /v1/users/lookup',
    ]);
  });
});
