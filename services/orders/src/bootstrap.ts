import { createClient, protectedBy, registryDiscovery } from '@trellis/client';
import { createDb } from '@trellis/db';
import { connectPlatform, createLogger, followLogLevel } from '@trellis/kit';
import { createOrdersApp } from './app.ts';
import { ordersConfig } from './config.ts';
import type { OrdersEnv } from './env.ts';

/**
 * Wires the orders app from parsed environment; shared by the Node and Deno entries. Resolves
 * once the live config is loaded; users is found through the registry, else at USERS_URL.
 */
export async function bootstrapOrders(env: OrdersEnv) {
  const instanceId = env.INSTANCE_ID ?? `orders-${crypto.randomUUID().slice(0, 8)}`;
  const logger = createLogger({ service: 'orders', instance: instanceId, level: env.LOG_LEVEL });
  const platform = await connectPlatform({
    service: 'orders',
    instanceId,
    env,
    definition: ordersConfig,
    logger,
    discovery: (registry) =>
      registryDiscovery({ ...registry, fallback: { users: env.USERS_URL }, logger }),
  });
  followLogLevel(platform.config, logger, env.LOG_LEVEL);
  const database = createDb(env.DATABASE_URL, { applicationName: 'trellis-orders' });
  const app = createOrdersApp({
    resilience: platform.resilience,
    deps: {
      db: database.db,
      now: () => new Date(),
      users: createClient('users', {
        discovery: platform.discovery,
        timeoutMs: env.USERS_TIMEOUT_MS,
        ...protectedBy(platform.resilience, 'orders', 'users'),
      }),
      config: platform.config,
    },
    logger,
    version: env.SERVICE_VERSION,
    instanceId,
    ping: database.ping,
  });
  return { app, logger, database, companions: platform.companions };
}
