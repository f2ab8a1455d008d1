import { createClient } from '@trellis/client';
import { createDb } from '@trellis/db';
import { createLogger } from '@trellis/kit';
import { createMeetingsApp } from './app.ts';
import type { MeetingsEnv } from './env.ts';

/** Wires the meetings app from parsed environment; shared by the Node and Deno entries. */
export function bootstrapMeetings(env: MeetingsEnv) {
  const instanceId = env.INSTANCE_ID ?? `meetings-${crypto.randomUUID().slice(0, 8)}`;
  const logger = createLogger({ service: 'meetings', instance: instanceId, level: env.LOG_LEVEL });
  const database = createDb(env.DATABASE_URL, { applicationName: 'trellis-meetings' });
  const app = createMeetingsApp({
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
