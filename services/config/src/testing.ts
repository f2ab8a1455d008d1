import type { DbHandle } from '@trellis/db';
import {
  issueServiceToken,
  type Logger,
  startBackgroundTasks,
  stopBackgroundTasks,
  type TokenSecrets,
} from '@trellis/kit';
import { captureLogger, listen } from '@trellis/kit/testing';
import { SignJWT } from 'jose';
import { createConfigApp } from './app.ts';
import { type ConfigDeps, createConfigRuntime } from './deps.ts';

const encoder = new TextEncoder();

/** Token secrets of test centers; the user secret is the users service's test secret. */
export const testTokenSecrets: TokenSecrets = {
  service: encoder.encode('test-service-secret-test-service-secret'),
  user: encoder.encode('test-secret-test-secret-test-secret!'),
  userIssuer: 'trellis-users',
};

export const testEncryptionKey = new Uint8Array(32).map((_, i) => (i * 37 + 11) % 256);

/** A service token a test center accepts. */
export function testServiceToken(service: string): Promise<string> {
  return issueServiceToken(testTokenSecrets.service, service);
}

export interface TestUser {
  id: string;
  email: string;
  roles: string[];
}

/** An access token as the users service issues them, which a test center accepts. */
export function testUserToken(user: TestUser): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ email: user.email, name: user.email, roles: user.roles })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(user.id)
    .setIssuer('trellis-users')
    .setIssuedAt(now)
    .setExpirationTime(now + 900)
    .sign(testTokenSecrets.user);
}

export interface TestConfigCenterOptions {
  database: Pick<DbHandle, 'db' | 'sql'>;
  /** Defaults to a captured logger, its lines in `logLines`. */
  logger?: Logger;
  pingIntervalMs?: number;
  instanceId?: string;
}

export interface TestConfigCenter {
  app: ReturnType<typeof createConfigApp>;
  deps: ConfigDeps;
  logLines: Record<string, unknown>[];
  /** Serves the app over HTTP on a free port; closed by `stop()`. */
  serve(): Promise<{ url: string; close(): Promise<void> }>;
  /** Ends watch streams, LISTEN and any servers started by `serve()`. */
  stop(): Promise<void>;
}

/** A config center on `database` with test secrets, wired and started as in production. */
export async function startTestConfigCenter(
  options: TestConfigCenterOptions,
): Promise<TestConfigCenter> {
  const captured = captureLogger('config');
  const logger = options.logger ?? captured.logger;
  const { deps, backgroundTasks } = createConfigRuntime({
    database: options.database,
    tokens: testTokenSecrets,
    encryptionKey: testEncryptionKey,
    logger,
    pingIntervalMs: options.pingIntervalMs ?? 15_000,
    notifierHealthIntervalMs: 1000,
  });
  const app = createConfigApp({
    deps,
    logger,
    version: 'test',
    instanceId: options.instanceId ?? 'config-test',
    ping: async () => {},
  });
  await startBackgroundTasks(backgroundTasks, logger);
  const servers: { close(): Promise<void> }[] = [];
  return {
    app,
    deps,
    logLines: captured.lines,
    async serve() {
      const server = await listen(app.fetch);
      servers.push(server);
      return server;
    },
    async stop() {
      await stopBackgroundTasks(backgroundTasks, logger);
      await Promise.all(servers.map((server) => server.close().catch(() => {})));
    },
  };
}
