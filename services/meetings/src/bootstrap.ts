import { createClient, protectedBy, registryDiscovery } from '@trellis/client';
import { createDb } from '@trellis/db';
import { connectPlatform, createLogger, followLogLevel } from '@trellis/kit';
import { createMeetingsApp } from './app.ts';
import { meetingsConfig } from './config.ts';
import type { MeetingsEnv } from './env.ts';

/**
 * Wires the meetings app from parsed environment; shared by the Node and Deno entries. Resolves
 * once the live config is loaded; users is found through the registry, else at USERS_URL.
 */
export async function bootstrapMeetings(env: MeetingsEnv) {
  const instanceId = env.INSTANCE_ID ?? `meetings-${crypto.randomUUID().slice(0, 8)}`;
  const logger = createLogger({ service: 'meetings', instance: instanceId, level: env.LOG_LEVEL });
  const platform = await connectPlatform({
    service: 'meetings',
    instanceId,
    env,
    definition: meetingsConfig,
    logger,
    discovery: (registry) =>
      registryDiscovery({ ...registry, fallback: { users: env.USERS_URL }, logger }),
  });
  followLogLevel(platform.config, logger, env.LOG_LEVEL);
  const database = createDb(env.DATABASE_URL, { applicationName: 'trellis-meetings' });
  const app = createMeetingsApp({
    resilience: platform.resilience,
    deps: {
      db: database.db,
      now: () => new Date(),
      users: createClient('users', {
        discovery: platform.discovery,
        timeoutMs: env.USERS_TIMEOUT_MS,
        ...protectedBy(platform.resilience, 'meetings', 'users'),
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
