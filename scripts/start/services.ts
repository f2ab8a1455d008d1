import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from './config.ts';
import { eachLine, formatLogLine } from './log-lines.ts';
import { isPortFree } from './ports.ts';
import { printLines } from './terminal.ts';

/** The config center first: every other service loads its config and registers there. */
export const serviceNames = ['config', 'users', 'orders', 'meetings'] as const;
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

export interface ExitInfo {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface RunningService {
  spec: ServiceSpec;
  exited: Promise<ExitInfo>;
  /** SIGTERM, then SIGKILL if it has not drained and exited within `graceMs`. */
  stop(graceMs?: number): Promise<ExitInfo>;
}

const tsxLoader = import.meta.resolve('tsx');

/** Runs `node --import tsx <entry>` with the service's environment, its output prefixed. */
export function spawnService(spec: ServiceSpec): RunningService {
  const child: ChildProcess = spawn(process.execPath, ['--import', tsxLoader, spec.entry], {
    cwd: repoRoot,
    env: { ...process.env, ...spec.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (child.stdout) {
    eachLine(child.stdout, (line) => printLines(spec.name, formatLogLine(line), 'magenta'));
  }
  if (child.stderr) {
    eachLine(child.stderr, (line) => printLines(spec.name, line, 'magenta', 'red'));
  }
  const exited = new Promise<ExitInfo>((resolve) => {
    child.once('error', () => resolve({ code: null, signal: null }));
    child.once('exit', (code, signal) => resolve({ code, signal }));
  });
  const alive = () => child.exitCode === null && child.signalCode === null;
  return {
    spec,
    exited,
    async stop(graceMs = 15_000) {
      if (alive()) {
        child.kill('SIGTERM');
      }
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      const info = await exited;
      clearTimeout(timer);
      return info;
    },
  };
}

export function describeExit(info: ExitInfo): string {
  return info.signal ? `was killed by ${info.signal}` : `exited with code ${info.code}`;
}

/** Polls `/readyz` until it answers 200; fails early if the process exits or a stop is asked. */
export async function waitUntilReady(
  service: RunningService,
  options: { timeoutMs: number; cancelled: () => boolean },
): Promise<void> {
  let exit: ExitInfo | undefined;
  void service.exited.then((info) => {
    exit = info;
  });
  const url = `${baseUrl(service.spec.port)}/readyz`;
  const deadline = Date.now() + options.timeoutMs;
  let last = 'no answer';
  while (Date.now() < deadline) {
    if (exit) {
      throw new Error(`${service.spec.name} ${describeExit(exit)} before it was ready`);
    }
    if (options.cancelled()) {
      return;
    }
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(1000) });
      if (response.ok) {
        return;
      }
      last = `${response.status} ${await response.text()}`;
    } catch (error) {
      last = error instanceof Error ? error.message : String(error);
    }
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
  throw new Error(`${service.spec.name} was not ready after ${options.timeoutMs} ms (${last})`);
}

export interface ServiceGroup {
  /** Settles once every service answers `/readyz`, or rejects with the first that cannot. */
  ready: Promise<void>;
  stop(): Promise<void>;
}

/** Checks the ports, spawns every service at once and watches them until `stop()`. */
export async function startServices(
  specs: ServiceSpec[],
  options: { onUnexpectedExit: (reason: string) => void; cancelled: () => boolean },
): Promise<ServiceGroup> {
  for (const spec of specs) {
    if (!(await isPortFree(spec.port))) {
      const variable = `${spec.name.toUpperCase()}_PORT`;
      throw new Error(`port ${spec.port} for ${spec.name} is in use; free it or set ${variable}`);
    }
  }
  let stopping = false;
  const running = specs.map((spec) => {
    const service = spawnService(spec);
    void service.exited.then((info) => {
      if (!stopping) {
        options.onUnexpectedExit(`${spec.name} ${describeExit(info)} unexpectedly`);
      }
    });
    return service;
  });
  const ready = Promise.all(
    running.map((service) =>
      waitUntilReady(service, { timeoutMs: 60_000, cancelled: options.cancelled }),
    ),
  ).then(() => {});
  return {
    ready,
    async stop() {
      stopping = true;
      await Promise.all(running.map((service) => service.stop()));
    },
  };
}
