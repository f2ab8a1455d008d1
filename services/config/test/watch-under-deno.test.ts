import { freePort } from '@trellis/db/embedded';
import { createTestDatabase, type TestDatabase } from '@trellis/db/testing';
import { createConfigClient } from '@trellis/kit';
import { captureLogger, type TestServer } from '@trellis/kit/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type ServiceProcess, startServiceProcess } from '../../../test/service-process.ts';
import { serveTestJwks, trustEnvOf } from '../src/testing.ts';
import { ordersConfig, people, serviceToken, testIdentity, userToken } from './harness.ts';

// The smoke test every service passes under Deno is test/deno.test.ts; this one is about the
// center's own long-lived streams on Deno.serve.

let database: TestDatabase;
let jwks: TestServer;
let center: ServiceProcess;
let baseUrl: string;

beforeAll(async () => {
  database = await createTestDatabase(inject('adminDatabaseUrl'));
  jwks = await serveTestJwks(await testIdentity);
  center = await startServiceProcess(
    'config',
    await freePort(),
    {
      DATABASE_URL: database.url,
      ...(await trustEnvOf(await testIdentity, jwks.url, ['orders'])),
      CONFIG_ENCRYPTION_KEY: btoa('0123456789abcdef0123456789abcdef'),
      LOG_LEVEL: 'info',
      NO_COLOR: '1',
    },
    { runtime: 'deno', readyTimeoutMs: 60_000 },
  );
  baseUrl = center.url;
}, 90_000);

afterAll(async () => {
  await center?.stop(0);
  await jwks?.close();
  await database?.drop();
});

describe('the config center under Deno', () => {
  it('validates, publishes and pushes a change to a kit client over SSE', async () => {
    const client = createConfigClient({
      centerUrl: baseUrl,
      namespace: 'dev',
      service: 'orders',
      instanceId: 'orders-deno',
      definition: ordersConfig,
      token: () => serviceToken('orders'),
      logger: captureLogger('orders').logger,
    });
    await client.start();
    try {
      expect(client.source).toBe('center');
      const headers = {
        authorization: `Bearer ${await userToken(people.ada)}`,
        'content-type': 'application/json',
      };
      const refused = await fetch(`${baseUrl}/v1/config/dev/orders/draft`, {
        method: 'PUT',
        headers,
        body: JSON.stringify({ values: { maxItems: 1000 } }),
      });
      expect(refused.status).toBe(422);
      const changed = new Promise<number>((resolve) => {
        client.onChange((next) => resolve(next.maxItems));
      });
      const saved = await fetch(`${baseUrl}/v1/config/dev/orders/draft`, {
        method: 'PUT',
        headers,
        body: JSON.stringify({ values: { maxItems: 7, stripeKey: 'sk_deno_12345678' } }),
      });
      expect(saved.status).toBe(200);
      const published = await fetch(`${baseUrl}/v1/config/dev/orders/releases`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ comment: 'from deno' }),
      });
      expect(published.status).toBe(201);
      expect(await changed).toBe(7);
      expect(client.get().stripeKey).toBe('sk_deno_12345678');
    } finally {
      await client.stop();
    }
  });

  it('exits cleanly on SIGTERM while a watch stream is open', async () => {
    const watch = await fetch(`${baseUrl}/v1/config/dev/orders/watch?instanceId=x`, {
      headers: {
        authorization: `Bearer ${await serviceToken('orders')}`,
      },
    });
    expect(watch.status).toBe(200);
    const body = watch.text();
    await center.stop(10_000);
    expect(await center.exited).toEqual({ code: 0, signal: null });
    expect(await body).toContain('event: config');
  });
});
