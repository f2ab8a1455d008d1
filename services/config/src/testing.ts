import type { DbHandle } from '@trellis/db';
import {
  type IdentitySettings,
  type Logger,
  startBackgroundTasks,
  stopBackgroundTasks,
  trustSetOf,
} from '@trellis/kit';
import { captureLogger, listen, type TestIdentity, type TestServer } from '@trellis/kit/testing';
import { createConfigApp } from './app.ts';
import { type ConfigDeps, createConfigRuntime } from './deps.ts';

export const testEncryptionKey = new Uint8Array(32).map((_, i) => (i * 37 + 11) % 256);

export interface TestConfigCenterOptions {
  database: Pick<DbHandle, 'db' | 'sql'>;
  /** Whose credentials the center accepts: `createTestIdentity().settings` in tests. */
  identity: IdentitySettings;
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

/** A config center on `database` trusting `identity`, wired and started as in production. */
export async function startTestConfigCenter(
  options: TestConfigCenterOptions,
): Promise<TestConfigCenter> {
  const captured = captureLogger('config');
  const logger = options.logger ?? captured.logger;
  const { deps, backgroundTasks } = createConfigRuntime({
    database: options.database,
    encryptionKey: testEncryptionKey,
    logger,
    pingIntervalMs: options.pingIntervalMs ?? 15_000,
    notifierHealthIntervalMs: 1000,
  });
  const app = createConfigApp({
    identity: options.identity,
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

/** Serves `identity`'s user-token key as users' JWKS, for a center running in another process. */
export function serveTestJwks(identity: TestIdentity): Promise<TestServer> {
  return listen(() => Response.json({ keys: [identity.publicJwk] }));
}

/**
 * The environment a center process needs to trust `identity`: users' JWKS at `jwksUrl` and the
 * public keys of `services` (made now if they are not yet).
 */
export async function trustEnvOf(
  identity: TestIdentity,
  jwksUrl: string,
  services: readonly string[],
): Promise<{ JWKS_URL: string; SERVICE_PUBLIC_KEYS: string; METRICS_TOKEN: string }> {
  const pairs = await Promise.all(services.map((service) => identity.serviceKey(service)));
  return {
    JWKS_URL: jwksUrl,
    SERVICE_PUBLIC_KEYS: JSON.stringify(trustSetOf(pairs)),
    METRICS_TOKEN: identity.metricsToken,
  };
}
