import { existsSync, readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { freePort } from '@trellis/db/embedded';
import { userStreamEvents } from '@trellis/db/schema';
import { createTestDatabase, type TestDatabase } from '@trellis/db/testing';
import { ProblemSchema } from '@trellis/kit';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { allowedCaller, type DocumentedAccess } from './access.ts';
import {
  createPlatformIdentity,
  type PlatformIdentity,
  platformServices,
  type SignedIn,
  signInWithRoles,
} from './platform-identity.ts';
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
  CONFIG_SNAPSHOT_DIR: '',
};

interface Operation {
  parameters?: { in: string }[];
  requestBody?: { content: Record<string, { schema: Schema }> };
  'x-trellis-access'?: DocumentedAccess;
}
type Schema = { $ref?: string; required?: string[] };
interface Contract {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
}

async function committedContract(service: string): Promise<Contract> {
  return JSON.parse(await readFile(new URL(`${service}/openapi.json`, servicesDir), 'utf8'));
}

/** The first write without path parameters whose JSON body has required fields, if any. */
function writeWithRequiredFields(contract: Contract) {
  for (const [path, methods] of Object.entries(contract.paths)) {
    for (const [method, operation] of Object.entries(methods)) {
      const schema = operation.requestBody?.content['application/json']?.schema;
      const resolved = schema?.$ref
        ? contract.components.schemas[schema.$ref.split('/').pop() ?? '']
        : schema;
      const required = resolved?.required ?? [];
      if (!path.includes('{') && required.length > 0) {
        return {
          method: method.toUpperCase(),
          path,
          required,
          access: operation['x-trellis-access'] ?? {},
        };
      }
    }
  }
  return undefined;
}

let identity: PlatformIdentity;
let database: TestDatabase;
const running = new Map<string, ServiceProcess>();
/** An admin signed in through users under Deno: every user role admits them. */
let admin: SignedIn | undefined;

/** Someone the operation's declared access lets in, so the call reaches validation. */
async function callerFor(
  access: DocumentedAccess,
  service: string,
): Promise<Record<string, string>> {
  const caller = allowedCaller(access);
  if (caller.as === 'service') {
    return identity.asService(caller.service, service);
  }
  if (caller.as === 'metrics') {
    return identity.metricsHeaders;
  }
  if (!admin) {
    throw new Error('no users service ran under Deno to sign an admin in');
  }
  return admin.headers;
}

beforeAll(async () => {
  identity = await createPlatformIdentity([...new Set([...platformServices, ...denoServices])]);
  database = await createTestDatabase(inject('adminDatabaseUrl'));
  const ports = new Map<string, number>();
  for (const service of denoServices) {
    ports.set(service, await freePort());
  }
  const url = (service: string) => `http://127.0.0.1:${ports.get(service) ?? 0}`;
  // Every service checks user tokens against users' JWKS, users under Deno here too, and
  // finds the others there: the gateway routes to them.
  const usersUrl = url('users');
  const upstreams = {
    USERS_URL: usersUrl,
    ORDERS_URL: url('orders'),
    MEETINGS_URL: url('meetings'),
  };
  // Started together: Deno's start-up is most of this file's time.
  await Promise.all(
    denoServices.map(async (service) => {
      const started = await startServiceProcess(
        service,
        ports.get(service) ?? 0,
        {
          ...environment,
          ...upstreams,
          ...identity.envFor(service, usersUrl),
          DATABASE_URL: database.url,
        },
        { runtime: 'deno', readyTimeoutMs: 90_000 },
      );
      running.set(service, started);
    }),
  );
  if (running.has('users')) {
    admin = await signInWithRoles(database, usersUrl, {
      email: 'deno-admin@example.com',
      name: 'Deno Admin',
      password: 'runs under deno',
      roles: ['admin'],
    });
  }
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

/** Reads an event stream until `done` holds of what came so far; what came. */
async function readStreamUntil(res: Response, done: (text: string) => boolean): Promise<string> {
  const reader = res.body?.getReader();
  if (!reader) {
    throw new Error('no stream body');
  }
  const decoder = new TextDecoder();
  let text = '';
  try {
    while (!done(text)) {
      const { value, done: ended } = await reader.read();
      if (ended) {
        break;
      }
      text += decoder.decode(value, { stream: true });
    }
  } finally {
    await reader.cancel();
  }
  return text;
}

// Before the smoke tests below: their last one stops each service.
describe.runIf(denoServices.includes('messaging'))('the messaging service under Deno', () => {
  it("streams a member's events, those waiting first, then one notified while connected", async () => {
    if (!admin) {
      throw new Error('no users service ran under Deno to sign an admin in');
    }
    const userId = admin.id;
    const addEvent = (label: string) =>
      database.db.insert(userStreamEvents).values({
        userId,
        eventId: `evt_deno_${label}`,
        topic: 'order.paid',
        payload: { label },
        occurredAt: new Date(),
      });
    await addEvent('waiting');
    const res = await fetch(`${serviceUnderDeno('messaging').url}/v1/streams/me`, {
      headers: admin.headers,
      signal: AbortSignal.timeout(20_000),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    let live = false;
    const text = await readStreamUntil(res, (sofar) => {
      if (!live && sofar.includes('evt_deno_waiting')) {
        live = true;
        void addEvent('live').then(() => database.sql.notify('trellis_stream', userId));
      }
      return sofar.includes('evt_deno_live');
    });
    const events = [...text.matchAll(/^data: (.*)$/gm)].map(
      (match) => (JSON.parse(match[1] ?? '{}') as { id: string }).id,
    );
    expect(events).toEqual(['evt_deno_waiting', 'evt_deno_live']);
  });
});

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
    const write = writeWithRequiredFields(await committedContract(service));
    expect(write, 'a write with required body fields to send bad input to').toBeDefined();
    if (!write) {
      return;
    }
    // The gateway checks the caller's API key before anything reaches a service; a service is
    // called as someone its access admits, so the body is what it judges.
    const atGateway = service === 'gateway';
    const caller = atGateway ? {} : await callerFor(write.access, service);
    const res = await fetch(`${serviceUnderDeno(service).url}${write.path}`, {
      method: write.method,
      headers: { ...caller, 'content-type': 'application/json' },
      body: '{}',
    });
    const expected = atGateway
      ? { status: 401, fields: ['x-api-key'] }
      : { status: 400, fields: write.required };
    expect(res.status).toBe(expected.status);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    const problem = ProblemSchema.parse(await res.json());
    expect(problem.errors.map((error) => error.path)).toEqual(
      expect.arrayContaining(expected.fields),
    );
    expect(problem.traceId).toBe(res.headers.get('x-trace-id'));
    const metrics = await (
      await fetch(`${serviceUnderDeno(service).url}/metrics`, { headers: identity.metricsHeaders })
    ).text();
    const route = `http_route="${write.path}",http_response_status_code="${expected.status}"`;
    expect(metrics).toContain(route);
  });

  it('exits with 0 on SIGTERM and stops answering', async () => {
    const deno = serviceUnderDeno(service);
    await deno.stop(10_000);
    expect(await deno.exited).toEqual({ code: 0, signal: null });
    await expect(fetch(`${deno.url}/healthz`)).rejects.toThrow();
  });
});
