import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { newId } from '@trellis/db';
import { createTestDatabase, type TestDatabase } from '@trellis/db/testing';
import {
  type BackgroundTask,
  type Logger,
  parseEnv,
  type Role,
  type StaticConfig,
  startBackgroundTasks,
  stopBackgroundTasks,
  trustSetOf,
} from '@trellis/kit';
import { type StartedService, startService } from '@trellis/kit/node';
import { createTestIdentity, type TestIdentity } from '@trellis/kit/testing';
import { holdPorts } from '../held-ports.ts';
import type { MatrixCaller, PersonName } from './callers.ts';

/**
 * Every service of the platform, each wired from its environment by the kit's `startService`
 * as its main.ts would, in this process, on one fresh test database, served over HTTP on its
 * own port so the services call each other for real. Identity is the kit's test identity: one
 * user-token key every service trusts, and a key pair per service in the trust set.
 */

export interface Person {
  id: string;
  email: string;
  password: string;
  roles: Role[];
}

export interface MatrixPlatform {
  identity: TestIdentity;
  /** The database every service runs on, for fixtures whose state no API makes (dead letters). */
  db: TestDatabase['db'];
  /** Base URL of each service, by name. */
  urls: Record<string, string>;
  /** The people of the matrix, and a second admin (four eyes: an author cannot approve). */
  people: Record<PersonName | 'secondAdmin', Person>;
  /** Consumers' API keys through the gateway, one per scope (`orders:write` → `trk_live_…`). */
  apiKeys: Record<string, string>;
  /** `Authorization` (and nothing) for calling `service` as `caller`. */
  headersFor(
    caller: MatrixCaller | 'secondAdmin',
    service: string,
  ): Promise<Record<string, string>>;
  stop(): Promise<void>;
}

/**
 * The declaration a service's main.ts runs: `<name>NodeService` from `src/node-service.ts` where
 * the Node entry adds to the runtime-agnostic one (messaging's queues), else `<name>Service`.
 */
async function declarationOf(service: string): Promise<ServiceDefinition> {
  const base = service.replace(/-([a-z0-9])/g, (_, letter: string) => letter.toUpperCase());
  const nodeEntry = new URL(`../../services/${service}/src/node-service.ts`, import.meta.url);
  const [file, name] = existsSync(nodeEntry)
    ? ['node-service.ts', `${base}NodeService`]
    : ['service.ts', `${base}Service`];
  const module = (await import(`../../services/${service}/src/${file}`)) as Record<
    string,
    ServiceDefinition | undefined
  >;
  const declaration = module[name];
  if (!declaration) {
    throw new Error(`services/${service}/src/${file} exports no ${name}`);
  }
  return declaration;
}

// biome-ignore lint/suspicious/noExplicitAny: any service's env and deps
type ServiceDefinition = Parameters<typeof startService<any, any>>[0];

interface RunningService {
  name: string;
  started: StartedService;
  close(): Promise<void>;
}

function listenOn(
  port: number,
  fetch: StartedService['app']['fetch'],
): Promise<() => Promise<void>> {
  return new Promise((resolve) => {
    const server = serve({ fetch, port, hostname: '127.0.0.1' }, (_info: AddressInfo) =>
      resolve(
        () =>
          new Promise<void>((done) => {
            server.close(() => done());
            if ('closeAllConnections' in server) {
              server.closeAllConnections();
            }
          }),
      ),
    );
  });
}

/** What every service is started with; each schema keeps the variables it knows. */
async function platformEnv(
  identity: TestIdentity,
  database: TestDatabase,
  urls: Record<string, string>,
  trusted: readonly string[],
  redisUrl: string,
): Promise<Record<string, string>> {
  const pairs = await Promise.all(trusted.map((name) => identity.serviceKey(name)));
  // Each service finds the others at <NAME>_URL; none joins the config center (no CONFIG_URL),
  // so nothing the matrix registers there can draw their traffic.
  const upstreams = Object.fromEntries(
    Object.entries(urls)
      .filter(([name]) => name !== 'config')
      .map(([name, url]) => [`${name.toUpperCase().replaceAll('-', '_')}_URL`, url]),
  );
  return {
    ...upstreams,
    HOST: '127.0.0.1',
    DATABASE_URL: database.url,
    REDIS_URL: redisUrl,
    LOG_LEVEL: 'error',
    SERVICE_PUBLIC_KEYS: JSON.stringify(trustSetOf(pairs)),
    METRICS_TOKEN: identity.metricsToken,
    JWKS_URL: `${urls.users}/.well-known/jwks.json`,
    CONFIG_SNAPSHOT_DIR: '',
    PASSWORD_ITERATIONS: '1000',
    CONFIG_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    TOKEN_KEY_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    WEBHOOK_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    // Until every service drops them for per-service keys (docs/identity.md).
  };
}

/**
 * Live config the matrix sets on a service once started, as the config center would publish it
 * (no service here joins the center, so each runs on an in-memory config). Webhook endpoints may
 * target 127.0.0.1: registration refuses loopback otherwise (SSRF), and nothing is reachable
 * beyond this machine. The fixtures' endpoints point at a port nothing listens on, so a
 * delivery fails at once instead of waiting out its timeout.
 */
const liveConfig: Record<string, Record<string, unknown>> = {
  messaging: { webhooks: { allowPrivateTargets: ['127.0.0.1/32'] } },
};

function applyLiveConfig(name: string, started: StartedService) {
  const values = liveConfig[name];
  if (!values) {
    return;
  }
  const config = (started.deps as { config?: Partial<StaticConfig<unknown, unknown>> }).config;
  if (typeof config?.set !== 'function') {
    throw new Error(`${name} runs on no in-memory config the matrix can set`);
  }
  config.set(values);
}

async function startOne(
  name: string,
  port: number,
  env: Record<string, string>,
  identity: TestIdentity,
): Promise<RunningService> {
  const declaration = await declarationOf(name);
  const parsed = parseEnv(declaration.envSchema, {
    ...env,
    PORT: String(port),
    INSTANCE_ID: `${name}-matrix`,
    SERVICE_PRIVATE_KEY: JSON.stringify((await identity.serviceKey(name)).privateJwk),
  });
  const verifyUser = identity.settings.verifyUser;
  // Every service, users too, checks user tokens against the test identity's key.
  const started = await startService(
    { ...declaration, ...(verifyUser ? { verifyUserTokens: () => verifyUser } : {}) },
    parsed,
  );
  applyLiveConfig(name, started);
  const closeServer = await listenOn(port, started.app.fetch);
  await startBackgroundTasks(started.backgroundTasks, started.logger);
  return {
    name,
    started,
    async close() {
      await stopBackgroundTasks(
        started.backgroundTasks as BackgroundTask[],
        started.logger as Logger,
      );
      await closeServer();
      await started.database.close();
    },
  };
}

const password = 'matrix passphrase 4 every person';

async function createPerson(
  usersUrl: string,
  bootstrap: string,
  label: string,
  roles: Role[],
): Promise<Person> {
  const email = `${label}-${crypto.randomUUID().slice(0, 8)}@matrix.example`;
  const res = await fetch(`${usersUrl}/v1/users`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${bootstrap}` },
    body: JSON.stringify({ email, name: label, password, roles }),
  });
  const body = (await res.json()) as { id?: string };
  if (res.status !== 201 || !body.id) {
    throw new Error(`creating ${label} answered ${res.status}: ${JSON.stringify(body)}`);
  }
  return { id: body.id, email, password, roles };
}

async function createPeople(identity: TestIdentity, usersUrl: string) {
  // An admin only the test identity vouches for, to grant the matrix's people their roles.
  const bootstrap = await identity.userToken({ id: newId('user'), roles: ['admin'] });
  const [owner, other, operator, admin, secondAdmin] = await Promise.all([
    createPerson(usersUrl, bootstrap, 'owner', ['member']),
    createPerson(usersUrl, bootstrap, 'other', ['member']),
    createPerson(usersUrl, bootstrap, 'operator', ['operator']),
    createPerson(usersUrl, bootstrap, 'admin', ['admin']),
    createPerson(usersUrl, bootstrap, 'second-admin', ['admin']),
  ]);
  return { owner, other, operator, admin, secondAdmin };
}

const scopes = ['users', 'orders', 'meetings', 'messaging'].flatMap((service) => [
  `${service}:read`,
  `${service}:write`,
]);

/** One API key per scope, made by the admin, for calls through the gateway. */
async function createApiKeys(identity: TestIdentity, admin: Person, usersUrl: string) {
  const headers = { 'content-type': 'application/json', ...(await identity.asUser(admin)) };
  const made = await Promise.all(
    scopes.map(async (scope) => {
      const res = await fetch(`${usersUrl}/v1/api-keys`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ name: `matrix ${scope}`, scopes: [scope] }),
      });
      const body = (await res.json()) as { key?: string };
      if (res.status !== 201 || !body.key) {
        throw new Error(
          `creating an API key for ${scope} answered ${res.status}: ${JSON.stringify(body)}`,
        );
      }
      return [scope, body.key] as const;
    }),
  );
  return Object.fromEntries(made);
}

/**
 * Starts `services` (users first: the others check people through it) with keys for every
 * name in `trusted`, and creates the matrix's people through users.
 */
export async function startMatrixPlatform(
  adminDatabaseUrl: string,
  services: readonly string[],
  trusted: readonly string[],
  redisUrl: string,
): Promise<MatrixPlatform> {
  const identity = await createTestIdentity();
  const database = await createTestDatabase(adminDatabaseUrl);
  const held = await holdPorts(services.length);
  const urls = Object.fromEntries(
    services.map((name, index) => [name, `http://127.0.0.1:${held.ports[index]}`]),
  );
  await held.release();
  const env = await platformEnv(identity, database, urls, trusted, redisUrl);
  const running: RunningService[] = [];
  const stop = async () => {
    await Promise.all(running.map((service) => service.close()));
    await database.drop();
  };
  try {
    for (const [index, name] of services.entries()) {
      running.push(await startOne(name, held.ports[index] ?? 0, env, identity));
    }
    const people = await createPeople(identity, String(urls.users));
    const apiKeys = urls.gateway
      ? await createApiKeys(identity, people.admin, String(urls.users))
      : {};
    return {
      identity,
      db: database.db,
      urls,
      people,
      apiKeys,
      async headersFor(caller, service) {
        if (caller === 'secondAdmin') {
          return identity.asUser(people.secondAdmin);
        }
        if (caller.kind === 'anonymous') {
          return {};
        }
        if (caller.kind === 'service') {
          return identity.asService(caller.service, service);
        }
        if (caller.kind === 'metrics') {
          return { authorization: `Bearer ${identity.metricsToken}` };
        }
        return identity.asUser(people[caller.kind === 'user' ? caller.person : 'admin']);
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
