import { createClient, type ServiceClient } from '@trellis/client';
import { createTestDatabase, type TestDatabase } from '@trellis/db/testing';
import { createStaticConfig, type StaticConfig, type z } from '@trellis/kit';
import { captureLogger, type JsonRequester, jsonRequester } from '@trellis/kit/testing';
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
  /** Base URL of the real users service the orders app calls. */
  usersUrl: string;
  request: JsonRequester;
  /** Creates a user through the users service and returns its id. */
  createUser(options?: { suspended?: boolean }): Promise<string>;
  /** Requests to an orders app on the same database whose users client points at `baseUrl`. */
  withUsersAt(baseUrl: string): JsonRequester;
  close(): Promise<void>;
}

/**
 * An orders app on its own fresh database, calling a real users app served over HTTP from the
 * same process and database, with a settable clock and captured logs.
 */
export async function createOrdersHarness(): Promise<OrdersHarness> {
  const database = await createTestDatabase(inject('adminDatabaseUrl'));
  const clock = { now: new Date('2026-11-26T10:00:00.000Z') };
  const users = await serveTestUsers({ database, clock });
  const { logger, lines } = captureLogger('orders');
  const config = createStaticConfig(ordersConfig);

  const buildOrders = (client: ServiceClient<'users'>) =>
    createOrdersApp({
      deps: { db: database.db, now: () => clock.now, users: client, config },
      logger,
      version: 'test',
      instanceId: 'orders-test',
      ping: database.ping,
    });
  const app = buildOrders(createClient('users', { baseUrl: users.url, timeoutMs: 5000 }));
  const usersRequest = jsonRequester(users.app);
  let userCount = 0;

  return {
    app,
    database,
    clock,
    config,
    logLines: lines,
    usersUrl: users.url,
    request: jsonRequester(app),
    async createUser(options = {}) {
      userCount++;
      const res = await usersRequest('/v1/users', {
        method: 'POST',
        json: { email: `buyer${userCount}@example.com`, name: `Buyer ${userCount}` },
      });
      const { id } = (await res.json()) as { id: string };
      if (options.suspended) {
        await usersRequest(`/v1/users/${id}/suspend`, { method: 'POST' });
      }
      return id;
    },
    withUsersAt(baseUrl) {
      return jsonRequester(buildOrders(createClient('users', { baseUrl, timeoutMs: 500 })));
    },
    async close() {
      await users.close();
      await database.drop();
    },
  };
}
