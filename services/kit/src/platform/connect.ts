import type { RedisOptions } from 'ioredis';
import type { z } from 'zod';
import type { BackgroundTask } from '../background-tasks.ts';
import { createConfigClient } from '../config/client.ts';
import type { ConfigDefinition } from '../config/define.ts';
import { type ServiceTokenSource, serviceTokenSigner } from '../identity/service-keys.ts';
import type { Logger } from '../logger.ts';
import { createRegistration, type Registration } from '../registry/registration.ts';
import { type ClusterFlow, createClusterFlow } from '../resilience/cluster-flow.ts';
import { createResilience, followResilienceRules, type Resilience } from '../resilience/engine.ts';
import type { PlatformEnv } from './env.ts';
import { createStaticConfig, type LiveConfig } from './live-config.ts';

/** Where the registry is and how to authenticate to it; empty without a config center. */
export interface RegistryAccess {
  registryUrl?: string;
  token?: () => Promise<string>;
}

export interface ConnectPlatformOptions<Schema extends z.ZodObject, Discovery> {
  service: string;
  instanceId: string;
  env: PlatformEnv;
  definition: ConfigDefinition<Schema>;
  logger: Logger;
  /**
   * Builds the discovery the service's clients resolve through (`registryDiscovery` from
   * `@trellis/client`); closed on shutdown.
   */
  discovery?: (registry: RegistryAccess) => Discovery;
  fetch?: (request: Request) => Promise<Response>;
}

export interface Platform<T, Discovery> {
  /** Loaded before `connectPlatform` resolves: from the center, the snapshot or the defaults. */
  config: LiveConfig<T>;
  /** Undefined without CONFIG_URL. */
  registration: Registration | undefined;
  discovery: Discovery;
  /**
   * The service's resilience engine, following the config's `resilience` key (rules, shedding,
   * client policies); pass it to `createService` and to the service's typed clients.
   */
  resilience: Resilience;
  /** The service's own tokens, one per audience; undefined without SERVICE_PRIVATE_KEY. */
  tokens: ServiceTokenSource | undefined;
  /** Registration (started once listening), then the config watch and discovery to stop. */
  backgroundTasks: BackgroundTask[];
}

/** Instances of `service` the discovery knows of (itself included), at least 1. */
function instanceCounter(service: string, discovery: unknown): () => number {
  const registry = discovery as
    | { instances?: (name: string) => readonly unknown[]; resolve?: (name: string) => unknown }
    | undefined;
  if (typeof registry?.instances !== 'function') {
    return () => 1;
  }
  // Watch our own service too, so a cluster rule's per-instance share follows scaling.
  Promise.resolve(registry.resolve?.(service)).catch(() => {});
  return () => Math.max(1, registry.instances?.(service).length ?? 1);
}

/** Cluster flow limits through the Redis at `url`; loaded only when one is configured. */
async function connectClusterFlow(
  url: string,
  keyPrefix: string,
  instanceCount: () => number,
  logger: Logger,
): Promise<{ cluster: ClusterFlow; stop: () => Promise<void> }> {
  const [{ Redis }, { redisConnection }] = await Promise.all([
    import('ioredis'),
    import('../messaging/queues.ts'),
  ]);
  // Fail fast rather than queue: a call must never wait on a Redis that is gone. The URL is
  // read as the queues read it, so a Sentinel URL works here too.
  const redis = new Redis({
    ...(redisConnection(url) as RedisOptions),
    enableOfflineQueue: false,
    commandTimeout: 150,
    maxRetriesPerRequest: 1,
  });
  redis.on('error', () => {}); // the cluster flow logs its switch to fallback once
  const cluster = createClusterFlow({ redis, keyPrefix, instanceCount, logger });
  return {
    cluster,
    stop: async () => {
      await cluster.close();
      redis.disconnect();
    },
  };
}

async function followRules(
  options: { service: string; namespace: string; redisUrl: string | undefined },
  config: LiveConfig<object>,
  discovery: unknown,
  logger: Logger,
): Promise<{ resilience: Resilience; task: BackgroundTask }> {
  const instanceCount = instanceCounter(options.service, discovery);
  const redis = options.redisUrl
    ? await connectClusterFlow(
        options.redisUrl,
        `trellis:flow:${options.namespace}:${options.service}`,
        instanceCount,
        logger,
      )
    : undefined;
  const resilience = createResilience({
    instanceCount,
    logger,
    ...(redis ? { cluster: redis.cluster } : {}),
  });
  const unfollow = followResilienceRules(
    config as LiveConfig<{ resilience?: Parameters<Resilience['setRules']>[0] }>,
    resilience,
    logger,
  );
  return {
    resilience,
    task: {
      stop: async () => {
        unfollow();
        resilience.stop();
        await redis?.stop();
      },
    },
  };
}

/** The base URL other instances call: ADVERTISED_URL, else HOST:PORT (loopback for a wildcard). */
export function advertisedUrl(env: Pick<PlatformEnv, 'ADVERTISED_URL' | 'HOST' | 'PORT'>): string {
  if (env.ADVERTISED_URL) {
    return env.ADVERTISED_URL.replace(/\/+$/, '');
  }
  const host = env.HOST === '0.0.0.0' || env.HOST === '::' ? '127.0.0.1' : env.HOST;
  return `http://${host.includes(':') ? `[${host}]` : host}:${env.PORT}`;
}

/**
 * Connects a business service to the platform: loads its live config (from the center, else
 * its snapshot, else the schema defaults) before resolving, so the service serves with config
 * from its first request; prepares its registration, which the runtime entry starts once the
 * server listens and stops first on shutdown; and builds its discovery. Without CONFIG_URL the
 * config is the schema defaults and nothing registers.
 */
export async function connectPlatform<Schema extends z.ZodObject, Discovery = undefined>(
  options: ConnectPlatformOptions<Schema, Discovery>,
): Promise<Platform<z.output<Schema>, Discovery>> {
  const { env, service, instanceId, logger, definition } = options;
  const centerUrl = env.CONFIG_URL?.replace(/\/+$/, '');
  const ruleOptions = { service, namespace: env.CONFIG_NAMESPACE, redisUrl: env.REDIS_URL };
  const tokens = env.SERVICE_PRIVATE_KEY
    ? serviceTokenSigner(service, env.SERVICE_PRIVATE_KEY)
    : undefined;
  if (!centerUrl) {
    logger.info('no CONFIG_URL: running on the config defaults, not registered');
    const discovery = options.discovery?.({}) as Discovery;
    const config = createStaticConfig(definition);
    const rules = await followRules(ruleOptions, config, discovery, logger);
    return {
      config,
      registration: undefined,
      discovery,
      resilience: rules.resilience,
      tokens,
      backgroundTasks: [...closing(discovery), rules.task],
    };
  }
  if (!tokens) {
    throw new Error('SERVICE_PRIVATE_KEY is required with CONFIG_URL');
  }
  // The config center and its registry are one service: `config` is their audience.
  const token = () => tokens('config');
  const fetchOption = options.fetch ? { fetch: options.fetch } : {};
  const snapshotDir = env.CONFIG_SNAPSHOT_DIR.replace(/\/+$/, '');
  const config = createConfigClient({
    centerUrl,
    namespace: env.CONFIG_NAMESPACE,
    service,
    instanceId,
    labels: env.INSTANCE_LABELS,
    definition,
    token,
    logger,
    ...(snapshotDir
      ? {
          snapshotPath: `${snapshotDir}/${env.CONFIG_NAMESPACE}/${service}.json`,
          snapshotKey: env.SERVICE_PRIVATE_KEY?.d,
        }
      : {}),
    ...fetchOption,
  });
  await config.start();
  const registration = createRegistration({
    registryUrl: centerUrl,
    service,
    instanceId,
    address: advertisedUrl(env),
    version: env.SERVICE_VERSION,
    labels: env.INSTANCE_LABELS,
    weight: env.INSTANCE_WEIGHT,
    token,
    logger,
    ...fetchOption,
  });
  const discovery = options.discovery?.({ registryUrl: centerUrl, token }) as Discovery;
  const rules = await followRules(ruleOptions, config, discovery, logger);
  return {
    config,
    registration,
    discovery,
    resilience: rules.resilience,
    tokens,
    backgroundTasks: [
      registration,
      { stop: () => config.stop() },
      ...closing(discovery),
      rules.task,
    ],
  };
}

function closing(discovery: unknown): BackgroundTask[] {
  const close = (discovery as { close?: () => void } | undefined)?.close;
  if (typeof close !== 'function') {
    return [];
  }
  return [{ stop: async () => close.call(discovery) }];
}
