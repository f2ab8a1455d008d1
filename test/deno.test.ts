import { existsSync, readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { freePort } from '@trellis/db/embedded';
import { createTestDatabase, type TestDatabase } from '@trellis/db/testing';
import { ProblemSchema } from '@trellis/kit';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type ServiceProcess, startServiceProcess } from './service-process.ts';

const servicesDir = new URL('../services/', import.meta.url);

/** Every service with a Deno entry; a new one is smoke-tested here without a line added. */
const denoServices = readdirSync(servicesDir)
  .filter((name) => existsSync(new URL(`${name}/src/main.deno.ts`, servicesDir)))
  .sort();

/** What any of them reads; each takes the variables it declares and ignores the others. */
const environment = {
  LOG_LEVEL: 'info',
  NO_COLOR: '1',
  PASSWORD_ITERATIONS: '1000',
  TOKEN_KEY_ENCRYPTION_KEY: btoa('fedcba9876543210fedcba9876543210'),
  CONFIG_ENCRYPTION_KEY: btoa('0123456789abcdef0123456789abcdef'),
  METRICS_TOKEN: 'deno-metrics-token-deno-metrics-token-0123',
  CONFIG_SNAPSHOT_DIR: '',
};

interface Operation {
  parameters?: { in: string }[];
  'x-trellis-access'?: { public?: true };
  requestBody?: { content: Record<string, { schema: Schema }> };
}
type Schema = { $ref?: string; required?: string[] };
interface Contract {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
}

async function committedContract(service: string): Promise<Contract> {
  return JSON.parse(await readFile(new URL(`${service}/openapi.json`, servicesDir), 'utf8'));
}

/**
 * The first write without path parameters whose JSON body has required fields, one anyone may
 * call when there is such a write, and the answer a call with an empty body gets: a 400 naming
 * the fields where anyone may call; 401 before the body is read where credentials are needed,
 * and at the gateway, which wants the caller's API key first.
 */
function writeWithRequiredFields(service: string, contract: Contract) {
  const writes = Object.entries(contract.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]) => {
      const schema = operation.requestBody?.content['application/json']?.schema;
      const resolved = schema?.$ref
        ? contract.components.schemas[schema.$ref.split('/').pop() ?? '']
        : schema;
      const open = operation['x-trellis-access']?.public === true;
      return { method: method.toUpperCase(), path, required: resolved?.required ?? [], open };
    }),
  );
  const candidates = writes.filter((write) => !write.path.includes('{') && write.required.length);
  const write = candidates.find((candidate) => candidate.open) ?? candidates[0];
  if (!write) {
    return undefined;
  }
  if (service === 'gateway') {
    return { ...write, status: 401, fields: ['x-api-key'] };
  }
  return write.open
    ? { ...write, status: 400, fields: write.required }
    : { ...write, status: 401, fields: [] };
}

let database: TestDatabase;
const running = new Map<string, ServiceProcess>();

beforeAll(async () => {
  database = await createTestDatabase(inject('adminDatabaseUrl'));
  const ports = new Map(
    await Promise.all(denoServices.map(async (service) => [service, await freePort()] as const)),
  );
  const url = (service: string) => `http://127.0.0.1:${ports.get(service)}`;
  // Each finds the others under Deno: users' keys, and the services the gateway routes to.
  const platform = {
    JWKS_URL: `${url('users')}/.well-known/jwks.json`,
    SERVICE_PUBLIC_KEYS: '{}',
    USERS_URL: url('users'),
    ORDERS_URL: url('orders'),
    MEETINGS_URL: url('meetings'),
  };
  // Started together: Deno's start-up is most of this file's time.
  await Promise.all(
    denoServices.map(async (service) => {
      const started = await startServiceProcess(
        service,
        ports.get(service) ?? (await freePort()),
        { ...environment, ...platform, DATABASE_URL: database.url },
        { runtime: 'deno', readyTimeoutMs: 90_000 },
      );
      running.set(service, started);
    }),
  );
}, 120_000);

afterAll(async () => {
  await Promise.all([...running.values()].map((service) => service.stop(0)));
  await database?.drop();
});

function serviceUnderDeno(service: string): ServiceProcess {
  const started = running.get(service);
  if (!started) {
    throw new Error(`${service} did not start under Deno`);
  }
  return started;
}

describe.each(denoServices)('the %s service under Deno', (service) => {
  it('answers /healthz and logs that it listens on Deno', async () => {
    const deno = serviceUnderDeno(service);
    const res = await fetch(`${deno.url}/healthz`);
    expect(await res.json()).toMatchObject({ status: 'ok', service });
    const listening = await deno.waitForLine((line) => line.msg === 'listening');
    expect(listening).toMatchObject({ runtime: 'deno', service, level: 'info' });
  });

  it('serves the operations of its committed contract at /openapi.json', async () => {
    const res = await fetch(`${serviceUnderDeno(service).url}/openapi.json`);
    expect(res.status).toBe(200);
    const served = (await res.json()) as Contract;
    const committed = await committedContract(service);
    expect(Object.keys(served.paths)).toEqual(Object.keys(committed.paths));
  });

  it('answers a write missing what it needs with a problem naming it, counted on /metrics', async () => {
    const write = writeWithRequiredFields(service, await committedContract(service));
    expect(write, 'a write with required body fields to send bad input to').toBeDefined();
    if (!write) {
      return;
    }
    const res = await fetch(`${serviceUnderDeno(service).url}${write.path}`, {
      method: write.method,
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(res.status).toBe(write.status);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    const problem = ProblemSchema.parse(await res.json());
    expect(problem.errors.map((error) => error.path)).toEqual(expect.arrayContaining(write.fields));
    expect(problem.traceId).toBe(res.headers.get('x-trace-id'));
    const metrics = await fetch(`${serviceUnderDeno(service).url}/metrics`, {
      headers: { authorization: `Bearer ${environment.METRICS_TOKEN}` },
    });
    const route = `http_route="${write.path}",http_response_status_code="${write.status}"`;
    expect(await metrics.text()).toContain(route);
  });

  it('exits with 0 on SIGTERM and stops answering', async () => {
    const deno = serviceUnderDeno(service);
    await deno.stop(10_000);
    expect(await deno.exited).toEqual({ code: 0, signal: null });
    await expect(fetch(`${deno.url}/healthz`)).rejects.toThrow();
  });
});
