import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { contractOnlyDeps, createLogger, type Logger, openApiDocumentOf } from '@trellis/kit';
import { type RunningServer, serveNode } from '@trellis/kit/node';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConfigApp } from '../services/config/src/app.ts';
import { createMeetingsApp } from '../services/meetings/src/app.ts';
import { createOrdersApp } from '../services/orders/src/app.ts';
import { createUsersApp } from '../services/users/src/app.ts';

const screenshotDir = fileURLToPath(new URL('../test-results/api-reference/', import.meta.url));

/** /docs and /openapi.json never touch a dependency, so each app runs as its contract is built. */
function appOptions<Deps>(service: string) {
  const logger: Logger = createLogger({ service, instance: 'docs', level: 'silent' });
  return {
    deps: contractOnlyDeps<Deps>(),
    logger,
    version: '1.0.0',
    instanceId: 'docs',
    ping: async () => {},
  };
}

const apps = {
  users: () => createUsersApp(appOptions('users')),
  orders: () => createOrdersApp(appOptions('orders')),
  meetings: () => createMeetingsApp(appOptions('meetings')),
  config: () => createConfigApp(appOptions('config')),
};

interface Served {
  url: string;
  server: RunningServer;
  operations: { operationId: string; summary: string }[];
}

const served = new Map<string, Served>();
let browser: Browser;

beforeAll(async () => {
  for (const [service, build] of Object.entries(apps)) {
    const app = build();
    const server = await serveNode({
      fetch: app.fetch,
      port: 0,
      hostname: '127.0.0.1',
      logger: createLogger({ service, instance: 'docs', level: 'silent' }),
      handleSignals: false,
      drainTimeoutMs: 1000,
    });
    const document = openApiDocumentOf(app) as unknown as {
      paths: Record<string, Record<string, { operationId: string; summary: string }>>;
    };
    const operations = Object.values(document.paths).flatMap((methods) => Object.values(methods));
    served.set(service, { url: `http://127.0.0.1:${server.port}`, server, operations });
  }
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  await mkdir(screenshotDir, { recursive: true });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await Promise.all([...served.values()].map(({ server }) => server.shutdown('test over')));
});

describe.each(Object.keys(apps))('the %s API reference', (service) => {
  it('renders every operation in a browser that can reach nothing beyond loopback', async () => {
    const { url, operations } = served.get(service) as Served;
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const refused: string[] = [];
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.route('**/*', (route) => {
      const { hostname } = new URL(route.request().url());
      if (hostname === '127.0.0.1' || hostname === 'localhost') {
        return route.continue();
      }
      refused.push(route.request().url());
      return route.abort('internetdisconnected');
    });

    await page.goto(`${url}/docs`);
    const blocks = page.locator('.opblock');
    await expect.poll(() => blocks.count(), { timeout: 20_000 }).toBe(operations.length);
    for (const { summary } of operations) {
      await expect
        .poll(() => page.locator('.opblock-summary-description', { hasText: summary }).count())
        .toBeGreaterThan(0);
    }
    // The reader can sign in from the page: the bearer scheme, and the lock on secured operations.
    await expect.poll(() => page.locator('.auth-wrapper .authorize').count()).toBe(1);
    await expect
      .poll(() => page.locator('.opblock .authorization__btn').count())
      .toBeGreaterThan(0);
    // Opened, an operation lists the problems every route can answer.
    await blocks.first().locator('.opblock-summary').click();
    const statuses = blocks.first().locator('.responses-table .response-col_status');
    await expect
      .poll(() => statuses.allInnerTexts())
      .toEqual(expect.arrayContaining(['401', '429', '503']));
    await statuses.filter({ hasText: '429' }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${screenshotDir}${service}.png`, fullPage: false });
    await context.close();

    expect(refused).toEqual([]);
    expect(errors).toEqual([]);
  }, 60_000);
});
