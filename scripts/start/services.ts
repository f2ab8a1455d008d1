import { existsSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from './config.ts';
import { keepRunning } from './keep-running.ts';
import { formatLogLine } from './log-lines.ts';
import type { ProcessSpec } from './process.ts';

/**
 * The config center first: every other service loads its config and registers there. The
 * gateway last: it routes to the others.
 */
export const serviceNames = ['config', 'users', 'orders', 'meetings', 'gateway'] as const;
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
  redisUrl: string | undefined;
  jwtSecret: string;
  jwtTtlSeconds: number;
  serviceTokenSecret: string;
  configEncryptionKey: string;
  /** Where the services keep their last config, for starts while the center is down. */
  snapshotDir: string;
  logLevel: string;
  ports: Record<ServiceName, number>;
}

/** What one service needs beyond the common variables. */
function serviceEnv(name: ServiceName, platform: PlatformEnv): Record<string, string> {
  if (name === 'config') {
    return {
      SERVICE_TOKEN_SECRET: platform.serviceTokenSecret,
      JWT_SECRET: platform.jwtSecret,
      CONFIG_ENCRYPTION_KEY: platform.configEncryptionKey,
    };
  }
  return {
    CONFIG_URL: baseUrl(platform.ports.config),
    CONFIG_NAMESPACE: 'dev',
    SERVICE_TOKEN_SECRET: platform.serviceTokenSecret,
    CONFIG_SNAPSHOT_DIR: platform.snapshotDir,
    ...(name === 'users'
      ? { JWT_SECRET: platform.jwtSecret, JWT_TTL_SECONDS: String(platform.jwtTtlSeconds) }
      : { USERS_URL: baseUrl(platform.ports.users) }),
    ...(name === 'gateway'
      ? {
          ORDERS_URL: baseUrl(platform.ports.orders),
          MEETINGS_URL: baseUrl(platform.ports.meetings),
        }
      : {}),
  };
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
      ...(platform.redisUrl ? { REDIS_URL: platform.redisUrl } : {}),
      ...serviceEnv(name, platform),
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
