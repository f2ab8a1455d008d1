import { createDb, type DbHandle } from '@trellis/db';
import type { BackgroundTask } from './background-tasks.ts';
import type {
  PlatformServiceDeclaration,
  ServiceDefinition,
  ServiceEnv,
  ServiceWiring,
} from './define-service.ts';
import { identityFromEnv } from './identity/from-env.ts';
import { createLogger, type Logger } from './logger.ts';
import { createMetrics } from './metrics.ts';
import { connectPlatform } from './platform/connect.ts';
import type { PlatformEnv } from './platform/env.ts';
import { followLogLevel } from './platform/live-config.ts';
import { buildClients, fallbackUrls } from './upstreams.ts';

/** A declared service, wired and ready to serve; what the Node and Deno entries run. */
export interface StartedService<Deps = unknown> {
  app: { fetch: (request: Request) => Response | Promise<Response> };
  instanceId: string;
  logger: Logger;
  /** What the routes were given; the Node entry hands them to the service's subscriptions. */
  deps: Deps;
  database: DbHandle;
  /** Started once the server listens, stopped first on shutdown. */
  backgroundTasks: BackgroundTask[];
}

/** What the runtime entry gives a service beyond its environment. */
export interface RuntimeOptions {
  /** What the typed clients send their calls with; the global fetch when absent. */
  fetch?: (request: Request) => Promise<Response>;
}

/** Loads the live config, prepares the registration and discovery, follows the log level. */
async function joinPlatform<Env extends ServiceEnv, Deps>(
  // biome-ignore lint/suspicious/noExplicitAny: any config schema, discovery and clients
  service: PlatformServiceDeclaration<Env, any, any, any, Deps>,
  env: Env,
  instanceId: string,
  logger: Logger,
  runtime: RuntimeOptions,
) {
  const discover = service.discovery;
  const upstreams = Object.keys(service.clients ?? {});
  const platform = await connectPlatform({
    service: service.name,
    instanceId,
    env: env as Env & PlatformEnv,
    definition: service.config,
    logger,
    ...(discover
      ? {
          discovery: (registry) =>
            discover({ ...registry, fallback: fallbackUrls(upstreams, env), logger }),
        }
      : {}),
  });
  followLogLevel(platform.config, logger, env.LOG_LEVEL);
  const clients = buildClients(service.clients ?? {}, {
    tokens: platform.tokens,
    discovery: platform.discovery,
    resilience: platform.resilience,
    env,
    fetch: runtime.fetch,
  });
  return { ...platform, clients };
}

/**
 * Wires a declared service from its parsed environment. Resolves once the live config is
 * loaded (from the center, its snapshot or the defaults), so it serves with config from its
 * first request; upstreams are found through the registry, else at their `<NAME>_URL`.
 */
export async function startService<Env extends ServiceEnv, Deps>(
  service: ServiceDefinition<Env, Deps>,
  env: Env,
  runtime: RuntimeOptions = {},
): Promise<StartedService<Deps>> {
  const instanceId = env.INSTANCE_ID ?? `${service.name}-${crypto.randomUUID().slice(0, 8)}`;
  const logger = createLogger({
    service: service.name,
    instance: instanceId,
    level: env.LOG_LEVEL,
  });
  const platform = service.config
    ? await joinPlatform(service, env, instanceId, logger, runtime)
    : undefined;
  const database = createDb(env.DATABASE_URL, { applicationName: `trellis-${service.name}` });
  const serviceTasks: BackgroundTask[] = [];
  const metrics = createMetrics({ service: service.name, instance: instanceId });
  const wiring: ServiceWiring<Env> = {
    env,
    instanceId,
    logger,
    database,
    metrics: metrics.registry,
    runInBackground: (task) => {
      serviceTasks.push(task);
    },
  };
  const deps =
    service.config && platform
      ? service.deps({
          ...wiring,
          config: platform.config,
          resilience: platform.resilience,
          clients: platform.clients,
          baseDeps: {
            db: database.db,
            now: () => new Date(),
            config: platform.config,
            ...platform.clients,
          },
        })
      : (service.deps as (wiring: ServiceWiring<Env>) => Deps)(wiring);
  const identity = identityFromEnv(env as Partial<PlatformEnv>, service.verifyUserTokens?.(wiring));
  const app = service.createApp({
    identity,
    resilience: platform?.resilience,
    deps,
    logger,
    version: env.SERVICE_VERSION,
    instanceId,
    ping: database.ping,
    metrics,
  });
  // The service's own work starts first and the registration after it, so it is announced
  // only once it can do that work.
  const backgroundTasks = [...serviceTasks, ...(platform?.backgroundTasks ?? [])];
  return { app, instanceId, logger, deps, database, backgroundTasks };
}
