import { createTestDatabase, type TestDatabase } from '@trellis/db/testing';
import { captureLogger } from '@trellis/kit/testing';
import { inject } from 'vitest';
import { createUsersApp } from '../src/app.ts';

export interface UsersHarness {
  app: ReturnType<typeof createUsersApp>;
  database: TestDatabase;
  logLines: Record<string, unknown>[];
  clock: { now: Date };
  request(path: string, init?: RequestInit & { json?: unknown }): Promise<Response>;
}

export const testTokenSecret = 'test-secret-test-secret-test-secret!';

/** A users app on its own fresh database, with a settable clock and captured logs. */
export async function createUsersHarness(): Promise<UsersHarness> {
  const database = await createTestDatabase(inject('adminDatabaseUrl'));
  const { logger, lines } = captureLogger('users');
  const clock = { now: new Date('2026-11-26T10:00:00.000Z') };
  const app = createUsersApp({
    deps: {
      db: database.db,
      now: () => clock.now,
      tokens: {
        secret: new TextEncoder().encode(testTokenSecret),
        issuer: 'trellis-users',
        ttlSeconds: 900,
      },
      passwordIterations: 1000,
    },
    logger,
    version: 'test',
    instanceId: 'users-test',
    ping: database.ping,
  });
  return {
    app,
    database,
    logLines: lines,
    clock,
    request(path, init = {}) {
      const { json, ...rest } = init;
      const headers = new Headers(rest.headers);
      if (json !== undefined) {
        headers.set('content-type', 'application/json');
      }
      return Promise.resolve(
        app.request(path, {
          ...rest,
          headers,
          ...(json !== undefined ? { body: JSON.stringify(json) } : {}),
        }),
      );
    },
  };
}
