import type { FlowRuleInput, ResilienceRulesInput, ResilienceView } from '@trellis/kit';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ordersResilienceDefaults } from '../../services/orders/src/resilience.ts';
import type { SignedIn } from '../platform-identity.ts';
import {
  atPhase,
  type FloodResponse,
  flood,
  type Platform,
  perSecond,
  startPlatform,
} from './platform.ts';

/**
 * Flow control end to end: every rule is published through the config center and enforced by
 * the running orders process; figures are counted from the answers the client sees.
 */

let platform: Platform;
let buyer: SignedIn;
let orderId: string;

const tea = { sku: 'TEA-EARL-GREY-100G', quantity: 1, unitPriceCents: 1250 };
const orderBody = (userId: string) => ({ userId, currency: 'EUR', items: [tea] });

function withFlow(...flow: FlowRuleInput[]): ResilienceRulesInput {
  return { ...ordersResilienceDefaults, flow: [...(ordersResilienceDefaults.flow ?? []), ...flow] };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The epoch seconds wholly inside the flood: its partial first and last seconds left out. */
function wholeSeconds(responses: readonly FloodResponse[]): number[] {
  const first = Math.floor((responses[0]?.sentAt ?? 0) / 1000);
  const last = Math.floor((responses.at(-1)?.at ?? 0) / 1000);
  return Array.from({ length: Math.max(0, last - first - 1) }, (_, i) => first + 1 + i);
}

function statuses(responses: readonly FloodResponse[]): Record<number, number> {
  const counts: Record<number, number> = {};
  for (const { status } of responses) {
    counts[status] = (counts[status] ?? 0) + 1;
  }
  return counts;
}

/** GET on orders as the operator, who may read every order. */
function asOperator(path: string): Promise<Response> {
  return fetch(`${platform.orders.url}${path}`, { headers: platform.operatorHeaders });
}

/** `/resilience` answers the metrics token (Prometheus', the console's) and services. */
function readResilience(seconds: number): Promise<Response> {
  return fetch(`${platform.orders.url}/resilience?seconds=${seconds}`, {
    headers: platform.identity.metricsHeaders,
  });
}

async function resourceView(name: string) {
  const res = await readResilience(30);
  expect(res.status).toBe(200);
  const view = (await res.json()) as ResilienceView;
  const resource = view.resources.find((candidate) => candidate.name === name);
  expect(resource, `${name} in GET /resilience`).toBeDefined();
  const sum = (pick: (row: ResilienceView['resources'][number]['series'][number]) => number) =>
    resource?.series.reduce((total, row) => total + pick(row), 0) ?? 0;
  return { view, resource, sum };
}

/** Polls `path` on orders until it answers `status`; the milliseconds since `since`. */
async function untilStatus(path: string, status: number, since: number, timeoutMs = 3000) {
  let last = 0;
  while (performance.now() - since < timeoutMs) {
    const res = await asOperator(path);
    await res.arrayBuffer();
    last = res.status;
    if (last === status) {
      return performance.now() - since;
    }
    await sleep(5);
  }
  throw new Error(`${path} still answers ${last}, not ${status}, after ${timeoutMs} ms`);
}

/** Resolves once orders runs rules that pass `check`, as its GET /resilience shows them. */
async function untilRules(check: (rules: ResilienceView['rules']) => boolean) {
  const deadline = Date.now() + 5000;
  for (;;) {
    const view = (await (await readResilience(1)).json()) as ResilienceView;
    if (check(view.rules)) {
      return;
    }
    if (Date.now() > deadline) {
      throw new Error(`orders still runs ${JSON.stringify(view.rules)}`);
    }
    await sleep(20);
  }
}

const hasFlow = (resource: string) => (rules: ResilienceView['rules']) =>
  rules.flow.some((rule) => rule.resource === resource);

function expectRateLimited(response: FloodResponse, reason: 'flow' | 'hot-param', quota: number) {
  expect(response.status).toBe(429);
  expect(response.headers['content-type']).toBe('application/problem+json');
  const retryAfter = response.headers['retry-after'] ?? '';
  expect(retryAfter).toMatch(/^[1-9]\d*$/);
  expect(response.headers['ratelimit-policy']).toBe(`"${reason}";q=${quota};w=1`);
  expect(response.headers.ratelimit).toBe(`"${reason}";r=0;t=${retryAfter}`);
  expect(JSON.parse(response.body)).toMatchObject({
    status: 429,
    type: expect.stringMatching(/rate-limited$/),
    reason,
  });
}

beforeAll(async () => {
  platform = await startPlatform(inject('adminDatabaseUrl'));
  buyer = await platform.createCustomer('Buyer');
  // Users is found through the registry, which orders may not have heard from yet.
  const deadline = Date.now() + 10_000;
  for (;;) {
    const created = await platform.call(platform.orders.url, 'POST', '/v1/orders', {
      json: orderBody(buyer.id),
      headers: buyer.headers,
    });
    if (created.status === 201) {
      orderId = created.body.id as string;
      break;
    }
    if (Date.now() > deadline) {
      throw new Error(`cannot place an order: ${JSON.stringify(created)}`);
    }
    await sleep(100);
  }
}, 60_000);

afterAll(async () => {
  await platform?.stop();
});

describe('flow rules published through the config center, enforced by running orders', () => {
  it('admits N calls per second under a flood and answers the rest 429 with Retry-After and RateLimit headers', async () => {
    const threshold = 30;
    await platform.publishRules(
      'orders',
      withFlow({ resource: 'GET /v1/orders', threshold }),
      'limit listing orders',
    );
    await untilRules(hasFlow('GET /v1/orders'));

    // Admissions repeat the phase of the flood's first second: start it 300 ms into a second,
    // so that no second's admitted calls straddle a boundary; run three whole seconds more.
    await atPhase(300);
    const responses = await flood({
      url: platform.orders.url,
      path: '/v1/orders',
      headers: platform.operatorHeaders,
      concurrency: 8,
      durationMs: 3800,
    });

    const counts = statuses(responses);
    expect(Object.keys(counts).sort()).toEqual(['200', '429']);
    const seconds = wholeSeconds(responses);
    expect(seconds.length).toBeGreaterThanOrEqual(3);
    const perSecondAdmitted = perSecond(responses, (response) => response.status === 200);
    for (const second of seconds) {
      const admitted = perSecondAdmitted.get(second) ?? 0;
      expect(admitted, `admitted in ${second}`).toBeGreaterThanOrEqual(threshold * 0.9);
      expect(admitted, `admitted in ${second}`).toBeLessThanOrEqual(threshold * 1.1);
    }
    // The flood outran the limit by far: the 429s are the rule, not a slow machine.
    expect(counts[429]).toBeGreaterThan(counts[200] ?? 0);
    for (const refused of responses.filter((response) => response.status === 429)) {
      expectRateLimited(refused, 'flow', threshold);
    }

    const { resource, sum } = await resourceView('GET /v1/orders');
    expect(resource?.kind).toBe('inbound');
    expect(sum((row) => row.blocked.flow)).toBe(counts[429]);
    expect(sum((row) => row.passed)).toBe(counts[200]);
    // The engine's own count per second: never above N, and N in each whole second of the flood.
    for (const row of resource?.series ?? []) {
      expect(row.passed).toBeLessThanOrEqual(threshold);
      if (seconds.includes(row.t / 1000)) {
        expect(row.passed).toBeGreaterThanOrEqual(threshold * 0.9);
      }
    }
  });

  it('warms a cold resource up from a third of the threshold to all of it', async () => {
    const threshold = 30;
    const warmUpPeriodSec = 3;
    await platform.publishRules(
      'orders',
      withFlow({
        resource: 'GET /v1/orders/stats',
        behavior: 'warm-up',
        threshold,
        warmUpPeriodSec,
        coldFactor: 3,
      }),
      'warm up order stats',
    );
    await untilRules(hasFlow('GET /v1/orders/stats'));
    // Start just after a second begins, so that the cold first second is a whole one.
    await atPhase(5);
    const responses = await flood({
      url: platform.orders.url,
      path: '/v1/orders/stats',
      headers: platform.operatorHeaders,
      concurrency: 8,
      durationMs: 6000,
    });
    expect(Object.keys(statuses(responses)).sort()).toEqual(['200', '429']);
    const { sum } = await resourceView('GET /v1/orders/stats');
    expect(sum((row) => row.blocked.flow)).toBe(statuses(responses)[429]);
    const counts = perSecond(responses, (response) => response.status === 200);
    const start = Math.floor((responses[0]?.sentAt ?? 0) / 1000);
    const series = Array.from({ length: 6 }, (_, i) => counts.get(start + i) ?? 0);

    const cold = series[0] ?? 0;
    expect(cold).toBeGreaterThanOrEqual(threshold / 3 - 2);
    expect(cold).toBeLessThanOrEqual(threshold / 2);
    expect(Math.max(...series.slice(-2))).toBeGreaterThanOrEqual(threshold * 0.9);
    expect(Math.max(...series)).toBeLessThanOrEqual(threshold * 1.1);
    for (let i = 1; i < series.length; i++) {
      expect(series[i], `second ${i} of ${series.join(', ')}`).toBeGreaterThanOrEqual(
        (series[i - 1] ?? 0) - 2,
      );
    }
  });

  it('paces a burst one call per 100 ms and refuses the calls that would wait more than a second', async () => {
    const burst = 20;
    const read = {
      url: platform.orders.url,
      path: `/v1/orders/${orderId}`,
      headers: buyer.headers,
      concurrency: burst,
    };
    // Open the connections and warm the route first, so that the burst arrives as one.
    expect(statuses(await flood(read))).toEqual({ 200: burst });
    await platform.publishRules(
      'orders',
      withFlow({
        resource: 'GET /v1/orders/{id}',
        behavior: 'pacing',
        threshold: 10,
        maxQueueingTimeMs: 1000,
      }),
      'pace order reads',
    );
    await untilRules(hasFlow('GET /v1/orders/{id}'));
    const responses = await flood(read);
    const started = Math.min(...responses.map((response) => response.sentAt));
    const admitted = responses.filter((response) => response.status === 200).map((r) => r.at);
    const refused = responses.filter((response) => response.status === 429);

    // Waits of 0, 100, …, 1000 ms fit; one more fits only if the burst took 100 ms to arrive.
    expect(admitted.length).toBeGreaterThanOrEqual(11);
    expect(admitted.length).toBeLessThanOrEqual(12);
    expect(refused).toHaveLength(burst - admitted.length);
    for (const response of refused) {
      expect(response.at - started).toBeLessThan(300);
      expect(response.headers['retry-after']).toMatch(/^[1-9]\d*$/);
    }

    const gaps = admitted.slice(1).map((at, i) => at - (admitted[i] ?? 0));
    const sorted = [...gaps].sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)] ?? 0;
    expect(median, `gaps ${gaps.map(Math.round).join(', ')}`).toBeGreaterThanOrEqual(85);
    expect(median).toBeLessThanOrEqual(115);
    expect(gaps.filter((gap) => gap >= 50 && gap <= 150).length).toBeGreaterThanOrEqual(
      gaps.length - 2,
    );
    const span = (admitted.at(-1) ?? 0) - (admitted[0] ?? 0);
    expect(span).toBeGreaterThanOrEqual((admitted.length - 1) * 100 - 60);
    expect(span).toBeLessThanOrEqual((admitted.length - 1) * 100 + 150);
    expect((admitted[0] ?? 0) - started).toBeLessThan(100);
  });

  it('limits order creation per user: the third order of a user within a second is refused while another user orders', async () => {
    const [alice, bob] = [
      await platform.createCustomer('Alice'),
      await platform.createCustomer('Bob'),
    ];
    await platform.publishRules(
      'orders',
      {
        ...ordersResilienceDefaults,
        hotParams: [{ resource: 'POST /v1/orders', param: 'userId', threshold: 2, burst: 0 }],
      },
      'two orders per user per second',
    );
    await untilRules((rules) => rules.hotParams[0]?.threshold === 2);
    // Each orders for themselves, as a member may.
    const order = (customer: SignedIn) =>
      flood({
        url: platform.orders.url,
        path: '/v1/orders',
        method: 'POST',
        headers: customer.headers,
        body: orderBody(customer.id),
        concurrency: 1,
      }).then(([response]) => response as FloodResponse);

    const [forAlice, forBob] = await Promise.all([
      Promise.all([order(alice), order(alice), order(alice), order(alice)]),
      Promise.all([order(bob), order(bob)]),
    ]);
    expect(forAlice.map((response) => response.status).sort()).toEqual([201, 201, 429, 429]);
    expect(forBob.map((response) => response.status)).toEqual([201, 201]);
    const refused = forAlice.filter((response) => response.status === 429);
    for (const response of refused) {
      expectRateLimited(response, 'hot-param', 2);
      expect(JSON.parse(response.body).detail).toContain('for each userId');
    }
    const { sum } = await resourceView('POST /v1/orders');
    expect(sum((row) => row.blocked['hot-param'])).toBe(2);

    // The bucket refills at two per second: after the advertised wait Alice may order again.
    await sleep(Number(refused[0]?.headers['retry-after']) * 1000);
    expect((await order(alice)).status).toBe(201);
  });

  it('applies a published rule within a second and lifts it within a second of a rollback', async () => {
    const previous = await platform.publishRules(
      'orders',
      ordersResilienceDefaults,
      'the shipped rules',
    );
    await untilStatus('/v1/orders', 200, performance.now());

    await platform.publishRules(
      'orders',
      withFlow({ resource: 'GET /v1/orders', threshold: 0 }),
      'stop listing orders',
    );
    const applied = await untilStatus('/v1/orders', 429, performance.now());
    expect(applied).toBeLessThan(1000);
    const { view, sum } = await resourceView('GET /v1/orders');
    expect(view.rules.flow).toContainEqual(
      expect.objectContaining({ resource: 'GET /v1/orders', threshold: 0 }),
    );
    expect(sum((row) => row.blocked.flow)).toBeGreaterThan(0);

    await platform.rollback('orders', previous);
    const lifted = await untilStatus('/v1/orders', 200, performance.now());
    expect(lifted).toBeLessThan(1000);
    const after = await flood({
      url: platform.orders.url,
      path: '/v1/orders',
      headers: platform.operatorHeaders,
      concurrency: 4,
      requests: 40,
    });
    expect(statuses(after)).toEqual({ 200: 40 });
  });
});
