import { createDb, type DbHandle } from '@trellis/db';
import { createTestDatabase, type TestDatabase } from '@trellis/db/testing';
import { defineConfig, readEventStream, type ServerSentEvent, z } from '@trellis/kit';
import {
  createTestIdentity,
  type JsonRequester,
  jsonRequester,
  type TestIdentity,
  type TestUser,
} from '@trellis/kit/testing';
import { inject } from 'vitest';
import {
  startTestConfigCenter,
  type TestConfigCenter,
  type TestConfigCenterOptions,
} from '../src/testing.ts';

export type { TestUser };

/**
 * The test file's platform keys: users' signing key (standing in for users' JWKS) and a key
 * pair per service, all real Ed25519; the centers of the file trust them.
 */
export const testIdentity: Promise<TestIdentity> = createTestIdentity();

/** A token of `service`, signed with its own key, for the config center. */
export async function serviceToken(service: string): Promise<string> {
  return (await testIdentity).serviceToken(service, 'config');
}

/** An access token of `user`, as users signs them. */
export async function userToken(user: TestUser): Promise<string> {
  return (await testIdentity).userToken(user);
}

/** People with the roles the config center cares about. */
export const people = {
  ada: {
    id: 'usr_0193a5b2c4d87e1f9a0b1c2d3e4f5a01',
    email: 'ada@example.com',
    roles: ['operator'],
  },
  grace: {
    id: 'usr_0193a5b2c4d87e1f9a0b1c2d3e4f5a02',
    email: 'grace@example.com',
    roles: ['admin'],
  },
  linus: {
    id: 'usr_0193a5b2c4d87e1f9a0b1c2d3e4f5a03',
    email: 'linus@example.com',
    roles: ['admin'],
  },
  mallory: {
    id: 'usr_0193a5b2c4d87e1f9a0b1c2d3e4f5a04',
    email: 'mallory@example.com',
    roles: ['member'],
  },
} satisfies Record<string, TestUser>;

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/** The config the tests' `orders` service declares, with one secret. */
export const ordersConfig = defineConfig(
  z.object({
    logLevel: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
    paymentTimeoutMinutes: z.number().int().min(1).max(1440).default(30),
    maxItems: z.number().int().min(1).max(100).default(50),
    features: z.object({ newCheckout: z.boolean().default(false) }).default({ newCheckout: false }),
    stripeKey: z.string().min(8).default('sk_test_placeholder'),
  }),
  { secrets: ['stripeKey'] },
);

/** The plain text of the secret the tests store; it must never come back out but to orders. */
export const theSecret = 'sk_live_SUPERSECRET_4242';

export interface ConfigCenter extends TestConfigCenter {
  /** Requests against the app in process; every response body is kept in `bodies`. */
  request: JsonRequester;
  bodies: string[];
}

/**
 * A config center on `database`, its notifier listening, as its declaration wires it, trusting
 * the file's `testIdentity` unless told otherwise.
 */
export async function startCenter(
  options: Omit<TestConfigCenterOptions, 'identity'> & Partial<TestConfigCenterOptions>,
): Promise<ConfigCenter> {
  const center = await startTestConfigCenter({
    identity: (await testIdentity).settings,
    ...options,
  });
  const inner = jsonRequester(center.app);
  const bodies: string[] = [];
  return {
    ...center,
    bodies,
    async request(path, init) {
      const res = await inner(path, init);
      if (!(res.headers.get('content-type') ?? '').includes('event-stream')) {
        bodies.push(await res.clone().text());
      }
      return res;
    },
  };
}

export interface ConfigHarness {
  database: TestDatabase;
  center: ConfigCenter;
  /** Another database handle on the same database, for a second center. */
  secondHandle(): DbHandle;
  close(): Promise<void>;
}

export async function createConfigHarness(
  options: Omit<TestConfigCenterOptions, 'database' | 'identity'> = {},
): Promise<ConfigHarness> {
  const database = await createTestDatabase(inject('adminDatabaseUrl'));
  const center = await startCenter({ database, ...options });
  const extra: DbHandle[] = [];
  return {
    database,
    center,
    secondHandle() {
      const handle = createDb(database.url, { max: 10, applicationName: 'trellis-test-2' });
      extra.push(handle);
      return handle;
    },
    async close() {
      await center.stop();
      await Promise.all(extra.map((handle) => handle.close()));
      await database.drop();
    },
  };
}

/** Uploads a schema (the orders one by default) as the service would at start. */
export async function uploadSchema(
  center: ConfigCenter,
  service = 'orders',
  definition: { jsonSchema: unknown; secretKeys: string[] } = ordersConfig,
) {
  const res = await center.request(`/v1/config/schemas/${service}`, {
    method: 'PUT',
    headers: bearer(await serviceToken(service)),
    json: { jsonSchema: definition.jsonSchema, secretKeys: definition.secretKeys },
  });
  if (res.status !== 200) {
    throw new Error(`schema upload answered ${res.status}: ${await res.text()}`);
  }
}

export interface PublishOptions {
  service?: string;
  namespace?: string;
  comment?: string;
  gray?: { percentage?: number; labels?: Record<string, string> };
}

/** Saves a draft as `user`. */
export async function saveDraft(
  center: ConfigCenter,
  user: TestUser,
  values: Record<string, unknown>,
  { service = 'orders', namespace = 'dev' }: PublishOptions = {},
) {
  return center.request(`/v1/config/${namespace}/${service}/draft`, {
    method: 'PUT',
    headers: bearer(await userToken(user)),
    json: { values },
  });
}

/** Saves a draft and publishes it as `user`; returns the publish response. */
export async function publish(
  center: ConfigCenter,
  user: TestUser,
  values: Record<string, unknown>,
  options: PublishOptions = {},
) {
  const { service = 'orders', namespace = 'dev', comment = 'test', gray } = options;
  const saved = await saveDraft(center, user, values, options);
  if (saved.status !== 200) {
    throw new Error(`draft save answered ${saved.status}: ${await saved.text()}`);
  }
  return center.request(`/v1/config/${namespace}/${service}/releases`, {
    method: 'POST',
    headers: bearer(await userToken(user)),
    json: { comment, ...(gray ? { gray } : {}) },
  });
}

/** GET as `token` (a user's by default), parsed. */
export async function getJson<T = Record<string, unknown>>(
  center: ConfigCenter,
  path: string,
  token?: string,
): Promise<{ status: number; body: T }> {
  const res = await center.request(path, {
    headers: bearer(token ?? (await userToken(people.ada))),
  });
  return { status: res.status, body: (await res.json()) as T };
}

export interface ConfigEvent {
  id: string | undefined;
  revision: number;
  releaseKind: string;
  values: Record<string, unknown>;
}

export interface WatchStream {
  events: ConfigEvent[];
  raw: ServerSentEvent[];
  /** Waits until `count` events have arrived in all. */
  until(count: number, timeoutMs?: number): Promise<ConfigEvent[]>;
  close(): void;
}

/** Opens the SSE watch of a service (orders by default) on a served center. */
export async function watchConfig(
  url: string,
  options: {
    token: string;
    instanceId: string;
    labels?: string;
    lastEventId?: number;
    namespace?: string;
    service?: string;
    onActivity?: () => void;
  },
): Promise<WatchStream> {
  const controller = new AbortController();
  const query = new URLSearchParams({
    instanceId: options.instanceId,
    ...(options.labels ? { labels: options.labels } : {}),
  });
  const res = await fetch(
    `${url}/v1/config/${options.namespace ?? 'dev'}/${options.service ?? 'orders'}/watch?${query}`,
    {
      headers: {
        ...bearer(options.token),
        ...(options.lastEventId !== undefined
          ? { 'last-event-id': String(options.lastEventId) }
          : {}),
      },
      signal: controller.signal,
    },
  );
  if (res.status !== 200 || !res.body) {
    throw new Error(`watch answered ${res.status}: ${await res.text()}`);
  }
  const events: ConfigEvent[] = [];
  const raw: ServerSentEvent[] = [];
  const waiters = new Set<() => void>();
  void (async () => {
    try {
      const body = res.body as ReadableStream<Uint8Array>;
      const onActivity = options.onActivity;
      for await (const message of readEventStream(body, onActivity ? { onActivity } : {})) {
        raw.push(message);
        if (message.event === 'config') {
          events.push({ id: message.id, ...(JSON.parse(message.data) as Omit<ConfigEvent, 'id'>) });
          for (const wake of waiters) {
            wake();
          }
        }
      }
    } catch {
      // closed
    }
  })();
  return {
    events,
    raw,
    close: () => controller.abort(),
    until(count, timeoutMs = 5000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (events.length >= count) {
            waiters.delete(check);
            clearTimeout(timer);
            resolve(events.slice(0, count));
          }
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`only ${events.length} of ${count} events: ${JSON.stringify(events)}`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
  };
}
