import type { z } from 'zod';
import { issueServiceToken } from '../auth-tokens.ts';
import { createConfigClient } from '../config/client.ts';
import type { ConfigDefinition } from '../config/define.ts';
import type { ServiceCompanion } from '../entry.ts';
import type { Logger } from '../logger.ts';
import { createRegistration, type Registration } from '../registry/registration.ts';
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
  /** Registration (started once listening), then the config watch and discovery to stop. */
  companions: ServiceCompanion[];
}

const encoder = new TextEncoder();

/** Service tokens for `service`, issued for an hour and renewed after half of it. */
export function serviceTokenSource(
  secret: string,
  service: string,
  ttlSeconds = 3600,
): () => Promise<string> {
  const key = encoder.encode(secret);
  let cached: { token: Promise<string>; renewAt: number } | undefined;
  return () => {
    const now = Date.now();
    if (!cached || now >= cached.renewAt) {
      cached = {
        token: issueServiceToken(key, service, ttlSeconds),
        renewAt: now + (ttlSeconds * 1000) / 2,
      };
    }
    return cached.token;
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
  if (!centerUrl) {
    logger.info('no CONFIG_URL: running on the config defaults, not registered');
    const discovery = options.discovery?.({}) as Discovery;
    return {
      config: createStaticConfig(definition),
      registration: undefined,
      discovery,
      companions: closing(discovery),
    };
  }
  if (!env.SERVICE_TOKEN_SECRET) {
    throw new Error('SERVICE_TOKEN_SECRET is required with CONFIG_URL');
  }
  const token = serviceTokenSource(env.SERVICE_TOKEN_SECRET, service);
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
      ? { snapshotPath: `${snapshotDir}/${env.CONFIG_NAMESPACE}/${service}.json` }
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
  return {
    config,
    registration,
    discovery,
    companions: [registration, { stop: () => config.stop() }, ...closing(discovery)],
  };
}

function closing(discovery: unknown): ServiceCompanion[] {
  const close = (discovery as { close?: () => void } | undefined)?.close;
  if (typeof close !== 'function') {
    return [];
  }
  return [{ stop: async () => close.call(discovery) }];
}
