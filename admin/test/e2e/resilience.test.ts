import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { ordersResilienceDefaults } from '../../../services/orders/src/resilience.ts';
import { alertText, screenshot, unlabelledFields } from './browser.ts';
import { consoleHarness, logins } from './harness.ts';
import type { Platform } from './platform.ts';

const harness = consoleHarness();
const { as, api, userToken, bearerOf, configApi } = harness;
let platform: Platform;

const service = 'orders';
const listRoute = 'GET /v1/orders';
const getRoute = 'GET /v1/orders/{id}';
let orderId: string;

beforeAll(async () => {
  platform = harness.platform;
  const page = await api<{ items: { id: string }[] }>(service, '/v1/orders?limit=1');
  orderId = page.items[0]?.id ?? '';
  expect(orderId).not.toBe('');
});

/** Calls orders directly as the operator, as a client would; answers the statuses. */
async function call(route: string, count: number): Promise<number[]> {
  const headers = await bearerOf(logins.operator);
  return Promise.all(
    Array.from({ length: count }, async () => {
      const response = await fetch(`${platform.serviceUrls.orders}${route}`, { headers });
      await response.arrayBuffer();
      return response.status;
    }),
  );
}

/** Keeps calling a route in bursts until stopped, as an overeager client does. */
function flood(route: string, perBurst = 8, everyMs = 200) {
  const statuses: number[] = [];
  let running = true;
  const done = (async () => {
    while (running) {
      statuses.push(...(await call(route, perBurst)));
      await new Promise((resolve) => setTimeout(resolve, everyMs));
    }
  })();
  return {
    statuses,
    async stop() {
      running = false;
      await done;
    },
  };
}

async function openResilience(page: Page, query = '') {
  await page.goto(`${platform.adminUrl}/resilience/${service}${query}`);
  await page.getByTestId('resilience-instances').waitFor();
}

/** A figure of the resources table, as a number; the page refreshes itself every 3 s. */
function figure(page: Page, column: 'passed' | 'blocked', resource: string) {
  return async () => {
    const text = await page.getByTestId(`${column}-${resource}`).textContent({ timeout: 1000 });
    return Number(text ?? Number.NaN);
  };
}

/** Lengths of the drawn curves of a chart: a chart that renders has long paths. */
function curveLengths(page: Page, testId: string): Promise<number[]> {
  return page
    .getByTestId(testId)
    .locator('.recharts-area-curve')
    .evaluateAll((paths) => paths.map((path) => (path.getAttribute('d') ?? '').length));
}

function rulesEditor(page: Page) {
  return page.getByLabel('Rules (the resilience key, JSON)');
}

async function saveRules(page: Page, rules: unknown) {
  await rulesEditor(page).fill(JSON.stringify(rules, null, 2));
  await page.getByRole('button', { name: 'Save draft' }).click();
}

/** Five minutes of one resource on another instance: `perSecond` calls every second. */
function steadySeries(perSecond: number) {
  const current = Math.floor(Date.now() / 1000);
  return Array.from({ length: 300 }, (_, index) => ({
    t: (current - 299 + index) * 1000,
    passed: perSecond,
    blocked: { flow: 0, 'hot-param': 0, breaker: 0, system: 0 },
    succeeded: perSecond,
    failed: 0,
    rtSumMs: perSecond * 20,
  }));
}

/** What another instance of orders answers, with these resources and calls per second. */
function fakeView(instance: string, resources: Record<string, number>) {
  return {
    service,
    instance,
    now: Date.now(),
    system: { inFlight: 1, eventLoopDelayMs: 2, shedding: false, rule: {} },
    resources: Object.entries(resources).map(([name, perSecond]) => ({
      name,
      kind: name.includes(' /') ? 'inbound' : 'custom',
      concurrency: 0,
      series: steadySeries(perSecond),
      breakers: [],
    })),
    rules: { flow: [], hotParams: [], breakers: [], forcedBreakers: [], system: {}, clients: {} },
  };
}

/** An HTTP server answering `GET /resilience` as an instance of orders would. */
async function serveFakeInstance(view: () => unknown) {
  const server = http.createServer((request, response) => {
    const found = request.url?.startsWith('/resilience');
    response.statusCode = found ? 200 : 404;
    response.setHeader('content-type', 'application/json');
    response.end(JSON.stringify(found ? view() : {}));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    address: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * Registers an instance of orders and has it report the config it runs in a namespace, as a
 * real instance does once it has loaded its config: that report is where it belongs.
 */
async function registerInstance(instanceId: string, address: string, namespace = 'dev') {
  const token = await platform.serviceToken(service);
  const registered = await configApi('/v1/registry/instances', {
    method: 'POST',
    token,
    body: JSON.stringify({ service, instanceId, address, version: '0.0.0', ttlSeconds: 600 }),
  });
  expect(registered.status).toBe(201);
  const reported = await configApi(`/v1/config/${namespace}/${service}/applied`, {
    method: 'POST',
    token,
    body: JSON.stringify({ instanceId, revision: 0, status: 'applied' }),
  });
  expect(reported.status).toBe(204);
}

async function deregister(instanceIds: string[]) {
  const token = await platform.serviceToken(service);
  for (const instanceId of instanceIds) {
    await configApi(`/v1/registry/instances/${instanceId}`, { method: 'DELETE', token });
  }
}

describe('the resilience page', () => {
  it('merges the live figures of every instance of orders and says which did not answer', async () => {
    await call('/v1/orders?limit=5', 20);
    await call(`/v1/orders/${orderId}`, 5);
    // A second instance that answers with its own figures, and a third that is gone.
    const fake = await serveFakeInstance(() =>
      fakeView('orders-fake', { [listRoute]: 5, 'orders.recompute': 5 }),
    );
    const gone = http.createServer();
    await new Promise<void>((resolve) => gone.listen(0, '127.0.0.1', resolve));
    const gonePort = (gone.address() as AddressInfo).port;
    await new Promise<void>((resolve) => gone.close(() => resolve()));
    const instances = {
      'orders-fake': fake.address,
      'orders-gone': `http://127.0.0.1:${gonePort}`,
    };
    try {
      for (const [instanceId, address] of Object.entries(instances)) {
        await registerInstance(instanceId, address);
      }
      const { page } = await as('operator');
      await page.getByRole('link', { name: 'Resilience', exact: true }).click();
      await page.waitForURL(`${platform.adminUrl}/resilience/users`);
      await page.getByRole('navigation', { name: 'Services' }).getByText(service).click();
      await page.waitForURL(`${platform.adminUrl}/resilience/${service}`);
      for (const instance of ['orders-1', 'orders-fake']) {
        expect(await page.getByTestId(`instance-${instance}`).textContent()).toContain('Answered');
      }
      const goneItem = await page.getByTestId('instance-orders-gone').textContent();
      expect(goneItem).toContain('No answer');
      expect(goneItem).toContain('ECONNREFUSED');

      // orders-1 served 20 list calls within the last seconds; orders-fake adds 5 a second.
      expect(await figure(page, 'passed', listRoute)()).toBeGreaterThanOrEqual(5);
      const custom = page.getByTestId('resource-orders.recompute');
      expect(await custom.textContent()).toContain('custom');
      expect(await custom.textContent()).toContain('20 ms');
      await page.getByTestId(`resource-${getRoute}`).waitFor();
      expect(await unlabelledFields(page)).toEqual([]);

      await page
        .getByTestId(`calls-chart-${listRoute}`)
        .locator('.recharts-area-curve')
        .first()
        .waitFor();
      const calls = await curveLengths(page, `calls-chart-${listRoute}`);
      expect(calls.length).toBeGreaterThanOrEqual(1);
      expect(calls.every((length) => length > 100)).toBe(true);
      const bars = page.getByTestId(`rt-chart-${listRoute}`).locator('.recharts-bar-rectangle');
      expect(await bars.count()).toBeGreaterThan(100);
      await screenshot(page, 'resilience-resources');
    } finally {
      await deregister(Object.keys(instances));
      await fake.close();
    }
  });

  it('charts the busiest resources over the window, not the first ones by name', async () => {
    const quiet = ['GET /aa-quiet-1', 'GET /aa-quiet-2', 'GET /aa-quiet-3'];
    const busy = { 'POST /zz-busy-1': 60, 'POST /zz-busy-2': 50, 'POST /zz-busy-3': 40 };
    const fake = await serveFakeInstance(() =>
      fakeView('orders-busy', { ...Object.fromEntries(quiet.map((name) => [name, 1])), ...busy }),
    );
    try {
      await registerInstance('orders-busy', fake.address);
      const { page } = await as('operator');
      await openResilience(page);
      await page.getByTestId('instance-orders-busy').waitFor();
      const charted = await page
        .locator('[data-testid^="resource-charts-"]')
        .evaluateAll((cards) => cards.map((card) => card.getAttribute('data-testid')));
      expect(charted).toEqual(Object.keys(busy).map((name) => `resource-charts-${name}`));
      // The table lists every resource, the busiest first, so the quiet ones are still there.
      const rows = await page
        .getByTestId('resource-table')
        .locator('[data-testid^="resource-"]')
        .evaluateAll((cells) => cells.map((cell) => cell.getAttribute('data-testid')));
      expect(rows.slice(0, 3)).toEqual(Object.keys(busy).map((name) => `resource-${name}`));
      for (const name of quiet) {
        expect(rows).toContain(`resource-${name}`);
      }
      await page.getByTestId('resource-charts-POST /zz-busy-3').scrollIntoViewIfNeeded();
      await screenshot(page, 'resilience-busiest-charted');
    } finally {
      await deregister(['orders-busy']);
      await fake.close();
    }
  });

  it('shows each namespace only the instances that watch its config', async () => {
    const fake = await serveFakeInstance(() => fakeView('orders-prod-1', { [listRoute]: 3 }));
    try {
      await registerInstance('orders-prod-1', fake.address, 'prod');
      const { page } = await as('operator');
      await openResilience(page, '?namespace=prod');
      expect(await page.getByTestId('instance-orders-prod-1').textContent()).toContain('Answered');
      expect(await page.getByTestId('instance-orders-1').count()).toBe(0);
      expect(await page.getByTestId('instances-elsewhere').textContent()).toContain(
        'orders-1 (dev)',
      );
      await screenshot(page, 'resilience-prod-instances');

      await openResilience(page);
      expect(await page.getByTestId('instance-orders-1').textContent()).toContain('Answered');
      expect(await page.getByTestId('instance-orders-prod-1').count()).toBe(0);
      expect(await page.getByTestId('instances-elsewhere').textContent()).toContain(
        'orders-prod-1 (prod)',
      );
    } finally {
      await deregister(['orders-prod-1']);
      await fake.close();
    }
  });

  it('limits GET /v1/orders once a flow rule published from the editor is in effect', async () => {
    const { page } = await as('operator');
    await openResilience(page);
    await page.getByRole('link', { name: `full config of ${service} in dev` }).waitFor();
    const current = JSON.parse(await rulesEditor(page).inputValue());
    expect(current).toBeTypeOf('object');
    await saveRules(page, {
      ...current,
      flow: [...(current.flow ?? []), { resource: listRoute, threshold: 2 }],
      breakers: [
        ...(current.breakers ?? []),
        { resource: getRoute, strategy: 'error-count', threshold: 1000 },
      ],
    });
    await page.getByText('Draft saved.').waitFor();
    const diff = page.getByTestId('rules-diff');
    // Nothing is published yet, so the whole key is new.
    await diff.getByText('resilience', { exact: true }).waitFor();
    // The rules are laid out one member a line, to be read inside the card.
    expect(await diff.textContent()).toContain(`"resource": "${listRoute}",\n      "threshold": 2`);
    await screenshot(page, 'resilience-rules-diff');
    await page.getByLabel('Comment').fill('Limit the order list to 2 calls a second');
    await page.getByRole('button', { name: 'Publish' }).click();
    await page.getByText('Published: revision 1 is live.').waitFor();

    const traffic = flood('/v1/orders?limit=1');
    try {
      await expect
        .poll(() => traffic.statuses.filter((status) => status === 429).length, {
          timeout: 15_000,
          interval: 250,
        })
        .toBeGreaterThan(0);
      const refused = await fetch(`${platform.serviceUrls.orders}/v1/orders?limit=1`, {
        headers: await bearerOf(logins.operator),
      });
      if (refused.status === 429) {
        expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
        expect(await refused.json()).toMatchObject({
          type: 'urn:trellis:problem:rate-limited',
          resource: listRoute,
          reason: 'flow',
        });
      }
      await expect
        .poll(figure(page, 'blocked', listRoute), { timeout: 20_000, interval: 500 })
        .toBeGreaterThan(0);
      expect(await page.getByTestId(`resource-${listRoute}`).textContent()).toContain('flow');
      await page.getByRole('link', { name: listRoute, exact: true }).click();
      await page.waitForURL(/resource=GET\+%2Fv1%2Forders#charts$/);
      const charts = page.getByTestId(`resource-charts-${listRoute}`);
      await charts.getByText('Blocked: flow').first().waitFor();
      expect(await page.locator('[data-testid^="resource-charts-"]').count()).toBe(1);
      expect((await curveLengths(page, `calls-chart-${listRoute}`)).length).toBe(2);
      await screenshot(page, 'resilience-flow-limited');
    } finally {
      await traffic.stop();
    }
    expect(traffic.statuses.filter((status) => status === 200).length).toBeGreaterThan(0);
  });

  it('forces a breaker open from the page through an audited release, then clears it', async () => {
    await call(`/v1/orders/${orderId}`, 3);
    const { page } = await as('operator');
    await openResilience(page);
    const breaker = page.getByTestId(`breaker-${getRoute}`);
    const state = page.getByTestId(`breaker-state-${getRoute}-orders-1`);
    expect(await breaker.textContent()).toContain('Breaker on error count');
    await state.getByText('error count: closed').waitFor();

    await breaker.getByRole('button', { name: 'Force open' }).click();
    await breaker.getByText(`Force breaker ${getRoute} open: published as revision 2`).waitFor();
    await state.getByText('error count: open · forced').waitFor({ timeout: 15_000 });
    await breaker.getByText('rules force it open').waitFor();
    const refused = await fetch(`${platform.serviceUrls.orders}/v1/orders/${orderId}`, {
      headers: await bearerOf(logins.operator),
    });
    expect(refused.status).toBe(503);
    expect(await refused.json()).toMatchObject({
      status: 503,
      resource: getRoute,
      reason: 'breaker',
    });
    await screenshot(page, 'resilience-breaker-forced');

    const release = await configApi(`/v1/config/dev/${service}/releases/2`, {
      token: await userToken(logins.admin),
    });
    expect(release.body).toMatchObject({
      comment: `Force breaker ${getRoute} open`,
      author: logins.operator.email,
      values: { resilience: { forcedBreakers: [{ resource: getRoute, state: 'open' }] } },
    });

    await breaker.getByRole('button', { name: 'Clear force' }).click();
    await breaker.getByText(`Clear forced breaker ${getRoute}: published as revision 3`).waitFor();
    await state.getByText('closed').waitFor({ timeout: 15_000 });
    expect(await state.textContent()).not.toContain('forced');
    expect((await call(`/v1/orders/${orderId}`, 1))[0]).toBe(200);
  });

  it('shows the field error the config center gives for an invalid rule, keeping it typed', async () => {
    const { page } = await as('operator');
    await openResilience(page);
    const current = JSON.parse(await rulesEditor(page).inputValue());
    const invalid = { ...current, flow: [{ resource: listRoute, threshold: -1 }] };
    await saveRules(page, invalid);
    await page
      .getByTestId('rules-errors')
      .getByText('resilience.flow[0].threshold must be >= 0')
      .waitFor();
    const refusal = await alertText(page, 'refused');
    expect(refusal).toContain('Could not save the rules');
    expect(refusal).toContain('The config center refused them: see the errors beside the editor.');
    expect(JSON.parse(await rulesEditor(page).inputValue())).toEqual(invalid);
    expect(await rulesEditor(page).getAttribute('aria-invalid')).toBe('true');
    await screenshot(page, 'resilience-rule-error');

    await saveRules(page, { ...current, flow: 'not a list' });
    await page.getByTestId('rules-errors').getByText('resilience.flow must be array').waitFor();
    await rulesEditor(page).fill('{ "flow": [ ');
    await page.getByRole('button', { name: 'Save draft' }).click();
    await page.getByTestId('rules-errors').getByText('The JSON does not parse').waitFor();
    const draft = await configApi(`/v1/config/dev/${service}/draft/diff`, {
      token: await userToken(logins.admin),
    });
    expect(draft.body).toMatchObject({ changes: [] });
  });

  it('turns forcing a breaker in a protected namespace into a change request', async () => {
    // prod runs the rules orders ships with: its one breaker guards the calls to users. The
    // breaker dev's rules added on GET /v1/orders/{id} is dev's, and so is orders-1.
    const shipped = ordersResilienceDefaults.breakers?.[0]?.resource ?? '';
    expect(shipped).toContain('users');
    const { page } = await as('admin');
    await page.goto(`${platform.adminUrl}/resilience/${service}`);
    await page.getByRole('navigation', { name: 'Namespaces' }).getByText('prod').click();
    await page.waitForURL(/namespace=prod/);
    await page.getByTestId('namespace-protected').waitFor();
    await page.getByTestId('no-instance-in-namespace').waitFor();
    expect(await page.getByTestId('instance-orders-1').count()).toBe(0);
    expect(await page.getByTestId(`breaker-${getRoute}`).count()).toBe(0);
    const breaker = page.getByTestId(`breaker-${shipped}`);
    expect(await breaker.textContent()).toContain('Breakers on slow-call ratio, error ratio');
    await breaker.getByText('No instance of this namespace answered.').waitFor();
    await breaker.getByRole('button', { name: 'Force open' }).click();
    const message = breaker.getByText(/prod is protected: change request #\d+/);
    await message.waitFor();
    expect(await message.textContent()).toContain('The breaker is not forced until then.');
    await screenshot(page, 'resilience-prod-change-request');

    // prod never set the key: the pin goes beside the rules orders ships with, not instead.
    const draft = await configApi(`/v1/config/prod/${service}/draft`, {
      token: await userToken(logins.admin),
    });
    expect((draft.body.values as Record<string, unknown>).resilience).toEqual({
      ...ordersResilienceDefaults,
      forcedBreakers: [{ resource: shipped, state: 'open' }],
    });
  });

  it('fits a tablet and a laptop in the dark theme, for every service', async () => {
    await call('/v1/orders?limit=1', 2);
    const { page } = await as('operator', { width: 768, height: 1024, colorScheme: 'dark' });
    await openResilience(page);
    await page.locator('.recharts-area-curve').first().waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      768,
    );
    await screenshot(page, 'tablet-resilience-dark');

    await page.setViewportSize({ width: 1280, height: 800 });
    // Signing in asked users for a session: that call is counted there.
    await page.getByRole('navigation', { name: 'Services' }).getByText('users').click();
    await page.waitForURL(`${platform.adminUrl}/resilience/users`);
    expect(await page.getByTestId('instance-users-1').textContent()).toContain('Answered');
    await page.getByTestId('resource-POST /v1/sessions').waitFor();
    await page.locator('.recharts-area-curve').first().waitFor();
    await screenshot(page, 'resilience-users-dark');
    await page.getByRole('navigation', { name: 'Services' }).getByText('meetings').click();
    await page.waitForURL(`${platform.adminUrl}/resilience/meetings`);
    expect(await page.getByTestId('instance-meetings-1').textContent()).toContain('Answered');
    await page.getByRole('heading', { name: 'Rules', exact: true }).waitFor();
    await screenshot(page, 'resilience-meetings-dark');
    expect((await page.request.get(`${platform.adminUrl}/resilience/storefront`)).status()).toBe(
      404,
    );
  });

  it('sends a visitor without a session to the login page', async () => {
    const response = await fetch(`${platform.adminUrl}/resilience/orders`, { redirect: 'manual' });
    expect(response.status).toBe(307);
    expect(response.headers.get('location')).toMatch(/\/login\?next=%2Fresilience%2Forders$/);
  });
});
