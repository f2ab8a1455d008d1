import { createTestDatabase, type TestDatabase } from '@trellis/db/testing';
import { callerOfRequest, createRouter, createService } from '@trellis/kit';
import { createNodeFetch } from '@trellis/kit/node';
import {
  captureLogger,
  createTestIdentity,
  expectProblem,
  listen,
  type TestIdentity,
  type TestServer,
} from '@trellis/kit/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { routedServices } from '../src/contract/upstream-documents.ts';
import { createApiKeyCache, type VerifiedKey } from '../src/edge/api-keys.ts';
import { createTestGatewayApp, type TestGatewayConfig } from '../src/testing.ts';

/**
 * The gateway in front of three kit services standing where users, orders and meetings would,
 * each answering every /v1 call with what it saw: who the kit verified the caller to be, and
 * the headers and body that reached it. The API keys are a fixed table here; the gateway's
 * questions to the real users service are tested with it in gateway.test.ts.
 */

interface Seen {
  service: string;
  method: string;
  path: string;
  query: string;
  caller: ReturnType<typeof callerOfRequest>;
  headers: Record<string, string>;
  body: string;
}

const keys: Record<string, VerifiedKey> = {
  trk_live_keyall_0123456789abcdef: {
    id: 'key_all',
    name: 'Everything',
    scopes: ['users:read', 'users:write', 'orders:read', 'orders:write', 'meetings:read'],
  },
  trk_live_keyread_0123456789abcdef: {
    id: 'key_read',
    name: 'Read orders',
    scopes: ['orders:read'],
  },
};
const allKey = 'trk_live_keyall_0123456789abcdef';
const readKey = 'trk_live_keyread_0123456789abcdef';

let identity: TestIdentity;
let database: TestDatabase;
let backends: TestServer[] = [];
let gateway: TestServer;
let config: TestGatewayConfig;
let asked: string[] = [];
let member: Record<string, string>;

function echoService(service: string) {
  const app = createService<object>({
    name: service,
    version: 'test',
    instanceId: `${service}-echo`,
    description: `Stands where ${service} would.`,
    logger: captureLogger(service).logger,
    deps: {},
    identity: identity.settings,
  });
  const router = createRouter();
  router.all('/v1/*', async (c) => {
    const seen: Seen = {
      service,
      method: c.req.method,
      path: c.req.path,
      query: new URL(c.req.url).search,
      caller: callerOfRequest(c),
      headers: Object.fromEntries(c.req.raw.headers),
      body: await c.req.text(),
    };
    return c.json(seen, 200, { 'x-answered-by': service });
  });
  app.route('/', router);
  return app;
}

/** Node's own fetch (the Deno entry's, and tests') and the kit's node:http fetch (`npm start`'s). */
const upstreamFetches = [
  ['the global fetch', undefined],
  ['the kit’s Node fetch', createNodeFetch()],
] as const;

describe.each(upstreamFetches)('sending upstream with %s', (_name, upstreamFetch) => {
  beforeAll(async () => {
    identity = await createTestIdentity();
    database = await createTestDatabase(inject('adminDatabaseUrl'));
    backends = await Promise.all(
      routedServices.map((service) => listen(echoService(service).fetch)),
    );
    const urls = Object.fromEntries(
      routedServices.map((service, i) => [service, backends[i]?.url]),
    );
    const built = createTestGatewayApp({
      database,
      urls: urls as Record<(typeof routedServices)[number], string>,
      identity: identity.settings,
      serviceToken: (audience) => identity.serviceToken('gateway', audience),
      ...(upstreamFetch ? { fetch: upstreamFetch } : {}),
      apiKeys: createApiKeyCache({
        ask: async (key) => {
          asked.push(key);
          return keys[key];
        },
        ttl: () => ({ acceptedSeconds: 30, refusedSeconds: 5 }),
      }),
    });
    config = built.config;
    gateway = await listen(built.app.fetch);
    member = await identity.asUser({ id: 'usr_member', roles: ['member'] });
  }, 60_000);

  afterAll(async () => {
    await Promise.all([gateway?.close(), ...backends.map((backend) => backend.close())]);
    await database?.drop();
  });

  beforeEach(() => {
    config.set({});
    asked = [];
  });

  async function call(path: string, init: RequestInit = {}) {
    return fetch(`${gateway.url}${path}`, init);
  }

  async function seen(path: string, init: RequestInit = {}): Promise<Seen> {
    const res = await call(path, init);
    expect(res.status, await res.clone().text()).toBe(200);
    return (await res.json()) as Seen;
  }

  describe('routing', () => {
    it('sends each call to the service whose contract has the operation, path and query intact', async () => {
      const headers = { 'x-api-key': allKey, ...member };
      const cases = [
        ['/v1/users/usr_1', 'users'],
        ['/v1/orders/ord_1', 'orders'],
        ['/v1/orders/stats?days=7', 'orders'],
        ['/v1/rooms?limit=5', 'meetings'],
        ['/v1/meetings/mtg_1', 'meetings'],
      ] as const;
      for (const [path, service] of cases) {
        const answer = await seen(path, { headers });
        expect(answer.service, path).toBe(service);
        expect(`${answer.path}${answer.query}`).toBe(path);
      }
    });

    it('answers HEAD as the service answers it, with the read scope', async () => {
      const res = await call('/v1/orders/ord_1', {
        method: 'HEAD',
        headers: { 'x-api-key': readKey, ...member },
      });
      expect(res.status).toBe(200);
      expect(res.headers.get('x-answered-by')).toBe('orders');
      expect(await res.text()).toBe('');
    });

    it('forwards the method and body of a write and answers with the service’s status and headers', async () => {
      const body = JSON.stringify({ currency: 'EUR', items: [] });
      const res = await call('/v1/orders', {
        method: 'POST',
        headers: { 'x-api-key': allKey, 'content-type': 'application/json', ...member },
        body,
      });
      expect(res.headers.get('x-answered-by')).toBe('orders');
      const answer = (await res.json()) as Seen;
      expect(answer).toMatchObject({ method: 'POST', path: '/v1/orders', body });
      expect(answer.headers['content-type']).toBe('application/json');
    });

    it('answers 404 for what it does not route, and never reaches a service for it', async () => {
      const headers = { 'x-api-key': allKey, ...member, 'content-type': 'application/json' };
      for (const [method, path] of [
        ['GET', '/v1/registry/services'],
        ['GET', '/v1/config/namespaces'],
        ['POST', '/v1/api-keys/verify'],
        ['GET', '/v1/nothing'],
        ['GET', '/healthz/../v1/registry/services'],
      ] as const) {
        const res = await call(path, {
          method,
          headers,
          ...(method === 'POST' ? { body: '{}' } : {}),
        });
        expect(res.headers.get('x-answered-by'), `${method} ${path}`).toBeNull();
        await expectProblem(res, 404);
      }
    });
  });

  describe('identity passed on', () => {
    it('calls the service with its own token, the user’s token and the API key it verified', async () => {
      const answer = await seen('/v1/orders/ord_1', {
        headers: { 'x-api-key': allKey, ...member },
      });
      expect(answer.caller.service).toBe('gateway');
      expect(answer.caller.user?.id).toBe('usr_member');
      expect(answer.caller.apiKey).toEqual({ id: 'key_all', scopes: keys[allKey]?.scopes });
      expect(answer.headers['x-api-key']).toBeUndefined();
    });

    it('drops every x-trellis-* header the client sends, whatever it claims', async () => {
      const admin = await identity.userToken({ id: 'usr_admin', roles: ['admin'] });
      const answer = await seen('/v1/orders/ord_1', {
        headers: {
          'x-api-key': readKey,
          ...member,
          'x-trellis-user-token': admin,
          'x-trellis-api-key': 'key_all users:write,orders:write',
          'x-trellis-caller': 'users',
          'x-trellis-anything': 'else',
        },
      });
      expect(answer.caller.user?.id).toBe('usr_member');
      expect(answer.caller.apiKey).toEqual({ id: 'key_read', scopes: ['orders:read'] });
      expect(answer.headers['x-trellis-user-token']).not.toBe(admin);
      expect(answer.headers['x-trellis-caller']).toBeUndefined();
      expect(answer.headers['x-trellis-anything']).toBeUndefined();
    });

    it('says where the call came from itself, not as the client claims', async () => {
      const answer = await seen('/v1/orders/ord_1', {
        headers: {
          'x-api-key': allKey,
          ...member,
          'x-forwarded-for': '203.0.113.9',
          forwarded: 'for=203.0.113.9',
        },
      });
      expect(answer.headers['x-forwarded-for']).toBe('127.0.0.1');
      expect(answer.headers.forwarded).toBeUndefined();
      expect(answer.headers['x-forwarded-proto']).toBe('http');
    });

    it('continues the trace of the call rather than the one the client made up', async () => {
      const res = await call('/v1/orders/ord_1', {
        headers: { 'x-api-key': allKey, ...member },
      });
      const answer = (await res.json()) as Seen;
      expect(answer.headers.traceparent).toContain(res.headers.get('x-trace-id'));
    });
  });

  describe('API keys and users at the edge', () => {
    it('refuses a call without a key with a 401 problem naming x-api-key, asking no one', async () => {
      const res = await call('/v1/orders/ord_1', { headers: member });
      const problem = await expectProblem(res, 401, 'x-api-key');
      expect(problem.detail).toContain('API key is required');
      expect(res.headers.get('x-answered-by')).toBeNull();
    });

    it('refuses a key users does not know with a 401, remembering the refusal', async () => {
      for (let i = 0; i < 3; i++) {
        const res = await call('/v1/orders/ord_1', {
          headers: { 'x-api-key': 'trk_live_nokey_0123456789abcdef', ...member },
        });
        await expectProblem(res, 401, 'x-api-key');
      }
      expect(asked).toEqual(['trk_live_nokey_0123456789abcdef']);
    });

    it('refuses a key lacking the scope with a 403 problem naming the scope', async () => {
      const res = await call('/v1/orders', {
        method: 'POST',
        headers: { 'x-api-key': readKey, ...member, 'content-type': 'application/json' },
        body: '{}',
      });
      const problem = await expectProblem(res, 403, 'x-api-key');
      expect(problem.detail).toContain('orders:write');
      expect(problem.scope).toBe('orders:write');
      expect(
        (await seen('/v1/orders/ord_1', { headers: { 'x-api-key': readKey, ...member } })).service,
      ).toBe('orders');
    });

    it('takes calls without a key while requireApiKey is off, and still refuses a bad one', async () => {
      config.set({ requireApiKey: false });
      const answer = await seen('/v1/orders/ord_1', { headers: member });
      expect(answer.caller.apiKey).toBeUndefined();
      const res = await call('/v1/orders/ord_1', {
        headers: { 'x-api-key': 'trk_live_nokey_0123456789abcdef', ...member },
      });
      await expectProblem(res, 401, 'x-api-key');
    });

    it('refuses an invalid user token with a 401 at the edge', async () => {
      const res = await call('/v1/orders/ord_1', {
        headers: { 'x-api-key': allKey, authorization: 'Bearer not.a.token' },
      });
      await expectProblem(res, 401);
      expect(res.headers.get('www-authenticate')).toContain('Bearer');
    });
  });

  describe('limits at the edge', () => {
    it('refuses a body over the live limit with 413 before the service sees it', async () => {
      config.set({ maxBodyBytes: 100 });
      const headers = { 'x-api-key': allKey, ...member, 'content-type': 'application/json' };
      const big = JSON.stringify({ note: 'x'.repeat(200) });
      const res = await call('/v1/orders', { method: 'POST', headers, body: big });
      await expectProblem(res, 413);
      const small = await call('/v1/orders', { method: 'POST', headers, body: '{"a":1}' });
      expect(small.status).toBe(200);
    });

    it('limits each client address and each key by the live edge rules, with a 429 problem', async () => {
      config.set({
        resilience: {
          hotParams: [{ resource: 'edge', param: 'apiKey', threshold: 2, windowSec: 60 }],
        },
      });
      const statuses = [];
      for (let i = 0; i < 4; i++) {
        const res = await call('/v1/orders/ord_1', {
          headers: { 'x-api-key': readKey, ...member },
        });
        statuses.push(res.status);
        if (res.status === 429) {
          const problem = await expectProblem(res, 429);
          expect(problem.detail).toContain('edge');
          expect(res.headers.get('retry-after')).toMatch(/^\d+$/);
        }
      }
      expect(statuses).toEqual([200, 200, 429, 429]);
      // Another key is counted on its own.
      expect(
        (await call('/v1/orders/ord_1', { headers: { 'x-api-key': allKey, ...member } })).status,
      ).toBe(200);
      // As a rule reading the address would be written for a route of any service.
      config.set({
        resilience: {
          hotParams: [
            { resource: 'edge', param: 'client', from: 'address', threshold: 1, windowSec: 60 },
          ],
        },
      });
      const byAddress = [];
      for (let i = 0; i < 2; i++) {
        byAddress.push(
          (await call('/v1/orders/ord_1', { headers: { 'x-api-key': allKey, ...member } })).status,
        );
      }
      expect(byAddress).toEqual([200, 429]);
    });
    it('counts a verified key as the caller of per-route rules naming it', async () => {
      config.set({
        resilience: {
          flow: [{ resource: 'GET /v1/orders/{id}', caller: 'key:key_read', threshold: 1 }],
        },
      });
      const get = (key: string) =>
        call('/v1/orders/ord_1', { headers: { 'x-api-key': key, ...member } });
      expect((await get(readKey)).status).toBe(200);
      const limited = await get(readKey);
      expect((await expectProblem(limited, 429)).resource).toBe('GET /v1/orders/{id}');
      expect((await get(allKey)).status).toBe(200);
    });
  });

  describe('CORS from live config', () => {
    const origin = 'https://app.example.com';
    const preflight = (from: string) =>
      call('/v1/orders', {
        method: 'OPTIONS',
        headers: {
          origin: from,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'x-api-key, content-type, authorization',
        },
      });

    it('allows no origin by default', async () => {
      const res = await preflight(origin);
      await expectProblem(res, 403, 'origin');
      const simple = await call('/v1/orders/ord_1', {
        headers: { origin, 'x-api-key': allKey, ...member },
      });
      expect(simple.status).toBe(200);
      expect(simple.headers.get('access-control-allow-origin')).toBeNull();
    });

    it('answers the preflight and the call of an allowed origin, refusals included', async () => {
      config.set({ cors: { allowedOrigins: [origin], maxAgeSeconds: 120 } });
      const res = await preflight(origin);
      expect(res.status).toBe(204);
      expect(res.headers.get('access-control-allow-origin')).toBe(origin);
      expect(res.headers.get('access-control-allow-methods')).toContain('POST');
      expect(res.headers.get('access-control-allow-headers')).toContain('x-api-key');
      expect(res.headers.get('access-control-max-age')).toBe('120');
      const refused = await call('/v1/orders/ord_1', { headers: { origin } });
      expect(refused.status).toBe(401);
      expect(refused.headers.get('access-control-allow-origin')).toBe(origin);
      expect(refused.headers.get('access-control-expose-headers')).toContain('retry-after');
      const badToken = await call('/v1/orders/ord_1', {
        headers: { origin, 'x-api-key': allKey, authorization: 'Bearer nope' },
      });
      expect(badToken.status).toBe(401);
      expect(badToken.headers.get('access-control-allow-origin')).toBe(origin);
      expect((await preflight('https://evil.example.com')).status).toBe(403);
    });
  });

  describe('the gateway’s own surfaces', () => {
    it('serves its merged document and docs, and never a service’s /metrics or /resilience', async () => {
      const document = await (await call('/openapi.json')).json();
      expect(document.info.title).toBe('Trellis API');
      expect((await call('/docs')).status).toBe(200);
      for (const path of ['/metrics', '/resilience']) {
        const res = await call(path, { headers: { 'x-api-key': allKey } });
        expect(res.status, path).toBe(401);
        expect(res.headers.get('x-answered-by')).toBeNull();
      }
      const metrics = await call('/metrics', {
        headers: { authorization: `Bearer ${identity.metricsToken}` },
      });
      expect(await metrics.text()).toContain('service="gateway"');
    });
  });
});
