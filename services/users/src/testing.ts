import type { TestDatabase } from '@trellis/db/testing';
import { createStaticConfig, type LiveConfig, type Logger } from '@trellis/kit';
import { captureLogger, listen } from '@trellis/kit/testing';
import { createUsersApp } from './app.ts';
import { type UsersConfig, usersConfig } from './config.ts';

export const testTokenSecret = 'test-secret-test-secret-test-secret!';

export interface TestUsersOptions {
  database: TestDatabase;
  /** Read on every request, so tests move time by assigning `clock.now`. */
  clock: { now: Date };
  /** Defaults to a captured logger nobody reads. */
  logger?: Logger;
  /** Defaults to the schema defaults, held in memory. */
  config?: LiveConfig<UsersConfig>;
}

/** A users app on `database` with a fixed token secret and cheap password hashing. */
export function createTestUsersApp({ database, clock, logger, config }: TestUsersOptions) {
  return createUsersApp({
    deps: {
      db: database.db,
      now: () => clock.now,
      tokens: {
        secret: new TextEncoder().encode(testTokenSecret),
        issuer: 'trellis-users',
        ttlSeconds: 900,
      },
      passwordIterations: 1000,
      config: config ?? createStaticConfig(usersConfig),
    },
    logger: logger ?? captureLogger('users').logger,
    version: 'test',
    instanceId: 'users-test',
    ping: database.ping,
  });
}

/** A test users app served over HTTP on a free port, for services that call users. */
export async function serveTestUsers(options: TestUsersOptions): Promise<{
  url: string;
  app: ReturnType<typeof createUsersApp>;
  close(): Promise<void>;
}> {
  const app = createTestUsersApp(options);
  const server = await listen(app.fetch);
  return { url: server.url, app, close: server.close };
}
