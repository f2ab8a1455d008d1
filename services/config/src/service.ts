import { defineService } from '@trellis/kit';
import { decodeEncryptionKey } from './config/secrets.ts';
import { type ConfigDeps, createConfigRuntime } from './deps.ts';
import { configEnvSchema } from './env.ts';
import { createConfigRouter } from './routes/config/index.ts';
import { createRegistryRouter } from './routes/registry/index.ts';

/**
 * The config center and service registry, declared. It is the platform the other services
 * connect to, so it declares no live config: it neither loads one nor registers.
 */
export const configService = defineService({
  name: 'config',
  description:
    'Typed, versioned configuration per namespace and service — drafts, releases, diff, ' +
    'rollback, gray release, approvals, audit, encrypted secrets, live watch — and the ' +
    'registry of running instances.',
  envSchema: configEnvSchema,
  routes: [createConfigRouter, createRegistryRouter],
  // Every instance heartbeats every few seconds and reports each config it applies.
  quietRoutes: [
    '/v1/registry/instances/{instanceId}/heartbeat',
    '/v1/config/{namespace}/{service}/applied',
  ],
  deps: ({ env, database, logger, runInBackground }): ConfigDeps => {
    const encryptionKey = decodeEncryptionKey(env.CONFIG_ENCRYPTION_KEY);
    if (!encryptionKey) {
      throw new Error('CONFIG_ENCRYPTION_KEY must be 32 bytes in base64');
    }
    const { deps, backgroundTasks } = createConfigRuntime({
      database,
      encryptionKey,
      logger,
    });
    backgroundTasks.forEach(runInBackground);
    return deps;
  },
});
