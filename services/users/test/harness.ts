import { createTestDatabase, type TestDatabase } from '@trellis/db/testing';
import { createStaticConfig, type StaticConfig, type z } from '@trellis/kit';
import {
  captureLogger,
  createTestIdentity,
  type JsonRequester,
  jsonRequester,
  type TestIdentity,
} from '@trellis/kit/testing';
import { inject } from 'vitest';
import type { createUsersApp } from '../src/app.ts';
import { type UsersConfig, usersConfig } from '../src/config.ts';
import type { SigningKeyStore } from '../src/signing-keys.ts';
import {
  createTestUsers,
  type TestUsersOptions,
  type TokenUser,
  testAdmin,
} from '../src/testing.ts';

export interface UsersHarness {
  app: ReturnType<typeof createUsersApp>;
  database: TestDatabase;
  logLines: Record<string, unknown>[];
  clock: { now: Date };
  /** Requests as an admin (`testAdmin`); a request's own `authorization` wins. */
  request: JsonRequester;
  /** Requests with no credentials. */
  anonymous: JsonRequester;
  /** Requests as `user`, with an access token users signed. */
  requestAs(user: TokenUser): JsonRequester;
  /** Requests as `service`, with its own service token, acting for `user` if given. */
  requestAsService(service: string, user?: TokenUser): JsonRequester;
  tokenFor(user: TokenUser): Promise<string>;
  keys: SigningKeyStore;
  /** Service keys the app trusts; made on first use. */
  identity: TestIdentity;
  /** The app's live config, held in memory; `config.set()` changes it between requests. */
  config: StaticConfig<UsersConfig, z.input<typeof usersConfig.schema>>;
}

export type UsersHarnessOptions = Pick<
  TestUsersOptions,
  'accessTokenTtlSeconds' | 'refreshTokenTtlSeconds' | 'resilience' | 'passwordIterations'
>;

/** A users app on its own fresh database, with a settable clock and captured logs. */
export async function createUsersHarness(options: UsersHarnessOptions = {}): Promise<UsersHarness> {
  const database = await createTestDatabase(inject('adminDatabaseUrl'));
  const { logger, lines } = captureLogger('users');
  const clock = { now: new Date('2026-11-26T10:00:00.000Z') };
  const config = createStaticConfig(usersConfig);
  const identity = await createTestIdentity();
  const users = createTestUsers({
    database,
    clock,
    logger,
    config,
    identity: { serviceKeys: identity.settings.serviceKeys ?? {} },
    ...options,
  });
  const requestAs = (user: TokenUser) => jsonRequester(users.app, () => users.as(user));
  return {
    app: users.app,
    database,
    logLines: lines,
    clock,
    config,
    request: requestAs(testAdmin),
    anonymous: jsonRequester(users.app),
    requestAs,
    requestAsService: (service, user) =>
      jsonRequester(users.app, async () => ({
        authorization: `Bearer ${await identity.serviceToken(service, 'users')}`,
        ...(user ? { 'x-trellis-user-token': await users.tokenFor(user) } : {}),
      })),
    tokenFor: users.tokenFor,
    keys: users.keys,
    identity,
  };
}
