import { createClient } from '@trellis/client';
import { createDb } from '@trellis/db';
import { createLogger } from '@trellis/kit';
import { createOrdersApp } from './app.ts';
import type { OrdersEnv } from './env.ts';

/** Wires the orders app from parsed environment; shared by the Node and Deno entries. */
export function bootstrapOrders(env: OrdersEnv) {
  const instanceId = env.INSTANCE_ID ?? `orders-${crypto.randomUUID().slice(0, 8)}`;
  const logger = createLogger({ service: 'orders', instance: instanceId, level: env.LOG_LEVEL });
  const database = createDb(env.DATABASE_URL, { applicationName: 'trellis-orders' });
  const app = createOrdersApp({
    deps: {
      db: database.db,
      now: () => new Date(),
      users: createClient('users', { baseUrl: env.USERS_URL, timeoutMs: env.USERS_TIMEOUT_MS }),
    },
    logger,
    version: env.SERVICE_VERSION,
    instanceId,
    ping: database.ping,
  });
  return { app, logger, database };
}
