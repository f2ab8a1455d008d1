import { mkdtemp, rm } from 'node:fs/promises';
import { Agent, createServer, request as httpRequest, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from '@trellis/db/embedded';
import { createTestDatabase, type TestDatabase } from '@trellis/db/testing';
import { call } from '../http-call.ts';
import {
  createPlatformIdentity,
  type PlatformIdentity,
  type SignedIn,
  signInWithRoles,
  signUp,
} from '../platform-identity.ts';
import { type ServiceProcess, startServiceProcess } from '../service-process.ts';

export { type CallResult, call } from '../http-call.ts';

/**
 * The processes the breaker and cluster tests run against: a real config center, users (not
 * registered, so the test decides how orders reaches it), each with its own key, and an
 * operator signed in through users who publishes orders' config through the center's HTTP
 * API. Orders instances are started by each test with the environment it needs.
 */

/** Polls `read` until `ok` holds; throws with the last value after `timeoutMs`. */
export async function eventually<T>(
  read: () => Promise<T>,
  ok: (value: T) => boolean,
  timeoutMs = 5000,
  what = 'condition',
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  for (;;) {
    last = await read().catch(() => undefined);
    if (last !== undefined && ok(last)) {
      return last;
    }
    if (Date.now() > deadline) {
      throw new Error(`${what} not met within ${timeoutMs} ms; last: ${JSON.stringify(last)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

export interface ResilienceView {
  resources: {
    name: string;
    series: { t: number; passed: number; blocked: Record<string, number> }[];
    breakers: { strategy: string; state: string; forced: string | null }[];
  }[];
  rules: { flow: unknown[]; breakers: unknown[]; clients: Record<string, unknown> };
}

export interface Platform {
  database: TestDatabase;
  identity: PlatformIdentity;
  centerUrl: string;
  users: ServiceProcess;
  operatorToken: string;
  /** `Authorization` as the operator, who may see every order. */
  operatorHeaders: Record<string, string>;
  /** An active customer, signed in, who places orders for themselves. */
  buyer: SignedIn;
  /** `GET /resilience` of an instance, read with the metrics token. */
  resilienceOf(service: ServiceProcess, seconds?: number): Promise<ResilienceView>;
  /** `GET /metrics` of an instance, read with the metrics token. */
  metricsOf(service: ServiceProcess): Promise<string>;
  /** Starts orders registered with the center; `env` adds to (or overrides) the defaults. */
  startOrders(instanceId: string, env: Record<string, string>): Promise<ServiceProcess>;
  /** Saves orders' draft and publishes it as the operator; resolves with the revision. */
  publishOrders(values: Record<string, unknown>): Promise<number>;
  stop(): Promise<void>;
}

export async function startPlatform(databaseAdminUrl: string): Promise<Platform> {
  const identity = await createPlatformIdentity();
  const database = await createTestDatabase(databaseAdminUrl);
  const snapshotDir = await mkdtemp(path.join(tmpdir(), 'trellis-resilience-e2e-'));
  const running: ServiceProcess[] = [];
  const [centerPort, usersPort] = [await freePort(), await freePort()];
  const centerUrl = `http://127.0.0.1:${centerPort}`;
  const usersUrl = `http://127.0.0.1:${usersPort}`;

  const stop = async () => {
    await Promise.all(running.map((service) => service.stop()));
    await database.drop();
    await rm(snapshotDir, { recursive: true, force: true });
  };

  try {
    const [center, users] = await Promise.all([
      startServiceProcess('config', centerPort, {
        DATABASE_URL: database.url,
        LOG_LEVEL: 'warn',
        INSTANCE_ID: 'config-e2e',
        ...identity.envFor('config', usersUrl),
      }),
      // No CONFIG_URL: users does not register, so orders finds it only at USERS_URL.
      startServiceProcess('users', usersPort, {
        DATABASE_URL: database.url,
        LOG_LEVEL: 'warn',
        INSTANCE_ID: 'users-e2e',
        PASSWORD_ITERATIONS: '1000',
        ...identity.envFor('users', usersUrl),
      }),
    ]);
    running.push(center, users);

    const operator = await signInWithRoles(database, users.url, {
      email: 'ops@example.com',
      name: 'Ops',
      password: 'operate carefully',
      roles: ['operator'],
    });
    const buyer = await signUp(users.url, {
      email: 'buyer@example.com',
      name: 'Buyer',
      password: 'buys a lot of tea',
    });
    const read = (service: ServiceProcess, route: string) =>
      fetch(`${service.url}${route}`, { headers: identity.metricsHeaders });

    return {
      database,
      identity,
      centerUrl,
      users,
      operatorToken: operator.token,
      operatorHeaders: operator.headers,
      buyer,
      async resilienceOf(service, seconds = 300) {
        return (await (
          await read(service, `/resilience?seconds=${seconds}`)
        ).json()) as ResilienceView;
      },
      async metricsOf(service) {
        return (await read(service, '/metrics')).text();
      },
      async startOrders(instanceId, env) {
        const started = await startServiceProcess(
          'orders',
          await freePort(),
          {
            DATABASE_URL: database.url,
            LOG_LEVEL: 'warn',
            INSTANCE_ID: instanceId,
            CONFIG_URL: centerUrl,
            CONFIG_SNAPSHOT_DIR: snapshotDir,
            USERS_URL: users.url,
            ...identity.envFor('orders', users.url),
            ...env,
          },
          { name: instanceId },
        );
        running.push(started);
        return started;
      },
      async publishOrders(values) {
        const draft = await call(centerUrl, 'PUT', '/v1/config/dev/orders/draft', {
          json: { values },
          token: operator.token,
        });
        if (draft.status !== 200) {
          throw new Error(`draft refused: ${draft.status} ${JSON.stringify(draft.body)}`);
        }
        const release = await call(centerUrl, 'POST', '/v1/config/dev/orders/releases', {
          json: { comment: 'resilience e2e' },
          token: operator.token,
        });
        if (release.status !== 201) {
          throw new Error(`publish refused: ${release.status} ${JSON.stringify(release.body)}`);
        }
        return release.body.revision as number;
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

export interface DelayingProxy {
  url: string;
  /** Milliseconds each request waits before it is forwarded; change it at any time. */
  delayMs: number;
  /** Arrival time (performance.now()) of every request forwarded so far, with its path. */
  readonly seen: { at: number; method: string; path: string }[];
  close(): Promise<void>;
}

/**
 * An HTTP proxy in front of `target` that holds every request `delayMs` before forwarding it,
 * so the upstream answers slowly (headers included) while it stays perfectly healthy.
 */
export async function startDelayingProxy(target: string): Promise<DelayingProxy> {
  const upstream = new URL(target);
  const agent = new Agent({ keepAlive: true });
  const seen: DelayingProxy['seen'] = [];
  const proxy: DelayingProxy = {
    url: '',
    delayMs: 0,
    seen,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      agent.destroy();
    },
  };
  const server: Server = createServer((req, res) => {
    seen.push({ at: performance.now(), method: req.method ?? '', path: req.url ?? '' });
    const forward = () => {
      const outbound = httpRequest(
        {
          host: upstream.hostname,
          port: upstream.port,
          method: req.method,
          path: req.url,
          headers: { ...req.headers, host: upstream.host },
          agent,
        },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      outbound.on('error', () => {
        if (!res.headersSent) {
          res.writeHead(502);
        }
        res.end();
      });
      req.pipe(outbound);
    };
    if (proxy.delayMs > 0) {
      setTimeout(forward, proxy.delayMs);
    } else {
      forward();
    }
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  proxy.url = `http://127.0.0.1:${port}`;
  return proxy;
}
