import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ServicePaths } from '@trellis/client';
import { freePort } from '@trellis/db/embedded';
import { demoLogins, seedDemoData } from '@trellis/db/seed';
import { createTestDatabase, type TestDatabase } from '@trellis/db/testing';
import { generateServiceKey, type ServiceKeyPair, trustSetOf } from '@trellis/kit';
import { closedUrl } from '@trellis/kit/testing';
import { apiKeyScopes } from '@trellis/users/access-terms';
import createFetchClient from 'openapi-fetch';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type ServiceProcess, startServiceProcess } from '../../../test/service-process.ts';
import { hashPassword } from '../../users/src/password.ts';

/**
 * An outside consumer's day, against running processes as `npm start` runs them: the config
 * center and registry, users, orders and meetings, and the gateway, which finds the three
 * through the registry alone (their fallback URLs lead nowhere). The consumer holds an API key
 * an admin issued and uses only a client generated from the gateway's merged document.
 */

type GatewayPaths = ServicePaths['gateway'];

const services = ['config', 'users', 'orders', 'meetings', 'gateway'] as const;
type Service = (typeof services)[number];

let database: TestDatabase;
let snapshotDir: string;
const running: ServiceProcess[] = [];
let gatewayUrl: string;
let usersUrl: string;
let registryUrl: string;
let apiKey: string;

async function startPlatform(): Promise<void> {
  const keys = Object.fromEntries(
    await Promise.all(services.map(async (name) => [name, await generateServiceKey(name)])),
  ) as Record<Service, ServiceKeyPair>;
  const ports = Object.fromEntries(
    await Promise.all(services.map(async (name) => [name, await freePort()])),
  ) as Record<Service, number>;
  const url = (name: Service) => `http://127.0.0.1:${ports[name]}`;
  usersUrl = url('users');
  registryUrl = url('config');
  gatewayUrl = url('gateway');
  const nowhere = await closedUrl();
  const shared = {
    DATABASE_URL: database.url,
    LOG_LEVEL: 'warn',
    CONFIG_URL: url('config'),
    CONFIG_SNAPSHOT_DIR: snapshotDir,
    SERVICE_PUBLIC_KEYS: JSON.stringify(trustSetOf(Object.values(keys))),
    JWKS_URL: `${usersUrl}/.well-known/jwks.json`,
    METRICS_TOKEN: randomBytes(32).toString('hex'),
    PASSWORD_ITERATIONS: '1000',
    TOKEN_KEY_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    CONFIG_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    USERS_URL: nowhere,
    ORDERS_URL: nowhere,
    MEETINGS_URL: nowhere,
  };
  const start = async (name: Service) => {
    const env = { ...shared, SERVICE_PRIVATE_KEY: JSON.stringify(keys[name].privateJwk) };
    const started = await startServiceProcess(name, ports[name], env, { readyTimeoutMs: 60_000 });
    running.push(started);
  };
  await start('config');
  await start('users');
  await Promise.all([start('orders'), start('meetings')]);
  await start('gateway');
}

async function adminToken(): Promise<string> {
  const { email, password } = demoLogins.admin;
  const res = await fetch(`${usersUrl}/v1/sessions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  expect(res.status, await res.clone().text()).toBe(201);
  return ((await res.json()) as { accessToken: string }).accessToken;
}

/** An admin issues the consumer its key through users, as the console does. */
async function issueApiKey(scopes: string[]): Promise<string> {
  const res = await fetch(`${usersUrl}/v1/api-keys`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${await adminToken()}` },
    body: JSON.stringify({ name: 'Mobile app', scopes }),
  });
  expect(res.status, await res.clone().text()).toBe(201);
  return ((await res.json()) as { key: string }).key;
}

beforeAll(async () => {
  database = await createTestDatabase(inject('adminDatabaseUrl'));
  await seedDemoData(database.db, { hashPassword: (password) => hashPassword(password, 1000) });
  snapshotDir = await mkdtemp(path.join(tmpdir(), 'trellis-gateway-'));
  await startPlatform();
  apiKey = await issueApiKey([...apiKeyScopes]);
}, 240_000);

afterAll(async () => {
  await Promise.all(running.map((service) => service.stop()));
  await database?.drop();
  await rm(snapshotDir, { recursive: true, force: true });
});

describe('a consumer with an API key, through the gateway alone', () => {
  it('signs up, signs in, places and pays an order and books a meeting', async () => {
    const client = createFetchClient<GatewayPaths>({
      baseUrl: gatewayUrl,
      headers: { 'x-api-key': apiKey },
    });
    const email = `ada.${randomBytes(4).toString('hex')}@example.com`;
    const password = 'correct horse battery staple';

    const signedUp = await client.POST('/v1/users', {
      body: { email, name: 'Ada Lovelace', password },
    });
    expect(signedUp.response.status, JSON.stringify(signedUp.error)).toBe(201);
    expect(signedUp.data?.roles).toEqual(['member']);

    const session = await client.POST('/v1/sessions', { body: { email, password } });
    expect(session.response.status, JSON.stringify(session.error)).toBe(201);
    const userId = session.data?.user.id ?? '';
    const asUser = { authorization: `Bearer ${session.data?.accessToken}` };

    const order = await client.POST('/v1/orders', {
      headers: { ...asUser, 'idempotency-key': `order-${randomBytes(8).toString('hex')}` },
      body: {
        userId,
        currency: 'EUR',
        items: [{ sku: 'TEA-EARL-GREY-100G', quantity: 2, unitPriceCents: 1250 }],
      },
    });
    expect(order.response.status, JSON.stringify(order.error)).toBe(201);
    const orderId = order.data?.id ?? '';
    const paid = await client.POST('/v1/orders/{id}/pay', {
      headers: asUser,
      params: { path: { id: orderId } },
    });
    expect(paid.response.status, JSON.stringify(paid.error)).toBe(200);
    expect(paid.data?.status).toBe('paid');

    const rooms = await client.GET('/v1/rooms', { headers: asUser, params: { query: {} } });
    expect(rooms.response.status, JSON.stringify(rooms.error)).toBe(200);
    const room = rooms.data?.items[0];
    const startsAt = new Date(Date.now() + 30 * 86_400_000);
    startsAt.setUTCHours(9, 0, 0, 0);
    const meeting = await client.POST('/v1/meetings', {
      headers: asUser,
      body: {
        title: 'Tea tasting',
        organizerId: userId,
        roomId: room?.id ?? '',
        startsAt: startsAt.toISOString(),
        endsAt: new Date(startsAt.getTime() + 3_600_000).toISOString(),
        attendeeIds: [],
      },
    });
    expect(meeting.response.status, JSON.stringify(meeting.error)).toBe(201);
    expect(meeting.data?.organizerId).toBe(userId);

    const mine = await client.GET('/v1/orders', { headers: asUser, params: { query: {} } });
    expect(mine.data?.items.map((each) => each.id)).toEqual([orderId]);
  });

  it('is refused without its key, and a key without a scope is refused what needs it', async () => {
    const readOnly = await issueApiKey(['meetings:read']);
    const bare = createFetchClient<GatewayPaths>({ baseUrl: gatewayUrl });
    const refused = await bare.GET('/v1/rooms', { params: { query: {} } });
    expect(refused.response.status).toBe(401);
    const reader = createFetchClient<GatewayPaths>({
      baseUrl: gatewayUrl,
      headers: { 'x-api-key': readOnly },
    });
    const signUp = await reader.POST('/v1/users', {
      body: { email: 'scoped@example.com', name: 'Scoped', password: 'long enough password' },
    });
    expect(signUp.response.status).toBe(403);
    expect(JSON.stringify(signUp.error)).toContain('users:write');
  });

  it('registers itself in the registry under its advertised address', async () => {
    const res = await fetch(`${registryUrl}/v1/registry/services/gateway/instances`, {
      headers: { authorization: `Bearer ${await adminToken()}` },
    });
    expect(res.status, await res.clone().text()).toBe(200);
    const { items } = (await res.json()) as { items: { address: string }[] };
    expect(items.map((instance) => instance.address)).toEqual([gatewayUrl]);
  });

  it('never routes what only services may call, nor the platform’s own surfaces', async () => {
    for (const [method, route] of [
      ['POST', '/v1/api-keys/verify'],
      ['GET', '/v1/registry/services'],
      ['GET', '/v1/config/namespaces'],
    ] as const) {
      const res = await fetch(`${gatewayUrl}${route}`, {
        method,
        headers: { 'x-api-key': apiKey, 'content-type': 'application/json' },
        ...(method === 'POST' ? { body: '{}' } : {}),
      });
      expect(res.status, `${method} ${route}`).toBe(404);
    }
  });
});
