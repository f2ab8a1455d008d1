import { createTestDatabase, type TestDatabase } from '@trellis/db/testing';
import { createStaticConfig, type StaticConfig, type z } from '@trellis/kit';
import { captureLogger, type JsonRequester, jsonRequester } from '@trellis/kit/testing';
import { inject } from 'vitest';
import type { createUsersApp } from '../src/app.ts';
import { type UsersConfig, usersConfig } from '../src/config.ts';
import { createTestUsersApp } from '../src/testing.ts';

export interface UsersHarness {
  app: ReturnType<typeof createUsersApp>;
  database: TestDatabase;
  logLines: Record<string, unknown>[];
  clock: { now: Date };
  request: JsonRequester;
  /** The app's live config, held in memory; `config.set()` changes it between requests. */
  config: StaticConfig<UsersConfig, z.input<typeof usersConfig.schema>>;
}

/** A users app on its own fresh database, with a settable clock and captured logs. */
export async function createUsersHarness(): Promise<UsersHarness> {
  const database = await createTestDatabase(inject('adminDatabaseUrl'));
  const { logger, lines } = captureLogger('users');
  const clock = { now: new Date('2026-11-26T10:00:00.000Z') };
  const config = createStaticConfig(usersConfig);
  const app = createTestUsersApp({ database, clock, logger, config });
  return { app, database, logLines: lines, clock, request: jsonRequester(app), config };
}
