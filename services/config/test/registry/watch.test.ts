import { createDb, type DbHandle } from '@trellis/db';
import { createTestDatabase, type TestDatabase } from '@trellis/db/testing';
import { listen, type TestServer } from '@trellis/kit/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import {
  bearer,
  idsOf,
  openWatch,
  type RegistryCenter,
  registerInstance,
  serviceToken,
  startRegistryCenter,
} from './harness.ts';

let database: TestDatabase;
let second: DbHandle;
let centerA: RegistryCenter;
let centerB: RegistryCenter;
let serverA: TestServer;
let serverB: TestServer;

beforeAll(async () => {
  database = await createTestDatabase(inject('adminDatabaseUrl'));
  // The second center has its own pool and its own LISTEN connection, like another process.
  second = createDb(database.url, { max: 5, applicationName: 'trellis-test-center-b' });
  const policy = { sweepIntervalMs: 100, watchPingMs: 200 };
  centerA = await startRegistryCenter({ database, policy });
  centerB = await startRegistryCenter({ database: second, policy });
  serverA = await listen(centerA.app.fetch);
  serverB = await listen(centerB.app.fetch);
});

afterAll(async () => {
  await centerA.stop();
  await centerB.stop();
  await serverA.close();
  await serverB.close();
  await second.close();
  await database.drop();
});

beforeEach(async () => {
  await database.sql`delete from registry_instances`;
});

async function deregister(center: RegistryCenter, instanceId: string, service = 'users') {
  const res = await center.request(`/v1/registry/instances/${instanceId}`, {
    method: 'DELETE',
    headers: bearer(await serviceToken(service)),
  });
  expect(res.status).toBe(204);
}

describe('the registry watch', () => {
  it('sends the current list at once, then every change, but not heartbeats', async () => {
    await registerInstance(centerA, {
      service: 'users',
      instanceId: 'users-a',
      address: 'http://127.0.0.1:4201',
    });
    const watch = await openWatch(serverA.url, 'users', await serviceToken('orders'));
    try {
      expect(idsOf(await watch.until(() => true))).toEqual(['users-a']);

      await registerInstance(centerA, {
        service: 'users',
        instanceId: 'users-b',
        address: 'http://127.0.0.1:4202',
      });
      await watch.until((list) => idsOf(list).length === 2);

      const beat = await centerA.request('/v1/registry/instances/users-a/heartbeat', {
        method: 'PUT',
        headers: bearer(await serviceToken('users')),
      });
      expect(beat.status).toBe(204);
      await registerInstance(centerA, {
        service: 'users',
        instanceId: 'users-b',
        address: 'http://127.0.0.1:4202',
        weight: 300,
      });
      const reweighted = await watch.until((list) => list.items[1]?.weight === 300);
      expect(idsOf(reweighted)).toEqual(['users-a', 'users-b']);

      await deregister(centerA, 'users-a');
      await watch.until((list) => idsOf(list).join() === 'users-b');
      expect(watch.lists.map(idsOf)).toEqual([
        ['users-a'],
        ['users-a', 'users-b'],
        ['users-a', 'users-b'],
        ['users-b'],
      ]);
    } finally {
      watch.close();
    }
  });

  it('ignores changes to other services', async () => {
    const watch = await openWatch(serverA.url, 'users', await serviceToken('orders'));
    try {
      await watch.until((list) => list.items.length === 0);
      await registerInstance(centerA, {
        service: 'orders',
        instanceId: 'orders-a',
        address: 'http://127.0.0.1:4102',
      });
      await registerInstance(centerA, {
        service: 'users',
        instanceId: 'users-a',
        address: 'http://127.0.0.1:4201',
      });
      await watch.until((list) => list.items.length === 1);
      expect(watch.lists.map(idsOf)).toEqual([[], ['users-a']]);
    } finally {
      watch.close();
    }
  });

  it('delivers a change made on either of two centers to watchers of both', async () => {
    const onA = await openWatch(serverA.url, 'users', await serviceToken('orders'));
    const onB = await openWatch(serverB.url, 'users', await serviceToken('orders'));
    try {
      await onA.until((list) => list.items.length === 0);
      await onB.until((list) => list.items.length === 0);

      await registerInstance(centerA, {
        service: 'users',
        instanceId: 'users-a',
        address: 'http://127.0.0.1:4201',
      });
      await onB.until((list) => idsOf(list).join() === 'users-a', 2000);

      await registerInstance(centerB, {
        service: 'users',
        instanceId: 'users-b',
        address: 'http://127.0.0.1:4202',
      });
      await onA.until((list) => idsOf(list).join() === 'users-a,users-b', 2000);

      await deregister(centerB, 'users-a');
      await onA.until((list) => idsOf(list).join() === 'users-b', 2000);
      await onB.until((list) => idsOf(list).join() === 'users-b', 2000);
    } finally {
      onA.close();
      onB.close();
    }
  });

  it('pushes an expiry when an instance stops heartbeating', async () => {
    await registerInstance(centerA, {
      service: 'users',
      instanceId: 'users-short',
      address: 'http://127.0.0.1:4201',
      ttlSeconds: 1,
    });
    await registerInstance(centerA, {
      service: 'users',
      instanceId: 'users-long',
      address: 'http://127.0.0.1:4202',
      ttlSeconds: 60,
    });
    const onB = await openWatch(serverB.url, 'users', await serviceToken('orders'));
    try {
      await onB.until((list) => list.items.length === 2);
      const started = Date.now();
      await onB.until((list) => idsOf(list).join() === 'users-long', 3000);
      expect(Date.now() - started).toBeLessThan(1000 + 100 + 500);
    } finally {
      onB.close();
    }
  });

  it('sends a ping comment on a quiet stream', async () => {
    const watch = await openWatch(serverA.url, 'users', await serviceToken('orders'));
    try {
      await watch.until(() => true);
      await new Promise((resolve) => setTimeout(resolve, 450));
      expect(watch.text()).toContain(': ping\n\n');
    } finally {
      watch.close();
    }
  });

  it('refuses a watch without a token', async () => {
    const res = await fetch(`${serverA.url}/v1/registry/services/users/watch`);
    expect(res.status).toBe(401);
  });

  it('ends open streams when the notifier stops, so shutdown need not wait for them', async () => {
    const center = await startRegistryCenter({ database });
    const server = await listen(center.app.fetch);
    try {
      const watch = await openWatch(server.url, 'users', await serviceToken('orders'));
      await watch.until(() => true);
      await center.stop();
      await watch.ended;
    } finally {
      await server.close();
    }
  });
});
