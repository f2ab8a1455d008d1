import { createDb } from '@trellis/db';
import { connectPlatform, createLogger, followLogLevel } from '@trellis/kit';
import { createUsersApp } from './app.ts';
import { usersConfig } from './config.ts';
import type { UsersEnv } from './env.ts';

/**
 * Wires the users app from parsed environment; shared by the Node and Deno entries. Resolves
 * once the live config is loaded, so the service serves with it from its first request.
 */
export async function bootstrapUsers(env: UsersEnv) {
  const instanceId = env.INSTANCE_ID ?? `users-${crypto.randomUUID().slice(0, 8)}`;
  const logger = createLogger({ service: 'users', instance: instanceId, level: env.LOG_LEVEL });
  const platform = await connectPlatform({
    service: 'users',
    instanceId,
    env,
    definition: usersConfig,
    logger,
  });
  followLogLevel(platform.config, logger, env.LOG_LEVEL);
  const database = createDb(env.DATABASE_URL, { applicationName: 'trellis-users' });
  const app = createUsersApp({
    resilience: platform.resilience,
    deps: {
      db: database.db,
      now: () => new Date(),
      tokens: {
        secret: new TextEncoder().encode(env.JWT_SECRET),
        issuer: env.JWT_ISSUER,
        ttlSeconds: env.JWT_TTL_SECONDS,
      },
      passwordIterations: env.PASSWORD_ITERATIONS,
      config: platform.config,
    },
    logger,
    version: env.SERVICE_VERSION,
    instanceId,
    ping: database.ping,
  });
  return { app, logger, database, companions: platform.companions };
}
