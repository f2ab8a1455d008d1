import path from 'node:path';
import { runMigrations } from '@trellis/db';
import { demoLogins, type SeedResult } from '@trellis/db/seed';
import { type AdminSpec, buildAdmin, planAdmin, startAdmin } from './admin.ts';
import type { StartConfig } from './config.ts';
import { startDatabase } from './postgres.ts';
import { evictionWarning, startRedis } from './redis.ts';
import { type LocalSecrets, loadSecrets } from './secrets.ts';
import { seedDemo } from './seed.ts';
import { loadServiceKeys } from './service-keys.ts';
import {
  baseUrl,
  type PlatformEnv,
  planServices,
  serviceNames,
  startServices,
} from './services.ts';
import { checkSettings } from './settings.ts';
import { renderSummary } from './table.ts';
import { fail, say, warn } from './terminal.ts';

interface StopRequest {
  code: number;
  reason: string;
}

class StopRequested extends Error {}

/** The message with its causes: a failed query's cause says why (refused, auth, missing). */
function describeError(error: unknown): string {
  const parts: string[] = [];
  for (let current = error; current !== undefined && parts.length < 5; ) {
    parts.push(current instanceof Error ? current.message : String(current));
    current = current instanceof Error ? current.cause : undefined;
  }
  return parts.join(': ');
}

async function step<T>(name: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw new Error(`${name} failed: ${describeError(error)}`);
  }
}

interface Cleanup {
  name: string;
  run: () => Promise<void>;
}

/** Runs the cleanups, last started first; false if one of them failed. */
async function stopInReverse(cleanups: Cleanup[]): Promise<boolean> {
  let clean = true;
  for (const cleanup of [...cleanups].reverse()) {
    try {
      await cleanup.run();
      say(`Stopped ${cleanup.name}.`);
    } catch (error) {
      fail(`Stopping ${cleanup.name} failed: ${error instanceof Error ? error.message : error}`);
      clean = false;
    }
  }
  return clean;
}

function announceSeed(seed: SeedResult): void {
  if (seed.status === 'seeded') {
    const { users, orders, rooms, meetings } = seed.counts;
    say(
      `Demo data seeded: ${users} users, ${orders} orders, ${rooms} rooms, ${meetings} meetings.`,
    );
  } else if (seed.reason === 'already-seeded') {
    say('Demo data already present; reusing it.');
  } else {
    warn('The database already holds data, so the demo data was not seeded.');
  }
}

/** The secrets given in the environment, the others from (or generated into) the data dir. */
async function secretsFor(config: StartConfig): Promise<LocalSecrets> {
  const given = {
    adminSessionSecret: config.adminSessionSecret,
    configEncryptionKey: config.configEncryptionKey,
    tokenKeyEncryptionKey: config.tokenKeyEncryptionKey,
    webhookEncryptionKey: config.webhookEncryptionKey,
    metricsToken: config.metricsToken,
  };
  const stored = Object.values(given).every(Boolean)
    ? undefined
    : await loadSecrets(config.dataDir);
  return {
    adminSessionSecret: given.adminSessionSecret ?? stored?.adminSessionSecret ?? '',
    configEncryptionKey: given.configEncryptionKey ?? stored?.configEncryptionKey ?? '',
    tokenKeyEncryptionKey: given.tokenKeyEncryptionKey ?? stored?.tokenKeyEncryptionKey ?? '',
    webhookEncryptionKey: given.webhookEncryptionKey ?? stored?.webhookEncryptionKey ?? '',
    metricsToken: given.metricsToken ?? stored?.metricsToken ?? '',
  };
}

/** Every service's environment but the database's and Redis': keys, secrets, ports. */
async function platformEnvFor(
  config: StartConfig,
  secrets: LocalSecrets,
): Promise<Omit<PlatformEnv, 'databaseUrl' | 'redisUrl'>> {
  return {
    serviceKeys: await loadServiceKeys(config.dataDir, serviceNames),
    metricsToken: secrets.metricsToken,
    tokenKeyEncryptionKey: secrets.tokenKeyEncryptionKey,
    webhookEncryptionKey: secrets.webhookEncryptionKey,
    accessTokenTtlSeconds: config.accessTokenTtlSeconds,
    configEncryptionKey: secrets.configEncryptionKey,
    snapshotDir: path.join(config.dataDir, 'config-snapshots'),
    logLevel: config.logLevel,
    ports: config.ports,
  };
}

function adminSpecFor(config: StartConfig, secrets: LocalSecrets): AdminSpec {
  return planAdmin({
    port: config.adminPort,
    serviceUrls: {
      config: baseUrl(config.ports.config),
      users: baseUrl(config.ports.users),
      orders: baseUrl(config.ports.orders),
      meetings: baseUrl(config.ports.meetings),
      messaging: baseUrl(config.ports.messaging),
      gateway: baseUrl(config.ports.gateway),
    },
    sessionSecret: secrets.adminSessionSecret,
    metricsToken: secrets.metricsToken,
    logLevel: config.logLevel,
  });
}

/**
 * Checks the settings, brings the platform up step by step (database, Redis, migrations, seed,
 * services, console), keeps every process running until a signal, then takes everything down
 * in reverse order. A step that fails stops the start. Resolves with the exit code.
 */
export async function runPlatform(
  env: NodeJS.ProcessEnv,
  onStop: (listener: () => void) => void,
): Promise<number> {
  const startedAt = performance.now();
  const settings = await checkSettings(env);
  if (!settings.ok) {
    fail('Nothing was started: fix these settings and run npm start again.');
    for (const { setting, reason } of settings.refusals) {
      fail(`  ${setting}: ${reason}`);
    }
    return 1;
  }
  const config = settings.config;
  const cleanups: Cleanup[] = [];
  let stopRequest: StopRequest | undefined;
  let wake: () => void = () => {};
  const stopped = new Promise<void>((resolve) => {
    wake = resolve;
  });
  const requestStop = (code: number, reason: string) => {
    if (stopRequest) {
      return;
    }
    stopRequest = { code, reason };
    wake();
  };
  onStop(() => requestStop(0, 'stop requested'));
  const checkpoint = () => {
    if (stopRequest) {
      throw new StopRequested();
    }
  };

  try {
    say(`Data directory: ${config.dataDir}`);
    const database = await startDatabase(config.databaseUrl, config.dataDir);
    if (database.stop) {
      cleanups.push({ name: 'postgres', run: database.stop });
    }
    say(`Postgres at ${database.shownUrl} (${database.origin}).`);
    checkpoint();

    const redis = await startRedis({ redisUrl: config.redisUrl, dataDir: config.dataDir });
    if (redis.stop) {
      cleanups.push({ name: 'redis', run: redis.stop });
    }
    say(`Redis at ${redis.url} (${redis.origin}).`);
    const eviction = await evictionWarning(redis.url);
    if (eviction) {
      warn(eviction);
    }
    checkpoint();

    await step('migrations', () => runMigrations(database.url));
    say('Migrations applied.');
    checkpoint();

    const seed = await step('seeding the demo data', () => seedDemo(database.url));
    announceSeed(seed);
    checkpoint();

    const secrets = await secretsFor(config);
    // The admin builds while the services start: both take a while, on different cores.
    const buildAborted = new AbortController();
    void stopped.then(() => buildAborted.abort());
    const adminBuild = config.adminConsole
      ? step('building the admin', () => buildAdmin(buildAborted.signal))
      : Promise.resolve();
    adminBuild.catch(() => {});
    const { specs, missing } = planServices({
      databaseUrl: database.url,
      redisUrl: redis.url,
      ...(await platformEnvFor(config, secrets)),
    });
    for (const entry of missing) {
      warn(`Skipping ${entry}: it does not exist yet.`);
    }
    const watch = { cancelled: () => Boolean(stopRequest) };
    // The config center first, so the others load their config and register as they start;
    // it stops last, after they deregistered.
    const center = startServices(
      specs.filter((spec) => spec.name === 'config'),
      watch,
    );
    cleanups.push({ name: 'config center', run: center.stop });
    await center.ready;
    checkpoint();
    const services = startServices(
      specs.filter((spec) => spec.name !== 'config'),
      watch,
    );
    cleanups.push({ name: 'services', run: services.stop });
    await services.ready;
    await adminBuild;
    checkpoint();

    let admin: { url: string } | undefined;
    if (config.adminConsole) {
      const keptAdmin = startAdmin(adminSpecFor(config, secrets), watch);
      cleanups.push({ name: 'admin', run: keptAdmin.stop });
      await keptAdmin.ready;
      admin = { url: baseUrl(config.adminPort) };
      checkpoint();
    } else {
      say('The admin console is off (ADMIN_CONSOLE=off).');
    }

    const seededLogins = seed.status === 'seeded' || seed.reason === 'already-seeded';
    console.log(
      renderSummary({
        services: specs.map((spec) => ({ name: spec.name, url: baseUrl(spec.port) })),
        admin,
        skipped: missing,
        database: { url: database.shownUrl, origin: database.origin },
        redis,
        login: seededLogins ? demoLogins.admin : undefined,
        otherLogins: [demoLogins.operator, demoLogins.member],
        metricsTokenFrom: config.metricsToken
          ? 'METRICS_TOKEN'
          : `metricsToken in ${path.join(config.dataDir, 'secrets.json')}`,
        startedInMs: performance.now() - startedAt,
      }),
    );
    await stopped;
  } catch (error) {
    if (!(error instanceof StopRequested)) {
      requestStop(1, describeError(error));
    }
  }
  const exitCode = stopRequest?.code ?? 0;
  if (stopRequest && stopRequest.code !== 0) {
    fail(stopRequest.reason);
  }

  say('Stopping…');
  return (await stopInReverse(cleanups)) ? exitCode : 1;
}
