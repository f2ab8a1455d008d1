import { createService, type Logger } from '@trellis/kit';
import type { ConfigDeps } from './deps.ts';
import { createConfigRouter } from './routes/config/index.ts';
import { createRegistryRouter } from './routes/registry/index.ts';

export interface ConfigAppOptions {
  deps: ConfigDeps;
  logger: Logger;
  version: string;
  instanceId: string;
  ping: () => Promise<void>;
}

/** The config center and service registry, runtime-agnostic: Node and Deno entries serve it. */
export function createConfigApp(options: ConfigAppOptions) {
  const app = createService({
    name: 'config',
    version: options.version,
    instanceId: options.instanceId,
    description:
      'Typed, versioned configuration per namespace and service — drafts, releases, diff, ' +
      'rollback, gray release, approvals, audit, encrypted secrets, live watch — and the ' +
      'registry of running instances.',
    logger: options.logger,
    deps: options.deps,
    readiness: { database: options.ping },
    // Every instance heartbeats every few seconds and reports each config it applies.
    quietRoutes: [
      '/v1/registry/instances/{instanceId}/heartbeat',
      '/v1/config/{namespace}/{service}/applied',
    ],
  });
  app.route('/', createConfigRouter());
  app.route('/', createRegistryRouter());
  return app;
}
