import { Validator } from '@seriousme/openapi-schema-validator';
import { createTestDatabase, type TestDatabase } from '@trellis/db/testing';
import { openApiDocumentOf } from '@trellis/kit';
import { expectProblem } from '@trellis/kit/testing';
import { importJWK, SignJWT } from 'jose';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import {
  PrometheusTargetsSchema,
  RegistryInstanceListSchema,
  RegistryInstanceSchema,
  RegistryServiceListSchema,
} from '../../src/routes/registry/schema.ts';
import {
  bearer,
  metricsToken,
  type RegistryCenter,
  registerInstance,
  serviceToken,
  startRegistryCenter,
  testIdentity,
  userToken,
} from './harness.ts';

let database: TestDatabase;
let center: RegistryCenter;
const clock = { now: new Date('2026-11-26T10:00:00.000Z') };

beforeAll(async () => {
  database = await createTestDatabase(inject('adminDatabaseUrl'));
  center = await startRegistryCenter({ database, clock });
});

afterAll(async () => {
  await center.stop();
  await database.drop();
});

beforeEach(async () => {
  clock.now = new Date('2026-11-26T10:00:00.000Z');
  await database.sql`delete from registry_instances`;
});

function advance(seconds: number) {
  clock.now = new Date(clock.now.getTime() + seconds * 1000);
}

async function listInstances(service: string) {
  const res = await center.request(`/v1/registry/services/${service}/instances`, {
    headers: bearer(await serviceToken('orders')),
  });
  expect(res.status).toBe(200);
  return RegistryInstanceListSchema.parse(await res.json());
}

async function heartbeat(instanceId: string, service = 'users') {
  return center.request(`/v1/registry/instances/${instanceId}/heartbeat`, {
    method: 'PUT',
    headers: bearer(await serviceToken(service)),
  });
}

describe('registering', () => {
  it('registers an instance with its own service token, then refreshes it', async () => {
    const first = await registerInstance(center, {
      service: 'users',
      instanceId: 'users-a',
      address: 'http://127.0.0.1:4101',
      labels: { zone: 'a' },
      weight: 50,
      ttlSeconds: 10,
    });
    expect(first.status).toBe(201);
    expect(first.headers.get('location')).toBe('/v1/registry/instances/users-a');
    expect(RegistryInstanceSchema.parse(await first.json())).toEqual({
      service: 'users',
      instanceId: 'users-a',
      address: 'http://127.0.0.1:4101',
      version: '1.0.0',
      labels: { zone: 'a' },
      weight: 50,
      ttlSeconds: 10,
      healthy: true,
      registeredAt: '2026-11-26T10:00:00.000Z',
      lastHeartbeatAt: '2026-11-26T10:00:00.000Z',
      expiresAt: '2026-11-26T10:00:10.000Z',
    });

    advance(3);
    const again = await registerInstance(center, {
      service: 'users',
      instanceId: 'users-a',
      address: 'http://127.0.0.1:4201',
      version: '1.1.0',
    });
    expect(again.status).toBe(200);
    const refreshed = RegistryInstanceSchema.parse(await again.json());
    expect(refreshed).toMatchObject({
      address: 'http://127.0.0.1:4201',
      version: '1.1.0',
      weight: 100,
      ttlSeconds: 15,
      labels: {},
      registeredAt: '2026-11-26T10:00:00.000Z',
      lastHeartbeatAt: '2026-11-26T10:00:03.000Z',
    });
  });

  it('refuses a registration without a token with 401', async () => {
    const res = await center.request('/v1/registry/instances', {
      method: 'POST',
      json: {
        service: 'users',
        instanceId: 'users-a',
        address: 'http://127.0.0.1:4101',
        version: '1',
      },
    });
    await expectProblem(res, 401);
    expect(res.headers.get('www-authenticate')).toBe('Bearer');
  });

  it("refuses another service's token, and a user's, with 403", async () => {
    const body = {
      service: 'users',
      instanceId: 'users-a',
      address: 'http://127.0.0.1:4101',
      version: '1',
    };
    for (const token of [await serviceToken('orders'), await userToken(['admin'])]) {
      const res = await center.request('/v1/registry/instances', {
        method: 'POST',
        headers: bearer(token),
        json: body,
      });
      await expectProblem(res, 403);
    }
    expect((await listInstances('users')).items).toEqual([]);
  });

  it('refuses an instance id another service holds with 409', async () => {
    await registerInstance(center, {
      service: 'users',
      instanceId: 'shared-1',
      address: 'http://127.0.0.1:4101',
    });
    const res = await registerInstance(center, {
      service: 'orders',
      instanceId: 'shared-1',
      address: 'http://127.0.0.1:4102',
    });
    await expectProblem(res, 409, 'instanceId');
    expect((await listInstances('users')).items.map((i) => i.address)).toEqual([
      'http://127.0.0.1:4101',
    ]);
  });

  it('refuses a malformed registration with 400 naming the field', async () => {
    const res = await registerInstance(center, {
      service: 'users',
      instanceId: 'users-a',
      address: 'not a url',
    });
    await expectProblem(res, 400, 'address');
    const weight = await registerInstance(center, {
      service: 'users',
      instanceId: 'users-a',
      address: 'http://127.0.0.1:4101',
      weight: -1,
    });
    await expectProblem(weight, 400, 'weight');
  });
});

describe('heartbeats', () => {
  it('keeps an instance healthy past its first TTL', async () => {
    await registerInstance(center, {
      service: 'users',
      instanceId: 'users-a',
      address: 'http://127.0.0.1:4101',
      ttlSeconds: 6,
    });
    advance(5);
    expect((await heartbeat('users-a')).status).toBe(204);
    advance(5);
    const [instance] = (await listInstances('users')).items;
    expect(instance).toMatchObject({
      healthy: true,
      lastHeartbeatAt: '2026-11-26T10:00:05.000Z',
      expiresAt: '2026-11-26T10:00:11.000Z',
    });
  });

  it('answers 404 once the TTL lapsed, and the instance comes back by registering again', async () => {
    const body = { service: 'users', instanceId: 'users-a', address: 'http://127.0.0.1:4101' };
    await registerInstance(center, { ...body, ttlSeconds: 3 });
    await registerInstance(center, { ...body, instanceId: 'users-b', ttlSeconds: 60 });
    advance(3);
    expect((await heartbeat('users-a')).status).toBe(204);
    advance(3.5);
    const expired = await heartbeat('users-a');
    const problem = await expectProblem(expired, 404);
    expect(problem.detail).toMatch(/expired/);
    expect((await listInstances('users')).items.map((i) => i.instanceId)).toEqual(['users-b']);

    expect((await registerInstance(center, { ...body, ttlSeconds: 3 })).status).toBe(200);
    expect((await listInstances('users')).items.map((i) => i.instanceId)).toEqual([
      'users-a',
      'users-b',
    ]);
  });

  it('answers 404 for an unknown instance', async () => {
    await expectProblem(await heartbeat('users-unknown'), 404);
  });

  it("refuses a heartbeat for another service's instance with 403", async () => {
    await registerInstance(center, {
      service: 'users',
      instanceId: 'users-a',
      address: 'http://127.0.0.1:4101',
    });
    await expectProblem(await heartbeat('users-a', 'orders'), 403);
    const res = await center.request('/v1/registry/instances/users-a/heartbeat', {
      method: 'PUT',
    });
    await expectProblem(res, 401);
  });
});

describe('deregistering', () => {
  it('removes the instance from discovery at once', async () => {
    await registerInstance(center, {
      service: 'users',
      instanceId: 'users-a',
      address: 'http://127.0.0.1:4101',
    });
    const res = await center.request('/v1/registry/instances/users-a', {
      method: 'DELETE',
      headers: bearer(await serviceToken('users')),
    });
    expect(res.status).toBe(204);
    expect((await listInstances('users')).items).toEqual([]);
    const again = await center.request('/v1/registry/instances/users-a', {
      method: 'DELETE',
      headers: bearer(await serviceToken('users')),
    });
    await expectProblem(again, 404);
  });

  it('lets only the service itself deregister its instance: not another service, nor a user', async () => {
    await registerInstance(center, {
      service: 'users',
      instanceId: 'users-a',
      address: 'http://127.0.0.1:4101',
    });
    for (const token of [
      await serviceToken('orders'),
      await userToken(['member']),
      await userToken(['admin']),
    ]) {
      const res = await center.request('/v1/registry/instances/users-a', {
        method: 'DELETE',
        headers: bearer(token),
      });
      await expectProblem(res, 403);
    }
    expect((await listInstances('users')).items.map((i) => i.instanceId)).toEqual(['users-a']);
  });
});

describe('discovery', () => {
  async function registerFour(ttlSeconds: number[]) {
    for (const [index, ttl] of ttlSeconds.entries()) {
      await registerInstance(center, {
        service: 'users',
        instanceId: `users-${index}`,
        address: `http://127.0.0.1:${4201 + index}`,
        ttlSeconds: ttl,
      });
    }
  }

  it('lists only healthy instances while at least half of them are', async () => {
    await registerFour([5, 5, 60, 60]);
    advance(10);
    const list = await listInstances('users');
    expect(list.protectionActive).toBe(false);
    expect(list.items.map((i) => [i.instanceId, i.healthy])).toEqual([
      ['users-2', true],
      ['users-3', true],
    ]);
  });

  it('keeps expired instances listed, flagged unhealthy, when too many expire at once', async () => {
    await registerFour([5, 5, 5, 60]);
    advance(10);
    const list = await listInstances('users');
    expect(list.protectionActive).toBe(true);
    expect(list.items.map((i) => [i.instanceId, i.healthy])).toEqual([
      ['users-0', false],
      ['users-1', false],
      ['users-2', false],
      ['users-3', true],
    ]);

    advance(301);
    expect((await listInstances('users')).items).toEqual([]);
  });

  it("reads with an operator's token too, and answers an empty list for an unknown service", async () => {
    const res = await center.request('/v1/registry/services/nobody/instances', {
      headers: bearer(await userToken(['operator'])),
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ service: 'nobody', items: [], protectionActive: false });
    const anonymous = await center.request('/v1/registry/services/nobody/instances');
    await expectProblem(anonymous, 401);
  });

  it('lists services with healthy and total counts', async () => {
    await registerFour([5, 60, 60, 60]);
    await registerInstance(center, {
      service: 'orders',
      instanceId: 'orders-a',
      address: 'http://127.0.0.1:4102',
      ttlSeconds: 5,
    });
    advance(10);
    const res = await center.request('/v1/registry/services', {
      headers: bearer(await userToken(['admin'])),
    });
    expect(res.status).toBe(200);
    expect(RegistryServiceListSchema.parse(await res.json()).items).toEqual([
      { service: 'orders', healthy: 0, total: 1, protectionActive: true },
      { service: 'users', healthy: 3, total: 4, protectionActive: false },
    ]);
  });
});

describe('prometheus-sd', () => {
  it('lists every healthy instance in the http_sd format', async () => {
    await registerInstance(center, {
      service: 'users',
      instanceId: 'users-a',
      address: 'http://10.0.0.12:4101',
      version: '1.4.2',
    });
    await registerInstance(center, {
      service: 'orders',
      instanceId: 'orders-a',
      address: 'https://orders.internal',
      version: '2.0.0',
      ttlSeconds: 60,
    });
    await registerInstance(center, {
      service: 'meetings',
      instanceId: 'meetings-a',
      address: 'http://10.0.0.13:4103',
      ttlSeconds: 5,
    });
    advance(10);
    const res = await center.request('/v1/registry/prometheus-sd', {
      headers: bearer(await metricsToken()),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(PrometheusTargetsSchema.parse(await res.json())).toEqual([
      {
        targets: ['orders.internal:443'],
        labels: { service: 'orders', version: '2.0.0', instance: 'orders-a', __scheme__: 'https' },
      },
      {
        targets: ['10.0.0.12:4101'],
        labels: { service: 'users', version: '1.4.2', instance: 'users-a' },
      },
    ]);
    await expectProblem(await center.request('/v1/registry/prometheus-sd'), 401);
  });

  it('answers the metrics token, operators and services, and refuses members with 403', async () => {
    for (const token of [
      await metricsToken(),
      await userToken(['operator']),
      await serviceToken('users'),
    ]) {
      const res = await center.request('/v1/registry/prometheus-sd', { headers: bearer(token) });
      expect(res.status).toBe(200);
    }
    const member = await center.request('/v1/registry/prometheus-sd', {
      headers: bearer(await userToken(['member'])),
    });
    await expectProblem(member, 403);
  });
});

describe('members', () => {
  it('get 403 on every read of the registry', async () => {
    const member = bearer(await userToken(['member']));
    for (const path of [
      '/v1/registry/services',
      '/v1/registry/services/users/instances',
      '/v1/registry/services/users/watch',
      '/v1/registry/prometheus-sd',
    ]) {
      await expectProblem(await center.request(path, { headers: member }), 403);
    }
  });
});

describe('a service credential used for another service', () => {
  const fake = {
    service: 'users',
    instanceId: 'users-a',
    address: 'http://127.0.0.1:6666',
    version: '1.0.0',
    weight: 10_000,
  };

  it("cannot register, heartbeat or deregister an instance of users with orders' token", async () => {
    const orders = bearer(await serviceToken('orders'));
    const refused = await center.request('/v1/registry/instances', {
      method: 'POST',
      headers: orders,
      json: fake,
    });
    await expectProblem(refused, 403);
    expect((await listInstances('users')).items).toEqual([]);

    await registerInstance(center, { ...fake, address: 'http://127.0.0.1:4101', weight: 100 });
    const takeover = await center.request('/v1/registry/instances', {
      method: 'POST',
      headers: orders,
      json: fake,
    });
    await expectProblem(takeover, 403);
    const heartbeat = await center.request('/v1/registry/instances/users-a/heartbeat', {
      method: 'PUT',
      headers: orders,
    });
    await expectProblem(heartbeat, 403);
    const deregister = await center.request('/v1/registry/instances/users-a', {
      method: 'DELETE',
      headers: orders,
    });
    await expectProblem(deregister, 403);
    expect((await listInstances('users')).items).toEqual([
      expect.objectContaining({
        instanceId: 'users-a',
        address: 'http://127.0.0.1:4101',
        weight: 100,
      }),
    ]);
  });

  it('cannot sign a token as users with the key of orders (401)', async () => {
    const identity = await testIdentity;
    const { privateJwk } = await identity.serviceKey('orders');
    const forged = await new SignJWT({})
      .setProtectedHeader({ alg: 'EdDSA', kid: privateJwk.kid, typ: 'JWT' })
      .setIssuer('service:users')
      .setSubject('service:users')
      .setAudience('config')
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(await importJWK(privateJwk, 'EdDSA'));
    const res = await center.request('/v1/registry/instances', {
      method: 'POST',
      headers: bearer(forged),
      json: fake,
    });
    await expectProblem(res, 401);
    expect((await listInstances('users')).items).toEqual([]);
  });
});

describe('the registry contract', () => {
  it('is valid OpenAPI 3.1 with registry.<verb> operations and documented fields', async () => {
    const document = openApiDocumentOf(center.app) as unknown as {
      paths: Record<string, Record<string, { operationId: string; responses: object }>>;
      components: { schemas: Record<string, { properties?: Record<string, object> }> };
    };
    const validator = new Validator();
    const result = await validator.validate(
      document as unknown as Parameters<Validator['validate']>[0],
    );
    expect(result.errors ?? []).toEqual([]);
    const operations = Object.values(document.paths)
      .flatMap((methods) => Object.values(methods))
      .map((operation) => operation.operationId)
      .filter((id) => id?.startsWith('registry.'))
      .sort();
    expect(operations).toEqual([
      'registry.deregister',
      'registry.heartbeat',
      'registry.listInstances',
      'registry.listServices',
      'registry.prometheusSd',
      'registry.register',
      'registry.watch',
    ]);
    const undocumented: string[] = [];
    for (const [name, schema] of Object.entries(document.components.schemas)) {
      for (const [field, property] of Object.entries(schema.properties ?? {})) {
        const p = property as {
          description?: string;
          example?: unknown;
          $ref?: string;
          type?: string;
        };
        if (
          (!p.description && !p.$ref) ||
          (p.example === undefined && !p.$ref && p.type !== 'array')
        ) {
          undocumented.push(`${name}.${field}`);
        }
      }
    }
    expect(undocumented).toEqual([]);
  });
});
