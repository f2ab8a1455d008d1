import type { Database, DbHandle } from '@trellis/db';
import type { Hono } from 'hono';
import type { Registry } from 'prom-client';
import type { z } from 'zod';
import type { BackgroundTask } from './background-tasks.ts';
import type { ConfigDefinition } from './config/define.ts';
import { contractOnlyDeps } from './contract.ts';
import type { logLevelSchema } from './env.ts';
import type { IdentitySettings } from './identity/identify.ts';
import type { UserTokenVerifier } from './identity/user-tokens.ts';
import { createLogger, type Logger } from './logger.ts';
import type { Subscriber } from './messaging/subscriber.ts';
import type { ServiceMetrics } from './metrics.ts';
import type { PlatformEnv } from './platform/env.ts';
import type { LiveConfig } from './platform/live-config.ts';
import type { Resilience } from './resilience/engine.ts';
import { assertAccessDeclared } from './route.ts';
import {
  createService,
  type EdgeMiddleware,
  type OpenApiDocument,
  openApiDocumentOf,
  type ServiceApp,
} from './service.ts';
import type { ClientFactories, DiscoveryOptions, UpstreamEnv } from './upstreams.ts';

/** What every service's environment holds (`baseEnvSchema` plus its PORT). */
export interface ServiceEnv {
  HOST: string;
  PORT: number;
  DATABASE_URL: string;
  LOG_LEVEL: z.infer<typeof logLevelSchema>;
  INSTANCE_ID?: string | undefined;
  SERVICE_VERSION: string;
}

/** What a service's runtime-agnostic app is built from: by the entries, tests and the contract. */
export interface AppOptions<Deps> {
  /** The engine the service's rules live in; `connectPlatform` makes one. */
  resilience?: Resilience | undefined;
  deps: Deps;
  logger: Logger;
  version: string;
  instanceId: string;
  ping: () => Promise<void>;
  /** How callers' credentials are checked; without it only public routes answer. */
  identity?: IdentitySettings | undefined;
  /** The registry `/metrics` serves; the one the wiring handed to `deps`, when there is one. */
  metrics?: ServiceMetrics | undefined;
}

/** What the kit has made by the time it asks a service for its deps. */
export interface ServiceWiring<Env> {
  env: Env;
  instanceId: string;
  logger: Logger;
  database: DbHandle;
  /** Adds work to start once the server listens and to stop before it drains. */
  runInBackground(task: BackgroundTask): void;
  /** The registry `/metrics` serves, for the service's own metrics (a relay's, a queue's). */
  metrics: Registry;
}

/** The deps every platform service starts from: its database, the clock, its live config. */
export interface BaseDeps<Config> {
  db: Database;
  now: () => Date;
  /** Live config; read at request time so a change applies without a restart. */
  config: LiveConfig<Config>;
}

/** The wiring of a service on the platform: its live config, engine and typed clients too. */
export interface PlatformWiring<Env, Config, Clients> extends ServiceWiring<Env> {
  config: LiveConfig<Config>;
  resilience: Resilience;
  clients: Clients;
  /** `{ db, now, config }` and every client under its upstream's name. */
  baseDeps: BaseDeps<Config> & Clients;
}

/** What a service's `subscriptions` are declared with: its deps and the kit's `subscribe`. */
export interface SubscriptionWiring<Deps> {
  deps: Deps;
  /** `subscribe(topic, group, handler, options)` of `@trellis/kit/messaging`. */
  subscribe: Subscriber['subscribe'];
  logger: Logger;
}

/**
 * A router factory, e.g. `createOrdersRouter`; each is mounted at `/`. Any router goes, as
 * with Hono's `route()`: one typed with a part of the deps (the registry's) is as good as one
 * typed with all of them, and Hono's types are invariant in the deps.
 */
// biome-ignore lint/suspicious/noExplicitAny: see above
export type RouterFactory = () => Hono<any, any, any>;

interface AppDeclaration {
  /** The service's name: its logs, metrics, registration, config and `trellis-<name>` db pool. */
  name: string;
  /** The first paragraph of its OpenAPI document. */
  description: string;
  routes: readonly RouterFactory[];
  /** Route templates whose successful requests are logged at debug: machine chatter. */
  quietRoutes?: readonly string[];
  /** The OpenAPI document to serve and publish instead of the routes' own (the gateway's). */
  document?: () => OpenApiDocument;
  /** An edge service's middleware for outside callers (see `EdgeMiddleware`). */
  edge?: () => EdgeMiddleware;
  /**
   * Checks user access tokens itself rather than through users' JWKS at `JWKS_URL`: the users
   * service, which holds the keys.
   */
  // biome-ignore lint/suspicious/noExplicitAny: any service's env
  verifyUserTokens?: (wiring: ServiceWiring<any>) => UserTokenVerifier;
}

/**
 * A business service: it loads its live config from the center, registers, discovers its
 * upstreams and runs under its resilience engine.
 */
export interface PlatformServiceDeclaration<
  Env,
  Schema extends z.ZodObject,
  Discovery,
  Clients,
  Deps,
> extends AppDeclaration {
  envSchema: z.ZodType<Env>;
  config: ConfigDefinition<Schema>;
  /** Builds the discovery clients resolve through: `registryDiscovery` from `@trellis/client`. */
  discovery?: (options: DiscoveryOptions) => Discovery;
  /** `{ users: (options) => createClient('users', options) }`; env needs `USERS_URL` and co. */
  clients?: ClientFactories<Clients, Discovery>;
  /** What the routes are given; `({ baseDeps }) => baseDeps` when they need nothing more. */
  deps: (wiring: PlatformWiring<Env, z.output<Schema>, Clients>) => Deps;
  /** Its subscriptions to topics; on Node they run while REDIS_URL is set (`runOnNode`). */
  subscriptions?: (wiring: SubscriptionWiring<Deps>) => void;
}

/** The config center: it *is* the platform, so it neither loads live config nor registers. */
export interface PlatformItselfDeclaration<Env, Deps> extends AppDeclaration {
  envSchema: z.ZodType<Env>;
  config?: undefined;
  deps: (wiring: ServiceWiring<Env>) => Deps;
  subscriptions?: (wiring: SubscriptionWiring<Deps>) => void;
}

export type ServiceDeclaration<Env, Deps> =
  // biome-ignore lint/suspicious/noExplicitAny: the kit treats every config schema alike
  PlatformServiceDeclaration<Env, any, any, any, Deps> | PlatformItselfDeclaration<Env, Deps>;

/** A declared service: what the entries run, tests build apps from, the contract is read from. */
export type ServiceDefinition<Env, Deps> = ServiceDeclaration<Env, Deps> & {
  /** The runtime-agnostic app; Node and Deno entries serve it, tests build it with a fixed clock. */
  createApp(options: AppOptions<Deps>): ServiceApp<Deps>;
  /** The OpenAPI document as the code defines it; `npm run contracts` writes it out. */
  contract(): ReturnType<typeof openApiDocumentOf>;
};

function appFactory<Deps>(
  declaration: AppDeclaration,
): (options: AppOptions<Deps>) => ServiceApp<Deps> {
  return (options: AppOptions<Deps>): ServiceApp<Deps> => {
    const app = createService({
      name: declaration.name,
      version: options.version,
      instanceId: options.instanceId,
      description: declaration.description,
      logger: options.logger,
      deps: options.deps,
      ...(options.resilience ? { resilience: options.resilience } : {}),
      ...(options.identity ? { identity: options.identity } : {}),
      ...(options.metrics ? { metrics: options.metrics } : {}),
      readiness: { database: options.ping },
      ...(declaration.quietRoutes ? { quietRoutes: declaration.quietRoutes } : {}),
      ...(declaration.document ? { document: declaration.document } : {}),
      ...(declaration.edge ? { edge: declaration.edge() } : {}),
    });
    for (const router of declaration.routes) {
      app.route('/', router());
    }
    assertAccessDeclared(app);
    return app;
  };
}

/**
 * Declares a service: what it is called, what it reads from the environment, its live config,
 * its routes and what they are given. The kit does the rest on Node (`runOnNode`) and Deno
 * (`runOnDeno`): instance id, logger, platform connection, log level, database pool, typed
 * clients, the app, readiness and the background tasks.
 */
export function defineService<
  Env extends ServiceEnv & PlatformEnv & UpstreamEnv<Extract<keyof Clients, string>>,
  Schema extends z.ZodObject,
  Discovery = undefined,
  Clients = Record<never, never>,
  Deps = unknown,
>(
  declaration: PlatformServiceDeclaration<Env, Schema, Discovery, Clients, Deps>,
): ServiceDefinition<Env, Deps>;
export function defineService<Env extends ServiceEnv, Deps>(
  declaration: PlatformItselfDeclaration<Env, Deps>,
): ServiceDefinition<Env, Deps>;
export function defineService<Env, Deps>(
  declaration: ServiceDeclaration<Env, Deps>,
): ServiceDefinition<Env, Deps> {
  const createApp = appFactory<Deps>(declaration);
  return {
    ...declaration,
    createApp,
    contract: () =>
      openApiDocumentOf(
        createApp({
          deps: contractOnlyDeps(),
          logger: createLogger({
            service: declaration.name,
            instance: 'contract',
            level: 'silent',
          }),
          version: '1.0.0',
          instanceId: 'contract',
          ping: async () => {},
        }),
      ),
  };
}
