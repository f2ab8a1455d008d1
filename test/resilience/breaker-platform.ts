import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { Agent, createServer, request as httpRequest, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from '@trellis/db/embedded';
import { createTestDatabase, type TestDatabase } from '@trellis/db/testing';
import { call } from '../http-call.ts';
import { type ServiceProcess, startServiceProcess } from '../service-process.ts';

export { type CallResult, call } from '../http-call.ts';

/**
 * The processes the breaker and cluster tests run against: a real config center, users (not
 * registered, so the test decides how orders reaches it) and an operator signed in through
 * users who publishes orders' config through the center's HTTP API. Orders instances are
 * started by each test with the environment it needs.
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

export async function resilienceOf(service: ServiceProcess, seconds = 300) {
  const res = await fetch(`${service.url}/resilience?seconds=${seconds}`);
  return (await res.json()) as ResilienceView;
}

export interface Platform {
  database: TestDatabase;
  centerUrl: string;
  users: ServiceProcess;
  operatorToken: string;
  /** An active customer who may place orders. */
  buyer: string;
  /** Starts orders registered with the center; `env` adds to (or overrides) the defaults. */
  startOrders(instanceId: string, env: Record<string, string>): Promise<ServiceProcess>;
  /** Saves orders' draft and publishes it as the operator; resolves with the revision. */
  publishOrders(values: Record<string, unknown>): Promise<number>;
  stop(): Promise<void>;
}

export async function startPlatform(databaseAdminUrl: string): Promise<Platform> {
  const secrets = {
    JWT_SECRET: randomBytes(32).toString('hex'),
    SERVICE_TOKEN_SECRET: randomBytes(32).toString('hex'),
    CONFIG_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
  };
  const database = await createTestDatabase(databaseAdminUrl);
  const snapshotDir = await mkdtemp(path.join(tmpdir(), 'trellis-resilience-e2e-'));
  const running: ServiceProcess[] = [];
  const [centerPort, usersPort] = [await freePort(), await freePort()];
  const centerUrl = `http://127.0.0.1:${centerPort}`;

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
        ...secrets,
      }),
      // No CONFIG_URL: users does not register, so orders finds it only at USERS_URL.
      startServiceProcess('users', usersPort, {
        DATABASE_URL: database.url,
        LOG_LEVEL: 'warn',
        INSTANCE_ID: 'users-e2e',
        JWT_SECRET: secrets.JWT_SECRET,
        PASSWORD_ITERATIONS: '1000',
      }),
    ]);
    running.push(center, users);

    const operator = { email: 'ops@example.com', password: 'operate carefully' };
    const created = await call(users.url, 'POST', '/v1/users', {
      json: { ...operator, name: 'Ops', roles: ['operator'] },
    });
    const session = await call(users.url, 'POST', '/v1/sessions', { json: operator });
    const customer = await call(users.url, 'POST', '/v1/users', {
      json: { email: 'buyer@example.com', name: 'Buyer' },
    });
    if (created.status !== 201 || session.status !== 201 || customer.status !== 201) {
      throw new Error(
        `could not seed users: ${created.status} ${session.status} ${customer.status}`,
      );
    }
    const operatorToken = session.body.accessToken as string;

    return {
      database,
      centerUrl,
      users,
      operatorToken,
      buyer: customer.body.id as string,
      async startOrders(instanceId, env) {
        const started = await startServiceProcess(
          'orders',
          await freePort(),
          {
            DATABASE_URL: database.url,
            LOG_LEVEL: 'warn',
            INSTANCE_ID: instanceId,
            CONFIG_URL: centerUrl,
            SERVICE_TOKEN_SECRET: secrets.SERVICE_TOKEN_SECRET,
            CONFIG_SNAPSHOT_DIR: snapshotDir,
            USERS_URL: users.url,
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
          token: operatorToken,
        });
        if (draft.status !== 200) {
          throw new Error(`draft refused: ${draft.status} ${JSON.stringify(draft.body)}`);
        }
        const release = await call(centerUrl, 'POST', '/v1/config/dev/orders/releases', {
          json: { comment: 'resilience e2e' },
          token: operatorToken,
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
