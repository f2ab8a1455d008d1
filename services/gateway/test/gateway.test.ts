import { createClient, type ServicePaths } from '@trellis/client';
import { createTestDatabase, type TestDatabase } from '@trellis/db/testing';
import { createStaticConfig, type IdentitySettings, identityFromEnv } from '@trellis/kit';
import {
  captureLogger,
  createTestIdentity,
  expectProblem,
  listen,
  type TestIdentity,
  type TestServer,
} from '@trellis/kit/testing';
import { createMeetingsApp, meetingsConfig } from '@trellis/meetings';
import { createOrdersApp, ordersConfig } from '@trellis/orders';
import { apiKeyScopes } from '@trellis/users/access-terms';
import { serveTestUsers, type TestUsers } from '@trellis/users/testing';
import createFetchClient from 'openapi-fetch';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { gatewayConfig } from '../src/config.ts';
import { createTestGatewayApp, type TestGatewayConfig } from '../src/testing.ts';

/**
 * The gateway in front of the real users, orders and meetings apps, in this process on one
 * database: users' own keys sign the tokens, which every service checks against users' JWKS;
 * API keys are made by an admin through users and checked by the gateway through users.
 */

let database: TestDatabase;
let identity: TestIdentity;
let users: TestUsers & { url: string; close(): Promise<void> };
const servers: TestServer[] = [];
let gatewayUrl: string;
let config: TestGatewayConfig;
const cacheClock = { now: Date.now() };
const wallClock = {
  get now() {
    return new Date();
  },
};
const admin = { id: `usr_${'a'.repeat(32)}`, roles: ['admin' as const] };

async function serve(fetch: (request: Request) => Response | Promise<Response>) {
  const server = await listen(fetch);
  servers.push(server);
  return server.url;
}

/** The same checks every service makes in production: users' JWKS, the services' keys. */
function checkedAgainstUsers(): IdentitySettings {
  return identityFromEnv({
    JWKS_URL: `${users.url}/.well-known/jwks.json`,
    SERVICE_PUBLIC_KEYS: identity.settings.serviceKeys ?? {},
  });
}

function usersClientOf(service: string) {
  return createClient('users', {
    baseUrl: users.url,
    token: () => identity.serviceToken(service, 'users'),
  });
}

async function serveOrders(): Promise<string> {
  const app = createOrdersApp({
    deps: {
      db: database.db,
      now: () => new Date(),
      users: usersClientOf('orders'),
      config: createStaticConfig(ordersConfig),
    },
    identity: checkedAgainstUsers(),
    logger: captureLogger('orders').logger,
    version: 'test',
    instanceId: 'orders-test',
    ping: database.ping,
  });
  return serve(app.fetch);
}

async function serveMeetings(): Promise<string> {
  const app = createMeetingsApp({
    deps: {
      db: database.db,
      now: () => new Date(),
      users: usersClientOf('meetings'),
      config: createStaticConfig(meetingsConfig),
    },
    identity: checkedAgainstUsers(),
    logger: captureLogger('meetings').logger,
    version: 'test',
    instanceId: 'meetings-test',
    ping: database.ping,
  });
  return serve(app.fetch);
}

/** An admin makes a key through users, as the console does; its whole value, shown once. */
async function issueKey(scopes: string[]): Promise<{ id: string; key: string }> {
  const res = await fetch(`${users.url}/v1/api-keys`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(await users.as(admin)) },
    body: JSON.stringify({ name: 'Partner', scopes }),
  });
  expect(res.status, await res.clone().text()).toBe(201);
  return (await res.json()) as { id: string; key: string };
}

const everyScope = [...apiKeyScopes];

beforeAll(async () => {
  database = await createTestDatabase(inject('adminDatabaseUrl'));
  identity = await createTestIdentity();
  await identity.serviceKey('gateway');
  users = await serveTestUsers({ database, clock: wallClock, identity: identity.settings });
  const [orders, meetings] = await Promise.all([serveOrders(), serveMeetings()]);
  config = createStaticConfig(gatewayConfig);
  const gateway = createTestGatewayApp({
    database,
    // Messaging's routes are the merged document's; their forwarding is the same as these.
    urls: { users: users.url, orders, meetings, messaging: users.url },
    identity: checkedAgainstUsers(),
    serviceToken: (audience) => identity.serviceToken('gateway', audience),
    config,
    now: () => cacheClock.now,
  });
  gatewayUrl = await serve(gateway.app.fetch);
}, 60_000);

afterAll(async () => {
  await Promise.all([...servers.map((server) => server.close()), users?.close()]);
  await database?.drop();
});

beforeEach(() => {
  config.set({});
});

type GatewayPaths = ServicePaths['gateway'];

async function signUpAndIn(client: ReturnType<typeof createFetchClient<GatewayPaths>>) {
  const email = `consumer.${crypto.randomUUID().slice(0, 8)}@example.com`;
  const password = 'correct horse battery staple';
  const created = await client.POST('/v1/users', { body: { email, name: 'Ada', password } });
  expect(created.response.status, JSON.stringify(created.error)).toBe(201);
  const session = await client.POST('/v1/sessions', { body: { email, password } });
  expect(session.response.status, JSON.stringify(session.error)).toBe(201);
  return {
    id: session.data?.user.id ?? '',
    headers: { authorization: `Bearer ${session.data?.accessToken}` },
  };
}

describe('through the gateway, to the real services', () => {
  it('takes a consumer from sign-up to a paid order and a booked meeting', async () => {
    const { key } = await issueKey(everyScope);
    const client = createFetchClient<GatewayPaths>({
      baseUrl: gatewayUrl,
      headers: { 'x-api-key': key },
    });
    const me = await signUpAndIn(client);
    const order = await client.POST('/v1/orders', {
      headers: me.headers,
      body: {
        userId: me.id,
        currency: 'EUR',
        items: [{ sku: 'TEA-EARL-GREY-100G', quantity: 2, unitPriceCents: 1250 }],
      },
    });
    expect(order.response.status, JSON.stringify(order.error)).toBe(201);
    const paid = await client.POST('/v1/orders/{id}/pay', {
      headers: me.headers,
      params: { path: { id: order.data?.id ?? '' } },
    });
    expect(paid.data?.status, JSON.stringify(paid.error)).toBe('paid');

    const operator = await users.as({ id: `usr_${'b'.repeat(32)}`, roles: ['operator'] });
    const room = await client.POST('/v1/rooms', {
      headers: operator,
      body: { name: `Room ${crypto.randomUUID().slice(0, 6)}`, capacity: 4 },
    });
    expect(room.response.status, JSON.stringify(room.error)).toBe(201);
    const startsAt = new Date(Date.now() + 7 * 86_400_000);
    startsAt.setUTCHours(10, 0, 0, 0);
    const meeting = await client.POST('/v1/meetings', {
      headers: me.headers,
      body: {
        title: 'Tea tasting',
        organizerId: me.id,
        roomId: room.data?.id ?? '',
        startsAt: startsAt.toISOString(),
        endsAt: new Date(startsAt.getTime() + 3_600_000).toISOString(),
        attendeeIds: [],
      },
    });
    expect(meeting.response.status, JSON.stringify(meeting.error)).toBe(201);
  });

  it('lets the services judge the user the gateway verified, not one the client claims', async () => {
    const { key } = await issueKey(everyScope);
    const client = createFetchClient<GatewayPaths>({
      baseUrl: gatewayUrl,
      headers: { 'x-api-key': key },
    });
    const me = await signUpAndIn(client);
    const spoofed = await client.GET('/v1/users', {
      headers: { ...me.headers, 'x-trellis-user-token': await users.tokenFor(admin) },
      params: { query: {} },
    });
    expect(spoofed.response.status).toBe(403);
    const own = await client.GET('/v1/users/{id}', {
      headers: me.headers,
      params: { path: { id: me.id } },
    });
    expect(own.data?.id).toBe(me.id);
    const other = await client.GET('/v1/users/{id}', {
      headers: me.headers,
      params: { path: { id: admin.id } },
    });
    expect(other.response.status).toBe(403);
  });

  it('refuses a key without the scope, naming it, and one users never issued', async () => {
    const { key } = await issueKey(['users:read']);
    const res = await fetch(`${gatewayUrl}/v1/sessions`, {
      method: 'POST',
      headers: { 'x-api-key': key, 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'nobody@example.com', password: 'whatever it is' }),
    });
    const problem = await expectProblem(res, 403, 'x-api-key');
    expect(problem.detail).toContain('users:write');
    const forged = `${key.slice(0, -4)}AAAA`;
    const refused = await fetch(`${gatewayUrl}/v1/users/${admin.id}`, {
      headers: { 'x-api-key': forged },
    });
    await expectProblem(refused, 401, 'x-api-key');
  });

  it('keeps taking a revoked key only as long as it caches verified keys', async () => {
    config.set({ apiKeyCacheSeconds: 30 });
    const { id, key } = await issueKey(['meetings:read']);
    const rooms = () =>
      fetch(`${gatewayUrl}/v1/rooms/bookings?date=2026-12-01`, { headers: { 'x-api-key': key } });
    expect((await rooms()).status).toBe(401); // the key is good; a user is needed
    const revoked = await fetch(`${users.url}/v1/api-keys/${id}/revoke`, {
      method: 'POST',
      headers: await users.as(admin),
    });
    expect(revoked.status, await revoked.clone().text()).toBe(200);
    expect((await expectProblem(await rooms(), 401, 'authorization')).detail).toContain('user');
    cacheClock.now += 30_000;
    const refused = await expectProblem(await rooms(), 401, 'x-api-key');
    expect(refused.detail).toContain('not valid');
  });

  it('never routes what only services may call', async () => {
    const { key } = await issueKey(everyScope);
    const res = await fetch(`${gatewayUrl}/v1/api-keys/verify`, {
      method: 'POST',
      headers: { 'x-api-key': key, 'content-type': 'application/json' },
      body: JSON.stringify({ key }),
    });
    await expectProblem(res, 404);
  });
});

describe('when users refuses the gateway itself', () => {
  it('answers 500, not 401: the consumer’s key is not at fault', async () => {
    const stranger = await createTestIdentity();
    const gateway = createTestGatewayApp({
      database,
      urls: { users: users.url, orders: users.url, meetings: users.url, messaging: users.url },
      identity: checkedAgainstUsers(),
      // Signed by a key users does not trust.
      serviceToken: (audience) => stranger.serviceToken('gateway', audience),
    });
    const { key } = await issueKey(everyScope);
    const res = await gateway.app.request('/v1/users', { headers: { 'x-api-key': key } });
    const problem = await expectProblem(res, 500);
    expect(problem.detail).toContain('credentials');
  });
});
