import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from '@trellis/db/embedded';
import { createTestDatabase, type TestDatabase } from '@trellis/db/testing';
import { serviceTokenSigner } from '@trellis/kit';
import { closedUrl } from '@trellis/kit/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { call } from './http-call.ts';
import {
  createPlatformIdentity,
  type PlatformIdentity,
  type SignedIn,
  signInWithRoles,
  signUp,
} from './platform-identity.ts';
import { type ServiceProcess, startServiceProcess } from './service-process.ts';

/**
 * Live config end to end: a real config center, users and orders, each a process started from
 * its main.ts with its own key, as `npm start` runs them. An operator signed in through users
 * publishes through the center's HTTP API; orders changes behaviour without a restart.
 */

const paymentKey = `pk_live_${randomBytes(12).toString('hex')}`;
const mask = '••••••';

let identity: PlatformIdentity;
let database: TestDatabase;
let snapshotDir: string;
let centerPort: number;
let centerUrl: string;
let usersUrl: string;
let center: ServiceProcess;
let users: ServiceProcess;
let orders: ServiceProcess;
let operatorToken: string;
let buyer: SignedIn;
const running: ServiceProcess[] = [];

/** A token of `service`, signed with its own key, for the config center. */
async function serviceToken(service: string): Promise<string> {
  return identity.keys.serviceToken(service, 'config');
}

async function startCenter(port: number, name = 'config'): Promise<ServiceProcess> {
  const started = await startServiceProcess(
    'config',
    port,
    {
      DATABASE_URL: database.url,
      LOG_LEVEL: 'warn',
      INSTANCE_ID: name,
      ...identity.envFor('config', usersUrl),
    },
    { name },
  );
  running.push(started);
  return started;
}

async function startOrders(instanceId: string, usersAt: string): Promise<ServiceProcess> {
  const started = await startServiceProcess(
    'orders',
    await freePort(),
    {
      DATABASE_URL: database.url,
      LOG_LEVEL: 'info',
      INSTANCE_ID: instanceId,
      CONFIG_URL: centerUrl,
      CONFIG_SNAPSHOT_DIR: snapshotDir,
      INSTANCE_LABELS: 'zone:a',
      USERS_URL: usersAt,
      ...identity.envFor('orders', users.url),
    },
    { name: instanceId },
  );
  running.push(started);
  return started;
}

/** Saves the orders draft and publishes it as the operator; returns the new revision. */
async function publish(values: Record<string, unknown>, via = centerUrl): Promise<number> {
  const draft = await call(via, 'PUT', '/v1/config/dev/orders/draft', {
    json: { values },
    token: operatorToken,
  });
  expect(draft.status, JSON.stringify(draft.body)).toBe(200);
  const release = await call(via, 'POST', '/v1/config/dev/orders/releases', {
    json: { comment: 'live config test' },
    token: operatorToken,
  });
  expect(release.status, JSON.stringify(release.body)).toBe(201);
  return release.body.revision as number;
}

const tea = { sku: 'TEA-EARL-GREY-100G', quantity: 1, unitPriceCents: 1250 };

/** The buyer places an order of `lines` lines for themselves; answers its status. */
async function placeOrder(service: ServiceProcess, lines: number): Promise<number> {
  const res = await call(service.url, 'POST', '/v1/orders', {
    headers: buyer.headers,
    json: { userId: buyer.id, currency: 'EUR', items: Array.from({ length: lines }, () => tea) },
  });
  return res.status;
}

/** Polls `probe` until it answers `status`; resolves with the milliseconds it took. */
async function untilStatus(
  probe: () => Promise<number>,
  status: number,
  timeoutMs: number,
  since = performance.now(),
): Promise<number> {
  let last = 0;
  while (performance.now() - since < timeoutMs) {
    last = await probe();
    if (last === status) {
      return performance.now() - since;
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`still ${last}, not ${status}, after ${timeoutMs} ms`);
}

interface Snapshot {
  revision: number;
  values: Record<string, unknown>;
  /** The file as written on disk. */
  text: string;
}

async function snapshotOfOrders(): Promise<Snapshot> {
  const text = await readFile(path.join(snapshotDir, 'dev', 'orders.json'), 'utf8');
  return { ...(JSON.parse(text) as Omit<Snapshot, 'text'>), text };
}

async function eventually<T>(read: () => Promise<T>, ok: (value: T) => boolean, timeoutMs = 5000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read().catch(() => undefined);
    if ((value !== undefined && ok(value)) || Date.now() > deadline) {
      return value;
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

async function registered(service: string): Promise<{ instanceId: string; address: string }[]> {
  const res = await call(centerUrl, 'GET', `/v1/registry/services/${service}/instances`, {
    token: await serviceToken('orders'),
  });
  return res.body.items as { instanceId: string; address: string }[];
}

beforeAll(async () => {
  identity = await createPlatformIdentity();
  database = await createTestDatabase(inject('adminDatabaseUrl'));
  snapshotDir = await mkdtemp(path.join(tmpdir(), 'trellis-live-config-'));
  centerPort = await freePort();
  centerUrl = `http://127.0.0.1:${centerPort}`;
  const usersPort = await freePort();
  usersUrl = `http://127.0.0.1:${usersPort}`;
  center = await startCenter(centerPort);
  users = await startServiceProcess('users', usersPort, {
    DATABASE_URL: database.url,
    LOG_LEVEL: 'warn',
    INSTANCE_ID: 'users-e2e',
    PASSWORD_ITERATIONS: '1000',
    CONFIG_URL: centerUrl,
    CONFIG_SNAPSHOT_DIR: snapshotDir,
    ...identity.envFor('users', usersUrl),
  });
  running.push(users);
  // USERS_URL leads nowhere: orders reaches users only through the registry.
  orders = await startOrders('orders-e2e', await closedUrl());

  const operator = await signInWithRoles(database, users.url, {
    email: 'ops@example.com',
    name: 'Ops',
    password: 'operate carefully',
    roles: ['operator'],
  });
  operatorToken = operator.token;
  buyer = await signUp(users.url, {
    email: 'buyer@example.com',
    name: 'Buyer',
    password: 'buys a lot of tea',
  });
}, 90_000);

afterAll(async () => {
  await Promise.all(running.map((service) => service.stop()));
  await database?.drop();
  if (snapshotDir) {
    await rm(snapshotDir, { recursive: true, force: true });
  }
});

describe('live config, end to end', () => {
  it('registers users and orders once they listen, and orders finds users through the registry', async () => {
    const listed = await eventually(
      () => registered('users'),
      (items) => items.some((item) => item.instanceId === 'users-e2e'),
    );
    expect(listed).toContainEqual(expect.objectContaining({ address: users.url }));
    const ordersListed = await eventually(
      () => registered('orders'),
      (items) => items.length > 0,
    );
    expect(ordersListed).toContainEqual(expect.objectContaining({ address: orders.url }));
    expect(await placeOrder(orders, 3)).toBe(201);
  });

  it('refuses a fake users instance registered with any credential but users’ own', async () => {
    const fake = {
      service: 'users',
      instanceId: 'users-fake',
      address: 'http://127.0.0.1:9',
      version: '9.9.9',
      weight: 10_000,
    };
    const register = (headers: Record<string, string>) =>
      call(centerUrl, 'POST', '/v1/registry/instances', { json: fake, headers });
    // Orders' own, valid token: orders may register orders, not users.
    expect((await register(await identity.asService('orders', 'config'))).status).toBe(403);
    // Orders' key signing a token that says it is users: no key of users verifies it.
    const ordersKey = (await identity.keys.serviceKey('orders')).privateJwk;
    const forged = await serviceTokenSigner('users', ordersKey)('config');
    expect((await register({ authorization: `Bearer ${forged}` })).status).toBe(401);
    expect((await register({ authorization: `Bearer ${operatorToken}` })).status).toBe(403);
    expect((await register({})).status).toBe(401);
    const listed = await registered('users');
    expect(listed.map((item) => item.instanceId)).not.toContain('users-fake');
    // Orders still finds the real users and accepts an order for an existing user only.
    expect(await placeOrder(orders, 1)).toBe(201);
  });

  it('delivers a secret decrypted to orders, masked to an operator and to no other service', async () => {
    const revision = await publish({ maxItemsPerOrder: 3, paymentProviderApiKey: paymentKey });
    const snapshot = await eventually(snapshotOfOrders, (s) => s.revision === revision);
    // Kept on disk for starts while the center is down, but never the secret in clear.
    expect(snapshot?.values.maxItemsPerOrder).toBe(3);
    expect(snapshot?.text).not.toContain(paymentKey);
    const route = '/v1/config/dev/orders/effective?instanceId=orders-e2e';
    const own = await call(centerUrl, 'GET', route, { token: await serviceToken('orders') });
    expect((own.body.values as Record<string, unknown>).paymentProviderApiKey).toBe(paymentKey);
    const operator = await call(centerUrl, 'GET', route, { token: operatorToken });
    expect(operator.status).toBe(200);
    expect((operator.body.values as Record<string, unknown>).paymentProviderApiKey).toBe(mask);
    // Another service, with its own valid token, may not read orders' config at all.
    const users = await call(centerUrl, 'GET', route, { token: await serviceToken('users') });
    expect(users.status).toBe(403);
    expect(JSON.stringify(orders.lines)).not.toContain(paymentKey);
    expect(await placeOrder(orders, 4)).toBe(422);
  });

  it('refuses 3 lines within a second of publishing maxItemsPerOrder: 2, and takes them after a rollback', async () => {
    expect(await placeOrder(orders, 3)).toBe(201);
    const before = await call(centerUrl, 'GET', '/v1/config/dev/orders/releases?limit=1', {
      token: operatorToken,
    });
    const previous = (before.body.items as { revision: number }[])[0]?.revision;
    const started = performance.now();
    await publish({ maxItemsPerOrder: 2, paymentProviderApiKey: mask });
    const applied = await untilStatus(() => placeOrder(orders, 3), 422, 1000, started);
    expect(applied).toBeLessThan(1000);

    const rollbackStarted = performance.now();
    const rollback = await call(centerUrl, 'POST', '/v1/config/dev/orders/rollback', {
      json: { toRevision: previous, comment: 'back to 3 lines' },
      token: operatorToken,
    });
    expect(rollback.status).toBe(201);
    const restored = await untilStatus(() => placeOrder(orders, 3), 201, 1000, rollbackStarted);
    expect(restored).toBeLessThan(1000);
    const snapshot = await eventually(
      snapshotOfOrders,
      (s) => s.revision === (rollback.body.revision as number),
    );
    expect(snapshot?.values).toMatchObject({ maxItemsPerOrder: 3 });
    expect(snapshot?.text).not.toContain(paymentKey);
  });

  it('turns on debug logging live', async () => {
    expect(orders.lines.filter((line) => line.level === 'debug')).toEqual([]);
    await publish({ maxItemsPerOrder: 3, paymentProviderApiKey: mask, logLevel: 'debug' });
    await orders.waitForLine((line) => line.msg === 'log level changed' && line.to === 'debug');
    expect(await placeOrder(orders, 4)).toBe(422);
    const refused = await orders.waitForLine(
      (line) => line.level === 'debug' && line.msg === 'request refused',
    );
    expect(refused).toMatchObject({ service: 'orders', instance: 'orders-e2e' });
  });

  it('starts on its snapshot while the center is down and takes the newest release once it returns', {
    timeout: 90_000,
  }, async () => {
    await orders.stop();
    expect((await registered('orders')).map((item) => item.instanceId)).not.toContain('orders-e2e');
    await center.stop();

    // The center is down: this instance starts on the snapshot (3 lines at most), not on the
    // defaults (100), and finds users at USERS_URL since the registry cannot be asked.
    const offline = await startOrders('orders-e2e-2', users.url);
    await offline.waitForLine((line) => line.msg === 'running on the config snapshot');
    expect(await placeOrder(offline, 4)).toBe(422);
    expect(await placeOrder(offline, 2)).toBe(201);

    // A release made through another center instance while this one is away.
    const other = await startCenter(await freePort(), 'config-b');
    const revision = await publish(
      { maxItemsPerOrder: 1, paymentProviderApiKey: mask, logLevel: 'info' },
      other.url,
    );
    center = await startCenter(centerPort);
    await untilStatus(() => placeOrder(offline, 2), 422, 30_000);
    const reports = await eventually(
      async () =>
        (
          await call(centerUrl, 'GET', '/v1/config/dev/orders/instances', {
            token: operatorToken,
          })
        ).body.items as { instanceId: string; revision: number; status: string }[],
      (items) =>
        items.some((item) => item.instanceId === 'orders-e2e-2' && item.revision === revision),
    );
    expect(reports).toContainEqual(
      expect.objectContaining({ instanceId: 'orders-e2e-2', revision, status: 'applied' }),
    );
    const back = await eventually(
      () => registered('orders'),
      (items) => items.some((item) => item.instanceId === 'orders-e2e-2'),
      20_000,
    );
    expect(back).toContainEqual(expect.objectContaining({ address: offline.url }));
  });
});
