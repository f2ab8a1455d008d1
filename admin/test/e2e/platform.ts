import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { seedDemoData } from '@trellis/db/seed';
import { createTestDatabase, type TestDatabase } from '@trellis/db/testing';
import {
  generateServiceKey,
  type ServiceKeyPair,
  serviceTokenSigner,
  trustSetOf,
} from '@trellis/kit';
import { hashPassword } from '../../../services/users/src/password.ts';
import { adminDir, ensureAdminBuild, nextBin, nextEnv } from '../../scripts/admin-build.ts';

const repoRoot = path.resolve(adminDir, '..');
const serviceNames = ['users', 'orders', 'meetings', 'config', 'gateway', 'messaging'] as const;
export type ServiceName = (typeof serviceNames)[number];

export interface Platform {
  adminUrl: string;
  serviceUrls: Record<ServiceName, string>;
  /** The secret the admin encrypts its session cookie with; tests forge cookies with it. */
  sessionSecret: string;
  /** A token of `service` (signed with its own key) for `audience`: the config center unless told. */
  serviceToken(service: string, audience?: string): Promise<string>;
  /** The key pair of a service the platform trusts (the gateway's too, which does not run). */
  serviceKey(service: string): ServiceKeyPair;
  /** The bearer the services' `/metrics` and `/resilience` answer; the console holds it too. */
  metricsToken: string;
  /** Seconds users' access tokens live on this platform. */
  accessTokenTtlSeconds: number;
  /** The Redis the messaging service's queues live on: `REDIS_URL`, else 127.0.0.1:6379. */
  redisUrl: string;
  database: TestDatabase;
  /** Stops one service, to see how the console shows a service that is down. */
  stopService(name: ServiceName): Promise<void>;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

interface Child {
  process: ChildProcess;
  output: string[];
  stop(): Promise<void>;
}

function start(
  name: string,
  args: string[],
  options: { cwd: string; env: NodeJS.ProcessEnv },
): Child {
  const child = spawn(process.execPath, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
  const output: string[] = [];
  for (const stream of [child.stdout, child.stderr]) {
    stream?.setEncoding('utf8');
    stream?.on('data', (chunk: string) => {
      output.push(
        ...chunk
          .split('\n')
          .filter(Boolean)
          .map((line) => `${name}: ${line}`),
      );
      output.splice(0, Math.max(0, output.length - 200));
    });
  }
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    process: child,
    output,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) {
        return;
      }
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

async function waitForOk(url: string, child: Child, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.process.exitCode !== null) {
      throw new Error(`${url} exited before it answered:\n${child.output.join('\n')}`);
    }
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(1000) });
      if (response.ok) {
        return;
      }
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms:\n${child.output.join('\n')}`);
}

/** Services with keys in the trust set that the tests act as, which do not run here. */
const standIns = ['prometheus', 'storefront'];

export interface PlatformOptions {
  /** Seconds users' access tokens live; short ones show how fast the console follows a change. */
  accessTokenTtlSeconds?: number;
}

/** The identity settings of each service: its own key, the trust set, users' JWKS, metrics. */
function identityEnv(
  name: ServiceName,
  keys: Map<string, ServiceKeyPair>,
  usersUrl: string,
  metricsToken: string,
): Record<string, string> {
  return {
    SERVICE_PRIVATE_KEY: JSON.stringify(keys.get(name)?.privateJwk),
    SERVICE_PUBLIC_KEYS: JSON.stringify(trustSetOf([...keys.values()])),
    // Users checks its own tokens; everyone else against its JWKS.
    ...(name === 'users' ? {} : { JWKS_URL: `${usersUrl}/.well-known/jwks.json` }),
    METRICS_TOKEN: metricsToken,
  };
}

/**
 * The whole platform for browser tests: a fresh database with the demo data, the three
 * business services, the config center, the gateway and messaging (on the Redis of
 * `REDIS_URL`, else 127.0.0.1:6379) as real processes, and the admin built (unless current) and served by `next start`.
 */
export async function startPlatform(
  adminDatabaseUrl: string,
  options: PlatformOptions = {},
): Promise<Platform> {
  const accessTokenTtlSeconds = options.accessTokenTtlSeconds ?? 900;
  const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  const [database] = await Promise.all([createTestDatabase(adminDatabaseUrl), ensureAdminBuild()]);
  const children: Child[] = [];
  try {
    await seedDemoData(database.db, { hashPassword: (password) => hashPassword(password, 1000) });
    const ports = {
      users: await freePort(),
      orders: await freePort(),
      meetings: await freePort(),
      config: await freePort(),
      gateway: await freePort(),
      messaging: await freePort(),
      admin: await freePort(),
    };
    const serviceUrls = {
      users: `http://127.0.0.1:${ports.users}`,
      orders: `http://127.0.0.1:${ports.orders}`,
      meetings: `http://127.0.0.1:${ports.meetings}`,
      config: `http://127.0.0.1:${ports.config}`,
      gateway: `http://127.0.0.1:${ports.gateway}`,
      messaging: `http://127.0.0.1:${ports.messaging}`,
    };
    // Each service signs its own tokens with its own key and trusts the others' public keys;
    // only users signs user tokens, which the rest check against its JWKS.
    const keys = new Map<string, ServiceKeyPair>();
    // Beside the running services: those the tests call or register as, which do not run here.
    for (const name of [...serviceNames, ...standIns]) {
      keys.set(name, await generateServiceKey(name));
    }
    const serviceKey = (service: string): ServiceKeyPair => {
      const pair = keys.get(service);
      if (!pair) {
        throw new Error(`The platform has no key for ${service}`);
      }
      return pair;
    };
    const metricsToken = randomBytes(32).toString('base64url');
    const secrets = {
      CONFIG_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
      TOKEN_KEY_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
      WEBHOOK_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    };
    const tsx = import.meta.resolve('tsx');
    // Snapshots of the services' config stay out of the repository's .trellis/.
    const snapshotDir = await mkdtemp(path.join(tmpdir(), 'trellis-e2e-snapshots-'));
    const services = new Map<ServiceName, Child>();
    for (const name of serviceNames) {
      const child = start(name, ['--import', tsx, `services/${name}/src/main.ts`], {
        cwd: repoRoot,
        env: {
          ...process.env,
          NODE_ENV: 'production',
          HOST: '127.0.0.1',
          PORT: String(ports[name]),
          DATABASE_URL: database.url,
          LOG_LEVEL: 'warn',
          INSTANCE_ID: `${name}-1`,
          PASSWORD_ITERATIONS: '1000',
          USERS_URL: serviceUrls.users,
          ORDERS_URL: serviceUrls.orders,
          MEETINGS_URL: serviceUrls.meetings,
          CONFIG_URL: serviceUrls.config,
          CONFIG_SNAPSHOT_DIR: snapshotDir,
          // Only messaging is given Redis: the others' flow limits stay per instance, as before.
          ...(name === 'messaging'
            ? { REDIS_URL: redisUrl, WEBHOOK_ENCRYPTION_KEY: secrets.WEBHOOK_ENCRYPTION_KEY }
            : {}),
          ...identityEnv(name, keys, serviceUrls.users, metricsToken),
          ...(name === 'config' ? { CONFIG_ENCRYPTION_KEY: secrets.CONFIG_ENCRYPTION_KEY } : {}),
          ...(name === 'users'
            ? {
                TOKEN_KEY_ENCRYPTION_KEY: secrets.TOKEN_KEY_ENCRYPTION_KEY,
                ACCESS_TOKEN_TTL_SECONDS: String(accessTokenTtlSeconds),
              }
            : {}),
        },
      });
      children.push(child);
      services.set(name, child);
    }
    const sessionSecret = randomBytes(32).toString('base64url');
    const admin = start(
      'admin',
      [nextBin, 'start', '--hostname', '127.0.0.1', '--port', String(ports.admin)],
      {
        cwd: adminDir,
        env: nextEnv({
          USERS_URL: serviceUrls.users,
          ORDERS_URL: serviceUrls.orders,
          MEETINGS_URL: serviceUrls.meetings,
          CONFIG_URL: serviceUrls.config,
          GATEWAY_URL: serviceUrls.gateway,
          MESSAGING_URL: serviceUrls.messaging,
          ADMIN_SESSION_SECRET: sessionSecret,
          METRICS_TOKEN: metricsToken,
          LOG_LEVEL: 'warn',
        }),
      },
    );
    children.push(admin);
    const adminUrl = `http://127.0.0.1:${ports.admin}`;
    await Promise.all([
      ...serviceNames.map((name) =>
        waitForOk(`${serviceUrls[name]}/readyz`, services.get(name) as Child, 60_000),
      ),
      waitForOk(`${adminUrl}/healthz`, admin, 60_000),
    ]);
    return {
      adminUrl,
      serviceUrls,
      sessionSecret,
      serviceKey,
      serviceToken: (service, audience = 'config') =>
        serviceTokenSigner(service, serviceKey(service).privateJwk)(audience),
      metricsToken,
      accessTokenTtlSeconds,
      redisUrl,
      database,
      async stopService(name) {
        await services.get(name)?.stop();
      },
      async stop() {
        await Promise.all(children.map((child) => child.stop()));
        await database.drop();
      },
    };
  } catch (error) {
    await Promise.all(children.map((child) => child.stop()));
    await database.drop();
    throw error;
  }
}
