import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from '@trellis/db/embedded';
import { createTestDatabase, type TestDatabase } from '@trellis/db/testing';
import type { ResilienceRulesInput } from '@trellis/kit';
import { closedUrl } from '@trellis/kit/testing';
import { call } from '../http-call.ts';
import {
  createPlatformIdentity,
  type PlatformIdentity,
  type SignedIn,
  signInWithRoles,
  signUp,
} from '../platform-identity.ts';
import { type ServiceProcess, startServiceProcess } from '../service-process.ts';

/**
 * A running platform for resilience tests: the config center, users and orders, each a process
 * started from its main.ts with its own key, on a fresh database; orders follows the center
 * for its rules and finds users through the registry. An operator signed in through users
 * publishes; customers sign up and order as themselves.
 */
export interface Platform {
  database: TestDatabase;
  identity: PlatformIdentity;
  center: ServiceProcess;
  users: ServiceProcess;
  orders: ServiceProcess;
  operatorToken: string;
  /** `Authorization` as the operator, who may see every order. */
  operatorHeaders: Record<string, string>;
  /** Answers status and parsed JSON body (`{}` when empty). */
  call(base: string, method: string, route: string, options?: CallOptions): Promise<Answer>;
  /** Signs a member up through users and in; their id and `Authorization` headers. */
  createCustomer(name: string): Promise<SignedIn>;
  /** Saves `service`'s whole draft with `resilience` replaced by `rules`, publishes it; the revision. */
  publishRules(service: string, rules: ResilienceRulesInput, comment: string): Promise<number>;
  /** Rolls `service` back to the values of `toRevision`; the new revision. */
  rollback(service: string, toRevision: number): Promise<number>;
  stop(): Promise<void>;
}

export interface CallOptions {
  json?: unknown;
  token?: string;
  headers?: Record<string, string>;
}

export interface Answer {
  status: number;
  body: Record<string, unknown>;
}

export interface PlatformOptions {
  /** Extra environment for orders, such as REDIS_URL. */
  ordersEnv?: Record<string, string>;
}

export async function startPlatform(
  adminDatabaseUrl: string,
  options: PlatformOptions = {},
): Promise<Platform> {
  const identity = await createPlatformIdentity();
  const database = await createTestDatabase(adminDatabaseUrl);
  const snapshotDir = await mkdtemp(path.join(tmpdir(), 'trellis-resilience-'));
  const running: ServiceProcess[] = [];
  const stop = async () => {
    await Promise.all(running.map((service) => service.stop()));
    await database.drop();
    await rm(snapshotDir, { recursive: true, force: true });
  };
  try {
    const usersPort = await freePort();
    const usersUrl = `http://127.0.0.1:${usersPort}`;
    const center = await startServiceProcess('config', await freePort(), {
      DATABASE_URL: database.url,
      LOG_LEVEL: 'warn',
      INSTANCE_ID: 'config-resilience',
      ...identity.envFor('config', usersUrl),
    });
    running.push(center);
    const platformEnv = {
      DATABASE_URL: database.url,
      LOG_LEVEL: 'warn',
      CONFIG_URL: center.url,
      CONFIG_SNAPSHOT_DIR: snapshotDir,
    };
    const [users, orders] = await Promise.all([
      startServiceProcess('users', usersPort, {
        ...platformEnv,
        ...identity.envFor('users', usersUrl),
        INSTANCE_ID: 'users-resilience',
        PASSWORD_ITERATIONS: '1000',
      }),
      // USERS_URL leads nowhere: orders reaches users only through the registry.
      startServiceProcess('orders', await freePort(), {
        ...platformEnv,
        ...identity.envFor('orders', usersUrl),
        INSTANCE_ID: 'orders-resilience',
        USERS_URL: await closedUrl(),
        ...options.ordersEnv,
      }),
    ]);
    running.push(users, orders);

    const operator = await signInWithRoles(database, users.url, {
      email: 'ops@example.com',
      name: 'Ops',
      password: 'operate carefully',
      roles: ['operator'],
    });
    const operatorToken = operator.token;
    let customerCount = 0;

    const publishRules = async (
      service: string,
      rules: ResilienceRulesInput,
      comment: string,
    ): Promise<number> => {
      const base = `/v1/config/dev/${service}`;
      const draft = expectStatus(
        await call(center.url, 'GET', `${base}/draft`, { token: operatorToken }),
        200,
      );
      const values = { ...(draft.body.values as Record<string, unknown>), resilience: rules };
      expectStatus(
        await call(center.url, 'PUT', `${base}/draft`, { json: { values }, token: operatorToken }),
        200,
      );
      const release = expectStatus(
        await call(center.url, 'POST', `${base}/releases`, {
          json: { comment },
          token: operatorToken,
        }),
        201,
      );
      return release.body.revision as number;
    };

    return {
      database,
      identity,
      center,
      users,
      orders,
      operatorToken,
      operatorHeaders: operator.headers,
      call,
      async createCustomer(name) {
        customerCount++;
        return signUp(users.url, {
          email: `customer${customerCount}@example.com`,
          name,
          password: `password of ${name} ${customerCount}`,
        });
      },
      publishRules,
      async rollback(service, toRevision) {
        const release = expectStatus(
          await call(center.url, 'POST', `/v1/config/dev/${service}/rollback`, {
            json: { toRevision, comment: `back to revision ${toRevision}` },
            token: operatorToken,
          }),
          201,
        );
        return release.body.revision as number;
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

function expectStatus(answer: Answer, status: number): Answer {
  if (answer.status !== status) {
    throw new Error(`expected ${status}, got ${answer.status}: ${JSON.stringify(answer.body)}`);
  }
  return answer;
}

export interface FloodOptions {
  url: string;
  path: string;
  method?: string;
  headers?: Record<string, string>;
  /** Sent as JSON; a function makes the body of the n-th request (from 0). */
  body?: unknown | ((n: number) => unknown);
  /** Requests in flight at once, each worker sending its next as soon as the last is answered. */
  concurrency: number;
  /** Stop sending after this long; with neither limit, one request per worker. */
  durationMs?: number;
  /** Stop after this many requests in all. */
  requests?: number;
}

export interface FloodResponse {
  status: number;
  /** Epoch milliseconds (fractional) the request was sent and its whole response arrived. */
  sentAt: number;
  at: number;
  headers: Record<string, string>;
  body: string;
}

/** Wall-clock time in fractional epoch milliseconds, monotonic within this process. */
export function epochNow(): number {
  return performance.timeOrigin + performance.now();
}

/**
 * Sends requests from `concurrency` workers over keep-alive connections and records every
 * response; a request that fails outright is recorded with status 0 and the error as its body.
 */
export async function flood(options: FloodOptions): Promise<FloodResponse[]> {
  const { url, path: route, method = 'GET', concurrency } = options;
  const limit = options.requests ?? (options.durationMs === undefined ? concurrency : Infinity);
  const deadline = epochNow() + (options.durationMs ?? Infinity);
  const headers = {
    ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
    ...options.headers,
  };
  const responses: FloodResponse[] = [];
  let sent = 0;
  const worker = async () => {
    while (sent < limit && epochNow() < deadline) {
      const n = sent++;
      const body = typeof options.body === 'function' ? options.body(n) : options.body;
      const sentAt = epochNow();
      try {
        const res = await fetch(`${url}${route}`, {
          method,
          headers,
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        });
        const text = await res.text();
        responses.push({
          status: res.status,
          sentAt,
          at: epochNow(),
          headers: Object.fromEntries(res.headers),
          body: text,
        });
      } catch (error) {
        responses.push({ status: 0, sentAt, at: epochNow(), headers: {}, body: String(error) });
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return responses.sort((a, b) => a.at - b.at);
}

/** Responses matching `keep` per wall-clock second of arrival (epoch second → count). */
export function perSecond(
  responses: readonly FloodResponse[],
  keep: (response: FloodResponse) => boolean,
): Map<number, number> {
  const counts = new Map<number, number>();
  for (const response of responses) {
    if (keep(response)) {
      const second = Math.floor(response.at / 1000);
      counts.set(second, (counts.get(second) ?? 0) + 1);
    }
  }
  return counts;
}

/** Waits until `phaseMs` milliseconds into a wall-clock second (the next one when already past). */
export async function atPhase(phaseMs: number): Promise<void> {
  const wait = (phaseMs - (epochNow() % 1000) + 1000) % 1000;
  await new Promise((resolve) => setTimeout(resolve, wait));
}
