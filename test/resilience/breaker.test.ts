import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { ServiceProcess } from '../service-process.ts';
import {
  type CallResult,
  call,
  type DelayingProxy,
  eventually,
  type Platform,
  startDelayingProxy,
  startPlatform,
} from './breaker-platform.ts';

/**
 * The slow-call breaker end to end: users (a real process) is made slow by a delaying proxy in
 * front of it; orders (a real process, finding users only at the proxy) trips its breaker on
 * `users → GET /v1/users/{id}`, answers at once while it is open, and closes again through a
 * half-open probe once users is quick again. The rules come through the config center.
 */

const usersGet = 'users → GET /v1/users/{id}';
const breakerRule = {
  resource: usersGet,
  strategy: 'slow-call-ratio',
  threshold: 0.5,
  slowCallRtMs: 200,
  minRequests: 3,
  statIntervalMs: 2000,
  openDurationMs: 2000,
  halfOpenProbes: 1,
};
const slowMs = 600;

let platform: Platform;
let proxy: DelayingProxy;
let orders: ServiceProcess;
/** Epoch ms at which orders opened the breaker, from its log line (same host clock). */
let openedAt = 0;

/** The buyer orders for themselves; orders checks them with users, forwarding their token. */
function placeOrder(): Promise<CallResult> {
  return call(orders.url, 'POST', '/v1/orders', {
    headers: platform.buyer.headers,
    json: {
      userId: platform.buyer.id,
      currency: 'EUR',
      items: [{ sku: 'TEA-EARL-GREY-100G', quantity: 1, unitPriceCents: 1250 }],
    },
  });
}

function usersCalls(since = 0): number {
  return proxy.seen.filter((seen) => seen.at >= since && seen.path.startsWith('/v1/users/')).length;
}

async function breakerState(): Promise<string | undefined> {
  const view = await platform.resilienceOf(orders, 5);
  return view.resources.find((resource) => resource.name === usersGet)?.breakers[0]?.state;
}

/** The `trellis_circuit_breaker_state` gauge of the users breaker, by state. */
async function breakerGauge(): Promise<Record<string, number>> {
  const text = await platform.metricsOf(orders);
  const gauge: Record<string, number> = {};
  for (const line of text.split('\n')) {
    const match = line.match(/^trellis_circuit_breaker_state\{(.*)\} (\d+)$/);
    if (!match?.[1]) {
      continue;
    }
    const labels = Object.fromEntries(
      [...match[1].matchAll(/(\w+)="([^"]*)"/g)].map(([, key, value]) => [key, value]),
    );
    if (labels.resource === usersGet && labels.strategy === 'slow-call-ratio' && labels.state) {
      gauge[labels.state] = Number(match[2]);
    }
  }
  return gauge;
}

function transitions(to: string): Record<string, unknown>[] {
  return orders.lines.filter((line) => line.msg === `breaker ${to}`);
}

beforeAll(async () => {
  platform = await startPlatform(inject('adminDatabaseUrl'));
  proxy = await startDelayingProxy(platform.users.url);
  // Users is not registered, so orders' discovery falls back to USERS_URL: the proxy.
  orders = await platform.startOrders('orders-breaker', {
    USERS_URL: proxy.url,
    LOG_LEVEL: 'info',
  });
}, 90_000);

afterAll(async () => {
  await proxy?.close();
  await platform?.stop();
});

describe('slow-call breaker on users, end to end', () => {
  it('places orders through the proxy while users is quick, under rules published through the center', async () => {
    expect((await placeOrder()).status).toBe(201);
    expect(usersCalls()).toBe(1);

    await platform.publishOrders({
      resilience: { breakers: [breakerRule], clients: { users: { timeoutMs: 3000 } } },
    });
    const view = await eventually(
      () => platform.resilienceOf(orders, 1),
      (v) => v.rules.breakers.length === 1,
      5000,
      'breaker rule applied',
    );
    expect(view.rules.breakers).toEqual([breakerRule]);
    expect(view.rules.clients).toMatchObject({ users: { timeoutMs: 3000 } });
    expect(await breakerState()).toBe('closed');
  });

  it('opens once users answers slowly, then refuses orders at once with a 503 naming the resource', async () => {
    proxy.delayMs = slowMs;
    const slow = await Promise.all([placeOrder(), placeOrder(), placeOrder(), placeOrder()]);
    // Slow, not timed out: the published client timeout (3 s) is above the delay.
    for (const res of slow) {
      expect(res.status).toBe(201);
      expect(res.ms).toBeGreaterThanOrEqual(slowMs - 50);
    }
    const opened = await orders.waitForLine((line) => line.msg === 'breaker closed → open');
    openedAt = (opened.breaker as { at: number }).at;
    expect(opened).toMatchObject({
      level: 'warn',
      breaker: { resource: usersGet, strategy: 'slow-call-ratio', from: 'closed', to: 'open' },
    });
    expect(await breakerState()).toBe('open');
    expect(await breakerGauge()).toEqual({ closed: 0, open: 1, 'half-open': 0 });

    const before = usersCalls();
    const took: number[] = [];
    for (let i = 0; i < 5; i++) {
      const refused = await placeOrder();
      took.push(refused.ms);
      expect(refused.status).toBe(503);
      expect(refused.headers.get('content-type')).toContain('application/problem+json');
      expect(refused.body).toMatchObject({
        type: 'urn:trellis:problem:dependency-unavailable',
        status: 503,
        resource: usersGet,
        reason: 'breaker',
      });
      expect(refused.body.detail).toContain(usersGet);
      const retryAfter = Number(refused.headers.get('retry-after'));
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(retryAfter).toBeLessThanOrEqual(Math.ceil(breakerRule.openDurationMs / 1000));
    }
    expect(usersCalls() - before).toBe(0);
    // None waited on users (≥ 600 ms); typically a few ms, but CI machines stall now and then.
    expect(Math.max(...took)).toBeLessThan(slowMs / 2);
    expect(took.sort((a, b) => a - b)[2]).toBeLessThan(100);
    // Everything above happened inside the open duration, so the breaker never probed.
    expect(Date.now() - openedAt).toBeLessThan(breakerRule.openDurationMs);
  });

  it('closes through a half-open probe once users is quick again, and takes orders', async () => {
    proxy.delayMs = 0;
    const since = performance.now();
    const refused: number[] = [];
    let placed: CallResult | undefined;
    while (performance.now() - since < 10_000) {
      const res = await placeOrder();
      if (res.status === 201) {
        placed = res;
        break;
      }
      refused.push(res.status);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const closedAfter = Date.now() - openedAt;
    expect(placed?.status).toBe(201);
    expect(new Set(refused)).toEqual(new Set([503]));
    // Not before the open duration ran out.
    expect(closedAfter).toBeGreaterThanOrEqual(breakerRule.openDurationMs);

    await orders.waitForLine((line) => line.msg === 'breaker half-open → closed');
    expect(transitions('open → half-open').length).toBeGreaterThanOrEqual(1);
    // Only probes reached users while the breaker was not closed: one per half-open spell.
    expect(usersCalls(since)).toBe(transitions('open → half-open').length);
    expect(await breakerState()).toBe('closed');
    expect(await breakerGauge()).toEqual({ closed: 1, open: 0, 'half-open': 0 });

    const next = await placeOrder();
    expect(next.status).toBe(201);
    expect(next.ms).toBeLessThan(slowMs);
  });
});
