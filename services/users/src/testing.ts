import type { TestDatabase } from '@trellis/db/testing';
import {
  createStaticConfig,
  decodeEncryptionKey,
  type IdentitySettings,
  type LiveConfig,
  type Logger,
  type Resilience,
  type Role,
  type UserTokenVerifier,
} from '@trellis/kit';
import { captureLogger, type JsonRequester, jsonRequester, listen } from '@trellis/kit/testing';
import { createUsersApp } from './app.ts';
import { auditFirstKey } from './audit.ts';
import { type UsersConfig, usersConfig } from './config.ts';
import type { UsersDeps } from './deps.ts';
import { createSigningKeyStore, type SigningKeyStore } from './signing-keys.ts';
import { tokenKeyMaterial } from './token-key.ts';
import { createUserTokenVerifier, issueAccessToken } from './tokens.ts';

/** The TOKEN_KEY_ENCRYPTION_KEY of test apps (32 bytes, base64). */
export const testTokenKeyEncryptionKey = btoa('test-token-key-test-token-key-32');

export interface TestUsersOptions {
  database: Pick<TestDatabase, 'db' | 'ping'>;
  /** Read on every request, so tests move time by assigning `clock.now`. */
  clock: { now: Date };
  /** Defaults to a captured logger nobody reads. */
  logger?: Logger;
  /** Defaults to the schema defaults, held in memory. */
  config?: LiveConfig<UsersConfig>;
  /**
   * Whose credentials else to trust: its service keys and metrics token are used, and its user
   * verifier (a test identity's) is tried after users' own keys, so a harness may sign users in
   * through users or mint their tokens itself.
   */
  identity?: IdentitySettings;
  accessTokenTtlSeconds?: number;
  refreshTokenTtlSeconds?: number;
  /** PBKDF2 iterations; 1000 (cheap) unless a test measures the cost of a sign-in. */
  passwordIterations?: number;
  /** The engine the app's rules run in; one with no rules when omitted. */
  resilience?: Resilience;
}

/** Whom a token is minted for; the user need not exist for a role check. */
export interface TokenUser {
  id: string;
  roles?: Role[];
  email?: string;
  sessionId?: string;
}

/** An admin that exists nowhere but in the tokens minted for it. */
export const testAdmin: TokenUser = {
  id: `usr_${'a'.repeat(32)}`,
  roles: ['admin'],
  email: 'test-admin@example.com',
};

export interface TestUsers {
  app: ReturnType<typeof createUsersApp>;
  keys: SigningKeyStore;
  /** An access token signed by this app's own signing key, at the clock's time. */
  tokenFor(user: TokenUser): Promise<string>;
  /** `Authorization` for a user (an admin by default). */
  as(user?: TokenUser): Promise<Record<string, string>>;
  /** Requests in process, as `testAdmin` unless the request names someone else. */
  request: JsonRequester;
}

function eitherVerifier(own: UserTokenVerifier, other?: UserTokenVerifier): UserTokenVerifier {
  if (!other) {
    return own;
  }
  return (token) => own(token).catch(() => other(token));
}

function testDeps(
  options: TestUsersOptions,
  keys: SigningKeyStore,
  digest: UsersDeps['digestSecret'],
): UsersDeps {
  return {
    db: options.database.db,
    now: () => options.clock.now,
    tokens: {
      keys,
      access: { issuer: 'trellis-users', ttlSeconds: options.accessTokenTtlSeconds ?? 900 },
      refreshTtlSeconds: options.refreshTokenTtlSeconds ?? 30 * 86_400,
    },
    digestSecret: digest,
    passwordIterations: options.passwordIterations ?? 1000,
    config: options.config ?? createStaticConfig(usersConfig),
  };
}

/** A users app on `database` with a fixed token key and cheap password hashing. */
export function createTestUsers(options: TestUsersOptions): TestUsers {
  const { database, clock } = options;
  const now = () => clock.now;
  const material = tokenKeyMaterial(
    decodeEncryptionKey(testTokenKeyEncryptionKey) as Uint8Array<ArrayBuffer>,
  );
  const keys = createSigningKeyStore({
    db: database.db,
    cipher: material.cipher,
    now,
    accessTokenTtlSeconds: options.accessTokenTtlSeconds ?? 900,
    onFirstKey: auditFirstKey(now),
  });
  const own = createUserTokenVerifier(keys, 'trellis-users', now);
  const app = createUsersApp({
    deps: testDeps(options, keys, material.digestSecret),
    identity: {
      ...options.identity,
      verifyUser: eitherVerifier(own, options.identity?.verifyUser),
      now: () => clock.now.getTime(),
    },
    resilience: options.resilience,
    logger: options.logger ?? captureLogger('users').logger,
    version: 'test',
    instanceId: 'users-test',
    ping: database.ping,
  });
  const tokenFor = async (user: TokenUser) =>
    issueAccessToken(
      {
        id: user.id,
        email: user.email ?? `${user.id}@example.com`,
        roles: user.roles ?? ['member'],
      },
      user.sessionId ?? 'ses_test',
      await keys.signer(),
      { issuer: 'trellis-users', ttlSeconds: options.accessTokenTtlSeconds ?? 900 },
      clock.now,
    );
  const as = async (user: TokenUser = testAdmin) => ({
    authorization: `Bearer ${await tokenFor(user)}`,
  });
  return { app, keys, tokenFor, as, request: jsonRequester(app, () => as()) };
}

/** The users app alone, as `createTestUsers` makes it. */
export function createTestUsersApp(options: TestUsersOptions) {
  return createTestUsers(options).app;
}

/** A test users app served over HTTP on a free port, for services that call users. */
export async function serveTestUsers(
  options: TestUsersOptions,
): Promise<TestUsers & { url: string; close(): Promise<void> }> {
  const users = createTestUsers(options);
  const server = await listen(users.app.fetch);
  return { ...users, url: server.url, close: server.close };
}
