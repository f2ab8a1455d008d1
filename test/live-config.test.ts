import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from '@trellis/db/embedded';
import { createTestDatabase, type TestDatabase } from '@trellis/db/testing';
import {
  generateServiceKey,
  type ServiceKeyPair,
  serviceTokenSigner,
  trustSetOf,
} from '@trellis/kit';
import { closedUrl } from '@trellis/kit/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { call } from './http-call.ts';
import { type ServiceProcess, startServiceProcess } from './service-process.ts';

/**
 * Live config end to end: a real config center, users and orders, each a process started from
 * its main.ts as `npm start` runs them. An operator signed in through users publishes through
 * the center's HTTP API; orders changes behaviour without a restart.
 */

const secrets = { CONFIG_ENCRYPTION_KEY: randomBytes(32).toString('base64') };
/** Each service's own key pair; the center and the services trust their public keys. */
const keys: Record<string, ServiceKeyPair> = {};
let trust: string;
let jwksUrl: string;
const paymentKey = `pk_live_${randomBytes(12).toString('hex')}`;
const mask = '••••••';

let database: TestDatabase;
let snapshotDir: string;
let centerPort: number;
let centerUrl: string;
let center: ServiceProcess;
let users: ServiceProcess;
let orders: ServiceProcess;
let operatorToken: string;
let operatorLogin: { id: string; email: string; password: string };
let buyer: string;
let buyerToken: string;
const running: ServiceProcess[] = [];

function serviceToken(service: string): Promise<string> {
  const pair = keys[service];
  if (!pair) {
    throw new Error(`no key of ${service}`);
  }
  return serviceTokenSigner(service, pair.privateJwk)('config');
}

/** What a service of the platform is given: its own key, the keys it trusts, users' JWKS. */
function identityEnv(service: string): Record<string, string> {
  return {
    SERVICE_PRIVATE_KEY: JSON.stringify(keys[service]?.privateJwk),
    SERVICE_PUBLIC_KEYS: trust,
    JWKS_URL: jwksUrl,
  };
}

async function startCenter(port: number, name = 'config'): Promise<ServiceProcess> {
  const started = await startServiceProcess(
    'config',
    port,
    {
      DATABASE_URL: database.url,
      LOG_LEVEL: 'warn',
      INSTANCE_ID: name,
      ...secrets,
      SERVICE_PUBLIC_KEYS: trust,
      JWKS_URL: jwksUrl,
    },
    { name },
  );
  running.push(started);
  return started;
}

async function startOrders(instanceId: string, usersUrl: string): Promise<ServiceProcess> {
  const started = await startServiceProcess(
    'orders',
    await freePort(),
    {
      DATABASE_URL: database.url,
      LOG_LEVEL: 'info',
      INSTANCE_ID: instanceId,
      CONFIG_URL: centerUrl,
      ...identityEnv('orders'),
      CONFIG_SNAPSHOT_DIR: snapshotDir,
      INSTANCE_LABELS: 'zone:a',
      USERS_URL: usersUrl,
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

/** Places an order of `lines` lines and answers its status. */
async function placeOrder(service: ServiceProcess, lines: number): Promise<number> {
  const res = await call(service.url, 'POST', '/v1/orders', {
    json: { userId: buyer, currency: 'EUR', items: Array.from({ length: lines }, () => tea) },
    token: buyerToken,
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

async function snapshotOfOrders(): Promise<{
  revision: number;
  values: Record<string, unknown>;
  text: string;
}> {
  const text = await readFile(path.join(snapshotDir, 'dev', 'orders.json'), 'utf8');
  return { ...(JSON.parse(text) as { revision: number; values: Record<string, unknown> }), text };
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
  database = await createTestDatabase(inject('adminDatabaseUrl'));
  snapshotDir = await mkdtemp(path.join(tmpdir(), 'trellis-live-config-'));
  for (const service of ['users', 'orders']) {
    keys[service] = await generateServiceKey(service);
  }
  trust = JSON.stringify(trustSetOf(Object.values(keys)));
  const usersPort = await freePort();
  jwksUrl = `http://127.0.0.1:${usersPort}/.well-known/jwks.json`;
  centerPort = await freePort();
  centerUrl = `http://127.0.0.1:${centerPort}`;
  center = await startCenter(centerPort);
  users = await startServiceProcess('users', usersPort, {
    DATABASE_URL: database.url,
    LOG_LEVEL: 'warn',
    INSTANCE_ID: 'users-e2e',
    TOKEN_KEY_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    PASSWORD_ITERATIONS: '1000',
    CONFIG_URL: centerUrl,
    ...identityEnv('users'),
    CONFIG_SNAPSHOT_DIR: snapshotDir,
  });
  running.push(users);
  // USERS_URL leads nowhere: orders reaches users only through the registry.
  orders = await startOrders('orders-e2e', await closedUrl());

  // Sign-up makes members only; the operator's role is granted in the database, as a seed would.
  operatorLogin = await signUp('ops@example.com', 'operate carefully');
  await database.sql`update users set roles = '{member,operator}' where id = ${operatorLogin.id}`;
  operatorToken = await signIn(operatorLogin);
  const customer = await signUp('buyer@example.com', 'buy things gladly');
  buyer = customer.id;
  buyerToken = await signIn(customer);
}, 90_000);

async function signUp(email: string, password: string) {
  const created = await call(users.url, 'POST', '/v1/users', {
    json: { email, password, name: email.split('@')[0] },
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return { id: created.body.id as string, email, password };
}

async function signIn(user: { email: string; password: string }): Promise<string> {
  const session = await call(users.url, 'POST', '/v1/sessions', {
    json: { email: user.email, password: user.password },
  });
  expect(session.status, JSON.stringify(session.body)).toBe(201);
  return session.body.accessToken as string;
}

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

  it('delivers a secret decrypted to orders only, masked to operators, sealed in the snapshot', async () => {
    const revision = await publish({ maxItemsPerOrder: 3, paymentProviderApiKey: paymentKey });
    const snapshot = await eventually(snapshotOfOrders, (s) => s.revision === revision);
    expect(snapshot?.text).not.toContain(paymentKey);
    expect(snapshot?.values.paymentProviderApiKey).toMatch(/^enc:v1:/);
    const route = '/v1/config/dev/orders/effective?instanceId=orders-e2e';
    const own = await call(centerUrl, 'GET', route, { token: await serviceToken('orders') });
    expect((own.body.values as Record<string, unknown>).paymentProviderApiKey).toBe(paymentKey);
    const operator = await call(centerUrl, 'GET', route, { token: operatorToken });
    expect(operator.status).toBe(200);
    expect((operator.body.values as Record<string, unknown>).paymentProviderApiKey).toBe(mask);
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

  it("refuses a demoted operator's next token to change or read the config", async () => {
    await database.sql`update users set roles = '{member}' where id = ${operatorLogin.id}`;
    const demoted = await signIn(operatorLogin);
    const draft = await call(centerUrl, 'PUT', '/v1/config/dev/orders/draft', {
      json: { values: { maxItemsPerOrder: 50 } },
      token: demoted,
    });
    expect(draft.status).toBe(403);
    const release = await call(centerUrl, 'POST', '/v1/config/dev/orders/releases', {
      json: { comment: 'still an operator?' },
      token: demoted,
    });
    expect(release.status).toBe(403);
    const audit = await call(centerUrl, 'GET', '/v1/config/dev/orders/audit', { token: demoted });
    expect(audit.status).toBe(403);
  });
});
