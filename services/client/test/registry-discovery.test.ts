import { ApiError } from '@trellis/kit';
import { listen } from '@trellis/kit/testing';
import { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import { afterEach, describe, expect, it } from 'vitest';
import { type RegistryDiscovery, registryDiscovery } from '../src/registry-discovery.ts';

interface Listed {
  instanceId: string;
  address: string;
  weight?: number;
  healthy?: boolean;
}

/** A registry stand-in: `set()` changes the list and pushes it; `drop()` ends every watch. */
async function fakeRegistry() {
  let items: Listed[] = [];
  const watchers = new Set<{ push(): void; end(): void }>();
  const seen = { gets: 0, watches: 0, authorization: [] as (string | undefined)[] };
  const list = () => ({
    service: 'users',
    protectionActive: false,
    items: items.map((item) => ({
      version: '1.0.0',
      labels: {},
      weight: 100,
      healthy: true,
      ...item,
    })),
  });
  const app = new Hono();
  app.get('/v1/registry/services/users/instances', (c) => {
    seen.gets++;
    seen.authorization.push(c.req.header('authorization'));
    return c.json(list());
  });
  app.get('/v1/registry/services/users/watch', (c) => {
    seen.watches++;
    seen.authorization.push(c.req.header('authorization'));
    return streamSSE(c, async (stream) => {
      const watcher = {
        push: () => void stream.writeSSE({ event: 'instances', data: JSON.stringify(list()) }),
        end: () => {},
      };
      await new Promise<void>((resolve) => {
        watcher.end = resolve;
        watchers.add(watcher);
        stream.onAbort(resolve);
        watcher.push();
      });
      watchers.delete(watcher);
    });
  });
  const server = await listen(app.fetch);
  return {
    url: server.url,
    server,
    seen,
    set(next: Listed[]) {
      items = next;
      for (const watcher of watchers) {
        watcher.push();
      }
    },
    drop() {
      for (const watcher of watchers) {
        watcher.end();
      }
      watchers.clear();
    },
  };
}

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) {
    await cleanup();
  }
});

async function setup(items: Listed[]) {
  const registry = await fakeRegistry();
  registry.set(items);
  cleanups.push(() => registry.server.close());
  return registry;
}

function discover(options: Parameters<typeof registryDiscovery>[0]): RegistryDiscovery {
  const discovery = registryDiscovery({ reconnectDelayMs: { initial: 20, max: 50 }, ...options });
  cleanups.push(() => discovery.close());
  return discovery;
}

async function until(condition: () => boolean, timeoutMs = 2000) {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) {
      throw new Error('condition not met');
    }
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

async function resolveMany(discovery: RegistryDiscovery, count: number) {
  const counts: Record<string, number> = {};
  for (let i = 0; i < count; i++) {
    const url = await discovery.resolve('users');
    counts[url] = (counts[url] ?? 0) + 1;
  }
  return counts;
}

describe('registryDiscovery', () => {
  it('resolves to the static URLs without a registry', async () => {
    const discovery = discover({ fallback: { users: 'http://users.internal:8080' } });
    expect(await discovery.resolve('users')).toBe('http://users.internal:8080');
    expect(await discovery.resolve('orders')).toBe('http://127.0.0.1:4102');
  });

  it('balances by weight over the listed instances, sending the token', async () => {
    const registry = await setup([
      { instanceId: 'a', address: 'http://10.0.0.1:4101', weight: 1 },
      { instanceId: 'b', address: 'http://10.0.0.2:4101', weight: 3 },
    ]);
    const discovery = discover({ registryUrl: registry.url, token: async () => 'svc-token' });
    expect(await resolveMany(discovery, 400)).toEqual({
      'http://10.0.0.1:4101': 100,
      'http://10.0.0.2:4101': 300,
    });
    await until(() => registry.seen.watches === 1);
    expect(registry.seen.gets).toBe(1);
    expect(new Set(registry.seen.authorization)).toEqual(new Set(['Bearer svc-token']));
  });

  it('follows the list as the registry pushes changes', async () => {
    const registry = await setup([{ instanceId: 'a', address: 'http://10.0.0.1:4101' }]);
    const discovery = discover({ registryUrl: registry.url });
    expect(await discovery.resolve('users')).toBe('http://10.0.0.1:4101');
    await until(() => registry.seen.watches === 1);

    registry.set([{ instanceId: 'b', address: 'http://10.0.0.2:4101' }]);
    await until(() => discovery.instances('users')[0]?.instanceId === 'b');
    expect(await discovery.resolve('users')).toBe('http://10.0.0.2:4101');
  });

  it('reconnects a dropped watch and catches up with what changed meanwhile', async () => {
    const registry = await setup([{ instanceId: 'a', address: 'http://10.0.0.1:4101' }]);
    const discovery = discover({ registryUrl: registry.url });
    await discovery.resolve('users');
    await until(() => registry.seen.watches === 1);
    registry.drop();
    registry.set([{ instanceId: 'c', address: 'http://10.0.0.3:4101' }]);
    await until(() => registry.seen.watches === 2);
    await until(() => discovery.instances('users')[0]?.instanceId === 'c');
  });

  it('reconnects a watch that falls silent', async () => {
    const registry = await setup([{ instanceId: 'a', address: 'http://10.0.0.1:4101' }]);
    const discovery = discover({ registryUrl: registry.url, idleTimeoutMs: 100 });
    await discovery.resolve('users');
    await until(() => registry.seen.watches >= 2, 1000);
  });

  it('skips an instance that failed, for a growing while, and takes it back on success', async () => {
    let clock = 0;
    const registry = await setup([
      { instanceId: 'a', address: 'http://10.0.0.1:4101' },
      { instanceId: 'b', address: 'http://10.0.0.2:4101' },
    ]);
    const discovery = discover({ registryUrl: registry.url, now: () => clock });
    await discovery.resolve('users');
    discovery.reportFailure?.('users', 'http://10.0.0.1:4101');
    expect(await resolveMany(discovery, 4)).toEqual({ 'http://10.0.0.2:4101': 4 });
    clock += 1000;
    expect(Object.keys(await resolveMany(discovery, 4))).toHaveLength(2);

    discovery.reportFailure?.('users', 'http://10.0.0.1:4101');
    clock += 1000;
    expect(await resolveMany(discovery, 4)).toEqual({ 'http://10.0.0.2:4101': 4 });
    discovery.reportSuccess?.('users', 'http://10.0.0.1:4101');
    expect(Object.keys(await resolveMany(discovery, 4))).toHaveLength(2);

    discovery.reportFailure?.('users', 'http://10.0.0.1:4101');
    discovery.reportFailure?.('users', 'http://10.0.0.2:4101');
    expect(Object.keys(await resolveMany(discovery, 4))).toHaveLength(2);
  });

  it('prefers healthy instances over the protected, expired ones, but uses those when alone', async () => {
    const registry = await setup([
      { instanceId: 'a', address: 'http://10.0.0.1:4101', healthy: false },
      { instanceId: 'b', address: 'http://10.0.0.2:4101' },
    ]);
    const discovery = discover({ registryUrl: registry.url });
    expect(await resolveMany(discovery, 4)).toEqual({ 'http://10.0.0.2:4101': 4 });
    discovery.reportFailure?.('users', 'http://10.0.0.2:4101');
    expect(await resolveMany(discovery, 2)).toEqual({ 'http://10.0.0.1:4101': 2 });
  });

  it('falls back to the static URL while the service has no instances, else answers 503', async () => {
    const registry = await setup([]);
    const withFallback = discover({
      registryUrl: registry.url,
      fallback: { users: 'http://users.internal:8080' },
    });
    expect(await withFallback.resolve('users')).toBe('http://users.internal:8080');

    const without = discover({ registryUrl: registry.url });
    const error = await without.resolve('users').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(503);
  });

  it('falls back when the registry cannot be reached, and recovers when it can', async () => {
    const registry = await setup([{ instanceId: 'a', address: 'http://10.0.0.1:4101' }]);
    let down = true;
    const discovery = discover({
      registryUrl: registry.url,
      fallback: { users: 'http://users.internal:8080' },
      fetch: (request) =>
        down
          ? Promise.reject(new TypeError('fetch failed', { cause: { code: 'ECONNREFUSED' } }))
          : fetch(request),
    });
    expect(await discovery.resolve('users')).toBe('http://users.internal:8080');
    down = false;
    await until(() => discovery.instances('users').length === 1);
    expect(await discovery.resolve('users')).toBe('http://10.0.0.1:4101');
  });
});
