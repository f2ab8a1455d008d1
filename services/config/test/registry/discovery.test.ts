import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createClient, type RegistryDiscovery, registryDiscovery } from '@trellis/client';
import { createTestDatabase, type TestDatabase } from '@trellis/db/testing';
import { createRegistration } from '@trellis/kit';
import { captureLogger, listen, type TestServer } from '@trellis/kit/testing';
import { createTestUsers, serveTestUsers, type TestUsersOptions } from '@trellis/users/testing';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { type RegistryCenter, serviceToken, startRegistryCenter, testIdentity } from './harness.ts';

const ttlSeconds = 2;
const sweepIntervalMs = 200;

let database: TestDatabase;
let center: RegistryCenter;
let registry: TestServer;
let userId: string;
const cleanups: (() => Promise<void> | void)[] = [];

beforeAll(async () => {
  database = await createTestDatabase(inject('adminDatabaseUrl'));
  center = await startRegistryCenter({ database, policy: { sweepIntervalMs } });
  registry = await listen(center.app.fetch);
  // Made now, so the users processes spawned later are given orders' public key.
  await (await testIdentity).serviceKey('orders');
  const users = createTestUsers(await usersOptions());
  const res = await users.request('/v1/users', {
    method: 'POST',
    json: { email: 'ada@example.com', name: 'Ada Lovelace' },
  });
  userId = ((await res.json()) as { id: string }).id;
});

/** A users app on the test database that trusts the file's service keys (orders calls it). */
async function usersOptions(): Promise<TestUsersOptions> {
  return { database, clock: { now: new Date() }, identity: (await testIdentity).settings };
}

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) {
    await cleanup();
  }
  await database.sql`delete from registry_instances`;
});

afterAll(async () => {
  await center.stop();
  await registry.close();
  await database.drop();
});

/** A users instance in this process, registered with a short TTL. */
async function startUsers(instanceId: string) {
  const server = await serveTestUsers(await usersOptions());
  const registration = createRegistration({
    registryUrl: registry.url,
    service: 'users',
    instanceId,
    address: server.url,
    version: 'test',
    ttlSeconds,
    token: () => serviceToken('users'),
    logger: captureLogger('users').logger,
  });
  registration.start();
  await registration.registered();
  let closed = false;
  const close = async () => {
    if (!closed) {
      closed = true;
      await server.close();
    }
  };
  cleanups.push(async () => {
    await registration.stop();
    await close();
  });
  return { url: server.url, registration, close };
}

const fixture = fileURLToPath(new URL('./fixtures/registered-users.ts', import.meta.url));

/** A users instance in a child process, so it can be killed for real. */
async function spawnUsers(instanceId: string): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ['--import', 'tsx', fixture], {
    env: {
      ...process.env,
      DATABASE_URL: database.url,
      REGISTRY_URL: registry.url,
      REGISTRY_TOKEN: await serviceToken('users'),
      SERVICE_PUBLIC_KEYS: JSON.stringify((await testIdentity).settings.serviceKeys),
      INSTANCE_ID: instanceId,
      TTL_SECONDS: String(ttlSeconds),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  cleanups.push(async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL');
      await exited;
    }
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const url = await new Promise<string>((resolve, reject) => {
    let stdout = '';
    const timer = setTimeout(() => reject(new Error(`no start in 20 s: ${stderr}`)), 20_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const line = stdout.split('\n').find((l) => l.startsWith('{'));
      if (line) {
        clearTimeout(timer);
        resolve((JSON.parse(line) as { url: string }).url);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`exited with ${code}: ${stderr}`));
    });
  });
  return { url, child };
}

function discover(): RegistryDiscovery {
  const discovery = registryDiscovery({
    registryUrl: registry.url,
    token: () => serviceToken('orders'),
  });
  cleanups.push(() => discovery.close());
  return discovery;
}

/** A users client through discovery that counts the answers each instance gave. */
function usersClient(discovery: RegistryDiscovery) {
  const answered = new Map<string, number>();
  const client = createClient('users', {
    discovery,
    // Orders' own token for users: discovery finds users, users checks who calls.
    token: async () => (await testIdentity).serviceToken('orders', 'users'),
    fetch: async (request) => {
      const response = await fetch(request);
      const origin = new URL(request.url).origin;
      answered.set(origin, (answered.get(origin) ?? 0) + 1);
      return response;
    },
  });
  const get = async () => {
    const { response } = await client.GET('/v1/users/{id}', {
      params: { path: { id: userId } },
    });
    return response.status;
  };
  return { get, answered };
}

async function until(condition: () => boolean, timeoutMs: number): Promise<number> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) {
      throw new Error(`condition not met within ${timeoutMs} ms`);
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return Date.now() - started;
}

function addresses(discovery: RegistryDiscovery): string[] {
  return discovery
    .instances('users')
    .map((instance) => instance.address)
    .sort();
}

describe('discovery through the registry', () => {
  it('spreads calls over two users instances and keeps succeeding when one stops gracefully', async () => {
    const a = await startUsers('users-a');
    const b = await startUsers('users-b');
    const discovery = discover();
    const { get, answered } = usersClient(discovery);

    const statuses: number[] = [];
    for (let i = 0; i < 40; i++) {
      statuses.push(await get());
    }
    expect(answered.get(a.url)).toBe(20);
    expect(answered.get(b.url)).toBe(20);

    await a.registration.stop();
    await a.close();
    const leftAfter = await until(() => addresses(discovery).join() === b.url, 1000);
    expect(leftAfter).toBeLessThan(300);
    for (let i = 0; i < 40; i++) {
      statuses.push(await get());
    }
    expect(statuses.every((status) => status === 200)).toBe(true);
    expect(answered.get(a.url)).toBe(20);
    expect(answered.get(b.url)).toBe(60);
  });

  it('keeps succeeding, skipping the dead one, when an instance vanishes without deregistering', async () => {
    const a = await startUsers('users-a');
    const b = await startUsers('users-b');
    const discovery = discover();
    const { get, answered } = usersClient(discovery);
    let failed = 0;
    const original = discovery.reportFailure?.bind(discovery);
    discovery.reportFailure = (service, baseUrl) => {
      failed++;
      original?.(service, baseUrl);
    };

    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) {
      statuses.push(await get());
    }
    // Still registered and heartbeating, but no longer answering: a hung or cut-off instance.
    await a.close();
    for (let i = 0; i < 60; i++) {
      statuses.push(await get());
    }
    expect(statuses.every((status) => status === 200)).toBe(true);
    expect(addresses(discovery)).toEqual([a.url, b.url].sort());
    expect(answered.get(b.url)).toBeGreaterThanOrEqual(60);
    // Skipped for a growing while after each failure, not tried on every other call.
    expect(failed).toBeGreaterThan(0);
    expect(failed).toBeLessThan(5);
  });

  it('drops an instance killed with SIGKILL within its TTL while calls keep succeeding', {
    timeout: 60_000,
  }, async () => {
    const killed = await spawnUsers('users-doomed');
    const survivor = await spawnUsers('users-survivor');
    const discovery = discover();
    const { get } = usersClient(discovery);
    expect(await get()).toBe(200);
    expect(addresses(discovery)).toEqual([killed.url, survivor.url].sort());

    let calling = true;
    const statuses: number[] = [];
    const calls = (async () => {
      while (calling) {
        statuses.push(await get());
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    })();
    killed.child.kill('SIGKILL');
    const leftAfter = await until(() => addresses(discovery).join() === survivor.url, 10_000);
    calling = false;
    await calls;
    // The last heartbeat came at most ttl/3 before the kill; the sweep notices within its period.
    expect(leftAfter).toBeLessThan(ttlSeconds * 1000 + sweepIntervalMs + 300);
    expect(leftAfter).toBeGreaterThan((ttlSeconds * 1000 * 2) / 3 - 100);
    expect(statuses.length).toBeGreaterThan(20);
    expect(statuses.every((status) => status === 200)).toBe(true);
  });

  it('drops an instance stopped with SIGTERM at once, as it deregisters before draining', {
    timeout: 60_000,
  }, async () => {
    const stopped = await spawnUsers('users-stopped');
    const survivor = await spawnUsers('users-survivor');
    const discovery = discover();
    const { get } = usersClient(discovery);
    expect(await get()).toBe(200);
    expect(addresses(discovery)).toHaveLength(2);

    stopped.child.kill('SIGTERM');
    const leftAfter = await until(() => addresses(discovery).join() === survivor.url, 5000);
    expect(leftAfter).toBeLessThan(500);
    for (let i = 0; i < 10; i++) {
      expect(await get()).toBe(200);
    }
    await until(() => stopped.child.exitCode !== null, 5000);
    expect(stopped.child.exitCode).toBe(0);
  });

  it('falls back to the static URL when the service has no instances', async () => {
    const server = await serveTestUsers(await usersOptions());
    cleanups.push(() => server.close());
    const discovery = registryDiscovery({
      registryUrl: registry.url,
      token: () => serviceToken('orders'),
      fallback: { users: server.url },
    });
    cleanups.push(() => discovery.close());
    expect(await discovery.resolve('users')).toBe(server.url);
    const { get } = usersClient(discovery);
    expect(await get()).toBe(200);

    const registered = await startUsers('users-late');
    await until(() => addresses(discovery).length === 1, 2000);
    expect(await discovery.resolve('users')).toBe(registered.url);
  });
});
