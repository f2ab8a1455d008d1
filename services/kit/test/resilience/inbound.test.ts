import { describe, expect, it } from 'vitest';
import {
  createResilience,
  createRouter,
  createService,
  type ResilienceRulesInput,
  SystemGuard,
} from '../../src/index.ts';
import { captureLogger, expectProblem, listen } from '../../src/testing.ts';
import { createTestService } from '../test-service.ts';

function serviceWith(rules: ResilienceRulesInput) {
  const resilience = createResilience({ rules });
  const { app } = createTestService({ resilience });
  return { app, resilience };
}

const post = (name: string, headers: Record<string, string> = {}) => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', ...headers },
  body: JSON.stringify({ name }),
});

describe('inbound protection', () => {
  it('answers a flow-limited route with 429, Retry-After and RateLimit headers', async () => {
    const { app, resilience } = serviceWith({
      flow: [{ resource: 'GET /v1/things/{id}', threshold: 3 }],
    });
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      statuses.push((await app.request('/v1/things/thg_1')).status);
    }
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
    const res = await app.request('/v1/things/thg_2');
    const problem = await expectProblem(res, 429);
    expect(problem).toMatchObject({
      type: 'urn:trellis:problem:rate-limited',
      resource: 'GET /v1/things/{id}',
      reason: 'flow',
    });
    expect(problem.detail).toContain('limited to 3 calls per second');
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(res.headers.get('ratelimit-policy')).toBe('"flow";q=3;w=1');
    expect(res.headers.get('ratelimit')).toMatch(/^"flow";r=0;t=\d+$/);
    const { second } = resilience.resources.snapshot('GET /v1/things/{id}');
    expect(second.passed).toBe(3);
    expect(second.blocked.flow).toBe(3);
    expect(resilience.resources.kind('GET /v1/things/{id}')).toBe('inbound');
  });

  it('limits a hot body field per value, one user throttled and another not', async () => {
    const { app } = serviceWith({
      hotParams: [{ resource: 'POST /v1/things', param: 'name', threshold: 2 }],
    });
    const hot = [];
    for (let i = 0; i < 4; i++) {
      hot.push((await app.request('/v1/things', post('alice'))).status);
    }
    expect(hot).toEqual([201, 201, 429, 429]);
    expect((await app.request('/v1/things', post('bob'))).status).toBe(201);
    const res = await app.request('/v1/things', post('alice'));
    const problem = await expectProblem(res, 429);
    expect(problem.detail).toContain('for each name');
    // The validator still reads the body the guard peeked at.
    expect((await app.request('/v1/things', post(''))).status).toBe(400);
  });

  it('reads a hot parameter only from the source its rule names, never from the query or a header', async () => {
    const { app } = serviceWith({
      hotParams: [{ resource: 'POST /v1/things', param: 'name', from: 'body', threshold: 2 }],
    });
    const statuses = [];
    for (let i = 0; i < 4; i++) {
      const res = await app.request(`/v1/things?name=q${i}`, post('alice', { name: `h${i}` }));
      statuses.push(res.status);
    }
    expect(statuses).toEqual([201, 201, 429, 429]);
  });

  it('reads a JSON body whatever the case of its media type, as the validator does', async () => {
    const { app } = serviceWith({
      hotParams: [{ resource: 'POST /v1/things', param: 'name', from: 'body', threshold: 1 }],
    });
    const shouted = post('alice', { 'content-type': 'Application/JSON; charset=utf-8' });
    expect((await app.request('/v1/things', shouted)).status).toBe(201);
    expect((await app.request('/v1/things', shouted)).status).toBe(429);
  });

  it('counts values differing only in case as one when the rule ignores case', async () => {
    const { app } = serviceWith({
      hotParams: [
        {
          resource: 'POST /v1/things',
          param: 'name',
          from: 'body',
          ignoreCase: true,
          threshold: 2,
        },
      ],
    });
    const statuses = [];
    for (const name of ['Alice', 'ALICE', 'alice']) {
      statuses.push((await app.request('/v1/things', post(name))).status);
    }
    expect(statuses).toEqual([201, 201, 429]);
  });

  it("limits by the connection's address, which only a server hands over", async () => {
    const { app } = serviceWith({
      hotParams: [{ resource: 'POST /v1/things', param: 'address', from: 'address', threshold: 2 }],
    });
    const server = await listen(app.fetch);
    try {
      const statuses = [];
      for (let i = 0; i < 3; i++) {
        const res = await fetch(
          `${server.url}/v1/things`,
          post(`n${i}`, { 'x-forwarded-for': `10.0.0.${i}` }),
        );
        statuses.push(res.status);
        if (res.status === 429) {
          expect((await expectProblem(res, 429)).detail).toContain('for each address');
        }
      }
      expect(statuses).toEqual([201, 201, 429]);
      // In process no address is known, and the rule does not apply.
      expect((await app.request('/v1/things', post('in-process'))).status).toBe(201);
    } finally {
      await server.close();
    }
  });

  it('limits a hot path parameter', async () => {
    const { app } = serviceWith({
      hotParams: [{ resource: 'GET /v1/things/{id}', param: 'id', threshold: 1 }],
    });
    expect((await app.request('/v1/things/thg_1')).status).toBe(200);
    expect((await app.request('/v1/things/thg_1')).status).toBe(429);
    expect((await app.request('/v1/things/thg_2')).status).toBe(200);
  });

  it('counts a caller rule against that caller only', async () => {
    const { app } = serviceWith({
      flow: [{ resource: 'GET /v1/things/{id}', threshold: 1, caller: 'meetings' }],
    });
    const meetings = { headers: { 'x-trellis-caller': 'meetings' } };
    expect((await app.request('/v1/things/thg_1', meetings)).status).toBe(200);
    expect((await app.request('/v1/things/thg_1', meetings)).status).toBe(429);
    const orders = { headers: { 'x-trellis-caller': 'orders' } };
    expect((await app.request('/v1/things/thg_1', orders)).status).toBe(200);
    expect((await app.request('/v1/things/thg_1')).status).toBe(200);
  });

  it('names an API key caller by the key id only', async () => {
    const { app } = serviceWith({
      flow: [{ resource: 'GET /v1/things/{id}', threshold: 1, caller: 'key:mobile' }],
    });
    const key = { headers: { 'x-api-key': 'mobile.s3cret' } };
    expect((await app.request('/v1/things/thg_1', key)).status).toBe(200);
    expect((await app.request('/v1/things/thg_1', key)).status).toBe(429);
  });

  it('opens an inbound breaker on 5xx answers and answers 503 naming the resource', async () => {
    const { app } = serviceWith({
      breakers: [
        {
          resource: 'GET /v1/boom',
          strategy: 'error-count',
          threshold: 2,
          minRequests: 2,
          openDurationMs: 60_000,
        },
      ],
    });
    expect((await app.request('/v1/boom')).status).toBe(500);
    expect((await app.request('/v1/boom')).status).toBe(500);
    const problem = await expectProblem(await app.request('/v1/boom'), 503);
    expect(problem).toMatchObject({ resource: 'GET /v1/boom', reason: 'breaker' });
  });

  it('sheds requests past maxInFlight with a fast 503', async () => {
    const { app } = serviceWith({ system: { maxInFlight: 2 } });
    const slow = [app.request('/v1/slow?ms=200'), app.request('/v1/slow?ms=200')];
    await new Promise((resolve) => setTimeout(resolve, 20));
    const started = performance.now();
    const shed = await app.request('/v1/slow?ms=200');
    expect(performance.now() - started).toBeLessThan(100);
    const problem = await expectProblem(shed, 503);
    expect(problem).toMatchObject({ type: 'urn:trellis:problem:overloaded', reason: 'system' });
    expect(shed.headers.get('retry-after')).toBe('1');
    expect((await Promise.all(slow)).map((r) => r.status)).toEqual([200, 200]);
    // Platform paths are never shed or counted.
    expect((await app.request('/healthz')).status).toBe(200);
  });

  it('takes new rules at once and serves the live view', async () => {
    const { app, resilience } = serviceWith({});
    expect((await app.request('/v1/things/thg_1')).status).toBe(200);
    resilience.setRules({ flow: [{ resource: 'GET /v1/things/{id}', threshold: 0 }] });
    expect((await app.request('/v1/things/thg_1')).status).toBe(429);
    const res = await app.request('/resilience?seconds=5');
    expect(res.status).toBe(200);
    const view = await res.json();
    expect(view).toMatchObject({ service: 'things', instance: 'things-1' });
    const resource = view.resources.find((r: { name: string }) => r.name === 'GET /v1/things/{id}');
    expect(resource.kind).toBe('inbound');
    expect(resource.series).toHaveLength(5);
    type Row = { passed: number; blocked: { flow: number } };
    const rows = resource.series as Row[];
    expect(rows.reduce((sum, row) => sum + row.passed, 0)).toBe(1);
    expect(rows.reduce((sum, row) => sum + row.blocked.flow, 0)).toBe(1);
    expect(view.rules.flow[0]).toMatchObject({ threshold: 0, behavior: 'reject', caller: '*' });
    await expectProblem(await app.request('/resilience?seconds=0'), 400, 'seconds');
  });

  it('exports counters, a duration histogram and breaker states on /metrics', async () => {
    const { app, resilience } = serviceWith({
      breakers: [{ resource: 'GET /v1/things/{id}', strategy: 'error-ratio', threshold: 0.5 }],
      forcedBreakers: [{ resource: 'GET /v1/conflict', state: 'open' }],
    });
    await app.request('/v1/things/thg_1');
    await resilience.resources.protect('things.recount', async () => 1);
    const text = await (await app.request('/metrics')).text();
    expect(text).toMatch(
      /trellis_resource_calls_total\{resource="GET \/v1\/things\/\{id\}",kind="inbound",outcome="succeeded"[^}]*\} 1/,
    );
    expect(text).toMatch(
      /trellis_resource_duration_seconds_count\{[^}]*resource="things.recount",kind="custom"[^}]*\} 1/,
    );
    // An inbound route's time is the HTTP histogram's, not counted twice.
    expect(text).not.toMatch(/trellis_resource_duration_seconds_count\{[^}]*kind="inbound"/);
    expect(text).toMatch(
      /http_server_request_duration_seconds_count\{[^}]*http_route="\/v1\/things\/\{id\}"/,
    );
    expect(text).toMatch(
      /trellis_circuit_breaker_state\{resource="GET \/v1\/things\/\{id\}",strategy="error-ratio",state="closed"[^}]*\} 1/,
    );
    expect(text).toContain('trellis_system_in_flight_requests');
  });
});

describe('system guard', () => {
  it('sheds on event-loop delay only past the capacity the service has shown', () => {
    const guard = new SystemGuard({ sampleIntervalMs: 50 });
    guard.setRule({ maxEventLoopDelayMs: 100 });
    guard.stop(); // drive the samples by hand
    // Two whole seconds ago, 20 requests finished at 100 ms each: capacity = 20 × 0.1 = 2.
    const now = Date.now();
    for (let i = 0; i < 20; i++) {
      guard.enter();
      guard.exit(100, now - 2000);
    }
    expect(guard.capacity(now)).toBe(2);
    guard.sample(1000);
    guard.sample(1300); // 250 ms late
    expect(guard.eventLoopDelayMs).toBe(250);
    guard.enter();
    expect(guard.shouldShed()).toBe(false);
    guard.enter();
    expect(guard.shouldShed()).toBe(true);
    for (let t = 1350; t <= 3050; t += 50) {
      guard.sample(t); // calm ticks: the stall ages out with its window
    }
    expect(guard.eventLoopDelayMs).toBeLessThan(100);
    expect(guard.shouldShed()).toBe(false);
  });
});

describe('route naming', () => {
  it('names a literal route by itself, not by a parameterised route that also matches', async () => {
    const resilience = createResilience({
      rules: { flow: [{ resource: 'GET /v1/items/latest', threshold: 0 }] },
    });
    const app = createService({
      name: 'items',
      version: '1',
      instanceId: 'items-1',
      description: 'Route naming.',
      logger: captureLogger('items').logger,
      deps: {},
      resilience,
    });
    const router = createRouter();
    router.get('/v1/items/latest', (c) => c.json({ latest: true }));
    router.get('/v1/items/:id', (c) => c.json({ id: c.req.param('id') }));
    app.route('/', router);
    expect((await app.request('/v1/items/latest')).status).toBe(429);
    expect((await app.request('/v1/items/itm_1')).status).toBe(200);
    expect(resilience.resources.names().sort()).toEqual([
      'GET /v1/items/latest',
      'GET /v1/items/{id}',
    ]);
  });
});
