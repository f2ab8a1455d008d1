import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { freePort } from '@trellis/db/embedded';
import { createTestDatabase, type TestDatabase } from '@trellis/db/testing';
import { ProblemSchema } from '@trellis/kit';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { UserSchema } from '../src/routes/users/schema.ts';

const repoRootUrl = new URL('../../../', import.meta.url);
const repoRoot = fileURLToPath(repoRootUrl);
const denoBin = fileURLToPath(new URL('node_modules/.bin/deno', repoRootUrl));
const entry = fileURLToPath(new URL('../src/main.deno.ts', import.meta.url));

/**
 * Deno finds the root package.json and resolves bare specifiers, workspace packages and their
 * `.ts` exports from node_modules; `manual` makes sure it never installs or downloads anything.
 * The permissions are what the service needs: sockets, its environment, reading node_modules
 * and the system figures prom-client's default metrics read.
 */
const denoArgs = [
  'run',
  '--node-modules-dir=manual',
  '--no-remote',
  '--allow-net',
  '--allow-env',
  '--allow-read',
  '--allow-sys',
  entry,
];

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
      const res = await fetch(`${baseUrl}/healthz`);
      if (res.ok) {
        return;
      }
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`deno did not answer /healthz in time:\n${output}`);
}

beforeAll(async () => {
  database = await createTestDatabase(inject('adminDatabaseUrl'));
  const port = await freePort();
  baseUrl = `http://127.0.0.1:${port}`;
  child = spawn(denoBin, denoArgs, {
    cwd: repoRoot,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: database.url,
      JWT_SECRET: 'deno-test-secret-deno-test-secret-0123',
      PASSWORD_ITERATIONS: '1000',
      LOG_LEVEL: 'info',
      NO_COLOR: '1',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
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

describe('the users service under Deno', () => {
  it('answers /healthz and logs that it listens on Deno', async () => {
    const res = await fetch(`${baseUrl}/healthz`);
    expect(await res.json()).toMatchObject({ status: 'ok', service: 'users' });
    const listening = output
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .find((line) => line.msg === 'listening');
    expect(listening).toMatchObject({ runtime: 'deno', service: 'users', level: 'info' });
  });

  it('creates a user and reads it back', async () => {
    const created = await fetch(`${baseUrl}/v1/users`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'deno@example.com', name: 'Deno', password: 'dinosaur eggs' }),
    });
    expect(created.status).toBe(201);
    const user = UserSchema.parse(await created.json());
    expect(created.headers.get('location')).toBe(`/v1/users/${user.id}`);

    const read = await fetch(`${baseUrl}${created.headers.get('location')}`);
    expect(read.status).toBe(200);
    expect(read.headers.get('etag')).toBe(`"${user.id}.v1"`);
    expect(UserSchema.parse(await read.json())).toEqual(user);
  });

  it('answers bad input with a 400 problem naming the field', async () => {
    const res = await fetch(`${baseUrl}/v1/users`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'No Email' }),
    });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    const problem = ProblemSchema.parse(await res.json());
    expect(problem.errors.map((e) => e.path)).toEqual(['email']);
    expect(problem.traceId).toBe(res.headers.get('x-trace-id'));
  });

  it('exposes request durations on /metrics', async () => {
    const res = await fetch(`${baseUrl}/metrics`);
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).toContain('http_server_request_duration_seconds_count');
    expect(text).toMatch(/http_route="\/v1\/users\/\{id\}",http_response_status_code="200"/);
  });

  it('exits cleanly on SIGTERM', async () => {
    child.kill('SIGTERM');
    const [code, signal] = await Promise.race([
      exited,
      new Promise<never>((_, reject) =>
        setTimeout(() => reject(new Error(`deno did not exit on SIGTERM:\n${output}`)), 10_000),
      ),
    ]);
    expect({ code, signal }).toEqual({ code: 0, signal: null });
    await expect(fetch(`${baseUrl}/healthz`)).rejects.toThrow();
  });
});
