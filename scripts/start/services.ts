import { existsSync } from 'node:fs';
import path from 'node:path';
import { type ServiceKeyPair, trustSetOf } from '@trellis/kit';
import { repoRoot } from './config.ts';
import { keepRunning } from './keep-running.ts';
import { formatLogLine } from './log-lines.ts';
import type { ProcessSpec } from './process.ts';

/**
 * The config center first: every other service loads its config and registers there. The
 * gateway last: it routes to the others through the registry.
 */
export const serviceNames = [
  'config',
  'users',
  'orders',
  'meetings',
  'messaging',
  'gateway',
] as const;
export type ServiceName = (typeof serviceNames)[number];

export interface ServiceSpec {
  name: ServiceName;
  port: number;
  /** Entry file, relative to the repository root. */
  entry: string;
  env: Record<string, string>;
}

export interface PlatformEnv {
  databaseUrl: string;
  /** Required: the messaging relay and the subscriptions queue on it. */
  redisUrl: string;
  /** Every service's own key pair: each gets its private key, all get the public ones. */
  serviceKeys: Record<ServiceName, ServiceKeyPair>;
  /** The bearer `/metrics` and `/resilience` answer besides service tokens. */
  metricsToken: string;
  /** Seals users' token signing keys in Postgres; users alone holds it. */
  tokenKeyEncryptionKey: string;
  /** Seals webhook endpoints' signing secrets in Postgres; messaging alone holds it. */
  webhookEncryptionKey: string;
  accessTokenTtlSeconds: number;
  configEncryptionKey: string;
  /** Where the services keep their last config, for starts while the center is down. */
  snapshotDir: string;
  logLevel: string;
  ports: Record<ServiceName, number>;
}

/** What one service alone needs: its own secrets, where the center and users are. */
function ownEnv(name: ServiceName, platform: PlatformEnv): Record<string, string> {
  if (name === 'config') {
    return { CONFIG_ENCRYPTION_KEY: platform.configEncryptionKey };
  }
  const platformEnv = {
    CONFIG_URL: baseUrl(platform.ports.config),
    CONFIG_NAMESPACE: 'dev',
    CONFIG_SNAPSHOT_DIR: platform.snapshotDir,
  };
  if (name === 'users') {
    return {
      ...platformEnv,
      TOKEN_KEY_ENCRYPTION_KEY: platform.tokenKeyEncryptionKey,
      ACCESS_TOKEN_TTL_SECONDS: String(platform.accessTokenTtlSeconds),
    };
  }
  if (name === 'messaging') {
    return {
      ...platformEnv,
      USERS_URL: baseUrl(platform.ports.users),
      WEBHOOK_ENCRYPTION_KEY: platform.webhookEncryptionKey,
    };
  }
  // Fallbacks for while the registry lists no instance of an upstream.
  const fallbacks = {
    USERS_URL: baseUrl(platform.ports.users),
    ...(name === 'gateway'
      ? {
          ORDERS_URL: baseUrl(platform.ports.orders),
          MEETINGS_URL: baseUrl(platform.ports.meetings),
          MESSAGING_URL: baseUrl(platform.ports.messaging),
        }
      : {}),
  };
  return { ...platformEnv, ...fallbacks };
}

/** Who the service is and whom it trusts: its own private key, every public key, users' JWKS. */
export function identityEnv(name: ServiceName, platform: PlatformEnv): Record<string, string> {
  return {
    SERVICE_PRIVATE_KEY: JSON.stringify(platform.serviceKeys[name].privateJwk),
    SERVICE_PUBLIC_KEYS: JSON.stringify(trustSetOf(Object.values(platform.serviceKeys))),
    METRICS_TOKEN: platform.metricsToken,
    // Users checks its own tokens against the keys it holds.
    ...(name === 'users' ? {} : { JWKS_URL: jwksUrl(platform.ports.users) }),
  };
}

export function jwksUrl(usersPort: number): string {
  return `${baseUrl(usersPort)}/.well-known/jwks.json`;
}

export const serviceHost = '127.0.0.1';

export function baseUrl(port: number): string {
  return `http://${serviceHost}:${port}`;
}

/** Each service's entry and environment; a service whose entry does not exist yet is left out. */
export function planServices(
  platform: PlatformEnv,
  root = repoRoot,
): { specs: ServiceSpec[]; missing: string[] } {
  const specs: ServiceSpec[] = [];
  const missing: string[] = [];
  for (const name of serviceNames) {
    const entry = path.join('services', name, 'src', 'main.ts');
    if (!existsSync(path.join(root, entry))) {
      missing.push(entry);
      continue;
    }
    const env: Record<string, string> = {
      PORT: String(platform.ports[name]),
      HOST: serviceHost,
      DATABASE_URL: platform.databaseUrl,
      LOG_LEVEL: platform.logLevel,
      INSTANCE_ID: `${name}-local`,
      REDIS_URL: platform.redisUrl,
      ...identityEnv(name, platform),
      ...ownEnv(name, platform),
    };
    specs.push({ name, port: platform.ports[name], entry, env });
  }
  return { specs, missing };
}

const tsxLoader = import.meta.resolve('tsx');

/** `node --import tsx <entry>` with the service's environment, its pino lines made short. */
export function serviceProcess(spec: ServiceSpec): ProcessSpec {
  return {
    name: spec.name,
    command: process.execPath,
    args: ['--import', tsxLoader, spec.entry],
    cwd: repoRoot,
    env: { ...process.env, ...spec.env },
    readyUrl: `${baseUrl(spec.port)}/readyz`,
    style: 'magenta',
    formatLine: formatLogLine,
    stopGraceMs: 15_000,
  };
}

export interface ServiceGroup {
  /** Settles once every service answers `/readyz`, or rejects with the first that cannot. */
  ready: Promise<void>;
  stop(): Promise<void>;
}

/** Starts every service at once and keeps each running (restarting it) until `stop()`. */
export function startServices(
  specs: ServiceSpec[],
  options: { cancelled: () => boolean },
): ServiceGroup {
  const kept = specs.map((spec) => keepRunning(serviceProcess(spec), options));
  return {
    ready: Promise.all(kept.map((service) => service.ready)).then(() => {}),
    async stop() {
      await Promise.all(kept.map((service) => service.stop()));
    },
  };
}
