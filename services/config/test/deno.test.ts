import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { freePort } from '@trellis/db/embedded';
import { createTestDatabase, type TestDatabase } from '@trellis/db/testing';
import { createConfigClient, issueServiceToken } from '@trellis/kit';
import { captureLogger } from '@trellis/kit/testing';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ordersConfig, people } from './harness.ts';

const repoRootUrl = new URL('../../../', import.meta.url);
const repoRoot = fileURLToPath(repoRootUrl);
const denoBin = fileURLToPath(new URL('node_modules/.bin/deno', repoRootUrl));
const entry = fileURLToPath(new URL('../src/main.deno.ts', import.meta.url));

const serviceSecret = 'deno-service-secret-deno-service-secret';
const userSecret = 'deno-test-secret-deno-test-secret-0123';
const encoder = new TextEncoder();

let database: TestDatabase;
let child: ChildProcess;
let baseUrl: string;
let output = '';
let exited: Promise<[number | null, NodeJS.Signals | null]>;

async function waitUntilHealthy(deadline: number): Promise<void> {
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`deno exited with ${child.exitCode} before serving:\n${output}`);
    }
    try {
      const res = await fetch(`${baseUrl}/readyz`);
      if (res.ok) {
        return;
      }
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`deno did not answer /readyz in time:\n${output}`);
}

beforeAll(async () => {
  database = await createTestDatabase(inject('adminDatabaseUrl'));
  const port = await freePort();
  baseUrl = `http://127.0.0.1:${port}`;
  child = spawn(
    denoBin,
    [
      'run',
      '--node-modules-dir=manual',
      '--no-remote',
      '--allow-net',
      '--allow-env',
      '--allow-read',
      '--allow-sys',
      entry,
    ],
    {
      cwd: repoRoot,
      env: {
        ...process.env,
        PORT: String(port),
        HOST: '127.0.0.1',
        DATABASE_URL: database.url,
        SERVICE_TOKEN_SECRET: serviceSecret,
        JWT_SECRET: userSecret,
        CONFIG_ENCRYPTION_KEY: btoa('0123456789abcdef0123456789abcdef'),
        LOG_LEVEL: 'info',
        NO_COLOR: '1',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  await waitUntilHealthy(Date.now() + 60_000);
}, 90_000);

afterAll(async () => {
  if (child && child.exitCode === null && child.signalCode === null) {
    child.kill('SIGKILL');
    await exited;
  }
  await database?.drop();
});

async function adminToken() {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ email: people.ada.email, roles: ['operator'] })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(people.ada.id)
    .setIssuer('trellis-users')
    .setIssuedAt(now)
    .setExpirationTime(now + 900)
    .sign(encoder.encode(userSecret));
}

describe('the config center under Deno', () => {
  it('validates, publishes and pushes a change to a kit client over SSE', async () => {
    const client = createConfigClient({
      centerUrl: baseUrl,
      namespace: 'dev',
      service: 'orders',
      instanceId: 'orders-deno',
      definition: ordersConfig,
      token: await issueServiceToken(encoder.encode(serviceSecret), 'orders'),
      logger: captureLogger('orders').logger,
    });
    await client.start();
    try {
      expect(client.source).toBe('center');
      const headers = {
        authorization: `Bearer ${await adminToken()}`,
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
        authorization: `Bearer ${await issueServiceToken(encoder.encode(serviceSecret), 'orders')}`,
      },
    });
    expect(watch.status).toBe(200);
    const body = watch.text();
    child.kill('SIGTERM');
    const [code, signal] = await Promise.race([
      exited,
      new Promise<never>((_, reject) =>
        setTimeout(() => reject(new Error(`deno did not exit on SIGTERM:\n${output}`)), 10_000),
      ),
    ]);
    expect({ code, signal }).toEqual({ code: 0, signal: null });
    expect(await body).toContain('event: config');
  });
});
