import { Hono } from 'hono';
import { afterEach, describe, expect, it } from 'vitest';
import { createRegistration, type Registration } from '../src/registry/registration.ts';
import { captureLogger, listen, type TestServer } from '../src/testing.ts';

interface Call {
  method: string;
  path: string;
  authorization: string | undefined;
  body?: unknown;
}

/** A registry stand-in that records calls; `forget()` makes the next heartbeat a 404. */
async function fakeRegistry() {
  const calls: Call[] = [];
  const known = new Set<string>();
  const app = new Hono();
  app.post('/v1/registry/instances', async (c) => {
    const body = (await c.req.json()) as { instanceId: string };
    calls.push({
      method: 'POST',
      path: c.req.path,
      authorization: c.req.header('authorization'),
      body,
    });
    const created = !known.has(body.instanceId);
    known.add(body.instanceId);
    return c.json(body, created ? 201 : 200);
  });
  app.put('/v1/registry/instances/:id/heartbeat', (c) => {
    calls.push({ method: 'PUT', path: c.req.path, authorization: c.req.header('authorization') });
    return c.body(null, known.has(c.req.param('id')) ? 204 : 404);
  });
  app.delete('/v1/registry/instances/:id', (c) => {
    calls.push({
      method: 'DELETE',
      path: c.req.path,
      authorization: c.req.header('authorization'),
    });
    return c.body(null, known.delete(c.req.param('id')) ? 204 : 404);
  });
  const server = await listen(app.fetch);
  return { url: server.url, server, calls, forget: () => known.clear() };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const refused = () =>
  Promise.reject(new TypeError('fetch failed', { cause: { code: 'ECONNREFUSED' } }));

let registry: Awaited<ReturnType<typeof fakeRegistry>>;
const started: Registration[] = [];
const servers: TestServer[] = [];

afterEach(async () => {
  for (const registration of started.splice(0)) {
    await registration.stop();
  }
  for (const server of servers.splice(0)) {
    await server.close();
  }
});

async function setup(overrides: Partial<Parameters<typeof createRegistration>[0]> = {}) {
  registry = await fakeRegistry();
  servers.push(registry.server);
  const { logger, lines } = captureLogger('users');
  const registration = createRegistration({
    registryUrl: `${registry.url}/`,
    service: 'users',
    instanceId: 'users-1',
    address: 'http://127.0.0.1:4101',
    version: '1.2.3',
    labels: { zone: 'a' },
    weight: 50,
    ttlSeconds: 0.6,
    token: 'service-token',
    logger,
    retryDelayMs: { initial: 20, max: 50 },
    ...overrides,
  });
  started.push(registration);
  return { registration, lines };
}

describe('createRegistration', () => {
  it('registers, heartbeats every ttl/3 and deregisters on stop', async () => {
    const { registration } = await setup();
    registration.start();
    await registration.registered();
    expect(registration.state).toBe('registered');
    expect(registry.calls[0]).toEqual({
      method: 'POST',
      path: '/v1/registry/instances',
      authorization: 'Bearer service-token',
      body: {
        service: 'users',
        instanceId: 'users-1',
        address: 'http://127.0.0.1:4101',
        version: '1.2.3',
        labels: { zone: 'a' },
        weight: 50,
        ttlSeconds: 0.6,
      },
    });
    await sleep(700);
    const beats = registry.calls.filter((call) => call.method === 'PUT');
    expect(beats.length).toBeGreaterThanOrEqual(2);
    expect(beats.length).toBeLessThanOrEqual(4);
    expect(beats[0]?.path).toBe('/v1/registry/instances/users-1/heartbeat');

    await registration.stop();
    expect(registration.state).toBe('stopped');
    expect(registry.calls.at(-1)).toMatchObject({
      method: 'DELETE',
      path: '/v1/registry/instances/users-1',
    });
    const count = registry.calls.length;
    await sleep(400);
    expect(registry.calls.length).toBe(count);
  });

  it('never blocks start, retries while the registry is down and registers once it is back', async () => {
    let down = true;
    const { registration, lines } = await setup({
      fetch: (request) => (down ? refused() : fetch(request)),
    });
    registration.start();
    expect(registration.state).toBe('registering');
    await sleep(200);
    expect(registration.state).toBe('registering');
    down = false;
    await registration.registered();
    expect(registry.calls.map((call) => call.method)).toEqual(['POST']);
    const warnings = lines.filter((line) => line.level === 'warn');
    expect(warnings.map((line) => line.msg)).toEqual([
      'registration failed; retrying in the background',
    ]);
    expect(
      lines.find((line) => line.msg === 'registered in the registry')?.afterFailures,
    ).toBeGreaterThan(1);
  });

  it('registers again when a heartbeat answers 404', async () => {
    const { registration } = await setup();
    registration.start();
    await registration.registered();
    registry.forget();
    await sleep(400);
    const methods = registry.calls.map((call) => call.method);
    expect(methods.slice(0, 3)).toEqual(['POST', 'PUT', 'POST']);
    expect(registration.state).toBe('registered');
  });

  it('asks for a fresh token on every call', async () => {
    let issued = 0;
    const { registration } = await setup({ token: async () => `token-${++issued}` });
    registration.start();
    await registration.registered();
    await sleep(250);
    await registration.stop();
    const tokens = registry.calls.map((call) => call.authorization);
    expect(new Set(tokens).size).toBe(tokens.length);
    expect(tokens[0]).toBe('Bearer token-1');
  });

  it('stops within its request timeout when the registry hangs', async () => {
    let hang = false;
    const { registration, lines } = await setup({
      requestTimeoutMs: 150,
      fetch: (request) =>
        hang
          ? new Promise<Response>((_resolve, reject) =>
              request.signal.addEventListener('abort', () => reject(request.signal.reason)),
            )
          : fetch(request),
    });
    registration.start();
    await registration.registered();
    hang = true;
    const before = performance.now();
    await registration.stop();
    expect(performance.now() - before).toBeLessThan(500);
    expect(
      lines.some((line) => line.msg === 'deregistration failed; the instance expires with its TTL'),
    ).toBe(true);
  });

  it('does not deregister what it never registered', async () => {
    const { registration } = await setup({ fetch: refused });
    registration.start();
    await sleep(50);
    await registration.stop();
    expect(registry.calls).toEqual([]);
  });

  it('rejects a wait for registration once stopped, rather than leaving it pending', async () => {
    const { registration } = await setup({ fetch: refused });
    registration.start();
    const waiting = registration.registered();
    await registration.stop();
    await expect(waiting).rejects.toThrow('stopped before the registry accepted it');
    await expect(registration.registered()).rejects.toThrow('is stopped');
  });
});
