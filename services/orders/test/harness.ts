import { createClient, type ServiceClient } from '@trellis/client';
import { createTestDatabase, type TestDatabase } from '@trellis/db/testing';
import { createStaticConfig, type StaticConfig, type z } from '@trellis/kit';
import {
  captureLogger,
  createTestIdentity,
  type JsonRequester,
  jsonRequester,
  type TestIdentity,
  type TestUser,
} from '@trellis/kit/testing';
import { serveTestUsers } from '@trellis/users/testing';
import { inject } from 'vitest';
import { createOrdersApp } from '../src/app.ts';
import { type OrdersConfig, ordersConfig } from '../src/config.ts';

export interface OrdersHarness {
  app: ReturnType<typeof createOrdersApp>;
  database: TestDatabase;
  clock: { now: Date };
  /** The app's live config, held in memory; `config.set()` changes it between requests. */
  config: StaticConfig<OrdersConfig, z.input<typeof ordersConfig.schema>>;
  logLines: Record<string, unknown>[];
  /** The keys both apps trust: user tokens and each service's own. */
  identity: TestIdentity;
  /** Base URL of the real users service the orders app calls. */
  usersUrl: string;
  /** The admin every `request` calls as (a back office with every right, refunds included). */
  admin: TestUser;
  /** Requests as `admin`; a request's own `authorization` header wins. */
  request: JsonRequester;
  /** Requests as `user`: `h.as({ id, roles: ['operator'] })`. */
  as(user: TestUser): JsonRequester;
  /** Requests with no credentials at all. */
  anonymous: JsonRequester;
  /** Creates a user through the users service and returns its id. */
  createUser(options?: { suspended?: boolean }): Promise<string>;
  /** Requests as `admin` to an orders app on the same database calling users at `baseUrl`. */
  withUsersAt(baseUrl: string): JsonRequester;
  close(): Promise<void>;
}

/** A user id no account has: for staff, whose own account the services never look up. */
export function staffId(): string {
  return `usr_${crypto.randomUUID().replaceAll('-', '')}`;
}

/**
 * An orders app on its own fresh database, calling a real users app served over HTTP from the
 * same process and database with orders' own service token, with a settable clock and
 * captured logs. Both apps verify credentials against one test identity.
 */
export async function createOrdersHarness(): Promise<OrdersHarness> {
  const database = await createTestDatabase(inject('adminDatabaseUrl'));
  const clock = { now: new Date('2026-11-26T10:00:00.000Z') };
  const identity = await createTestIdentity();
  const users = await serveTestUsers({ database, clock, identity: identity.settings });
  const { logger, lines } = captureLogger('orders');
  const config = createStaticConfig(ordersConfig);
  const admin: TestUser = { id: staffId(), roles: ['admin'] };
  const asAdmin = () => identity.asUser(admin);

  const usersClient = (baseUrl: string, timeoutMs: number) =>
    createClient('users', {
      baseUrl,
      timeoutMs,
      token: () => identity.serviceToken('orders', 'users'),
    });
  const buildOrders = (client: ServiceClient<'users'>) =>
    createOrdersApp({
      deps: { db: database.db, now: () => clock.now, users: client, config },
      logger,
      version: 'test',
      instanceId: 'orders-test',
      ping: database.ping,
      identity: identity.settings,
    });
  const app = buildOrders(usersClient(users.url, 5000));
  const usersRequest = jsonRequester(users.app, asAdmin);
  let userCount = 0;

  return {
    app,
    database,
    clock,
    config,
    logLines: lines,
    identity,
    usersUrl: users.url,
    admin,
    request: jsonRequester(app, asAdmin),
    as: (user) => jsonRequester(app, () => identity.asUser(user)),
    anonymous: jsonRequester(app),
    async createUser(options = {}) {
      userCount++;
      const res = await usersRequest('/v1/users', {
        method: 'POST',
        json: { email: `buyer${userCount}@example.com`, name: `Buyer ${userCount}` },
      });
      if (res.status !== 201) {
        throw new Error(`users answered ${res.status} to POST /v1/users: ${await res.text()}`);
      }
      const { id } = (await res.json()) as { id: string };
      if (options.suspended) {
        const suspended = await usersRequest(`/v1/users/${id}/suspend`, { method: 'POST' });
        if (suspended.status !== 200) {
          throw new Error(`users answered ${suspended.status} to suspending ${id}`);
        }
      }
      return id;
    },
    withUsersAt(baseUrl) {
      return jsonRequester(buildOrders(usersClient(baseUrl, 500)), asAdmin);
    },
    async close() {
      await users.close();
      await database.drop();
    },
  };
}
