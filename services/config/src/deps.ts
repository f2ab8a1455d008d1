import type { DbHandle } from '@trellis/db';
import type { BackgroundTask, Logger } from '@trellis/kit';
import { createAppliedRecorder, type RecordApplied } from './config/applied.ts';
import { createReleaseFeeds, type ReleaseFeeds } from './config/feeds.ts';
import { cachedNamespaces, type NamespaceLookup } from './config/namespaces.ts';
import { createConfigNotifier } from './config/notifier.ts';
import { type ConfigContext, openRelease } from './config/releases.ts';
import { releasesAfter } from './config/repository.ts';
import { createSecretCipher } from './config/secrets.ts';
import { createSchemaValidators } from './config/validator.ts';
import type { RegistryDeps } from './registry/deps.ts';
import { createRegistryNotifier, type RegistryPolicy } from './registry/index.ts';

export interface ConfigDeps extends ConfigContext, RegistryDeps {
  /** Looks a namespace up, remembering the answer briefly. */
  namespace: NamespaceLookup;
  feeds: ReleaseFeeds;
  /** Records what instances report applying, batching concurrent reports. */
  recordApplied: RecordApplied;
  /** Interval of the `: ping` comment on watch streams. */
  pingIntervalMs: number;
}

export interface ConfigRuntimeOptions {
  database: Pick<DbHandle, 'db' | 'sql'>;
  /** 32 bytes: the AES-256-GCM key secrets are encrypted with. */
  encryptionKey: Uint8Array<ArrayBuffer>;
  logger: Logger;
  now?: () => Date;
  pingIntervalMs?: number;
  /** How often LISTEN is checked; see `createConfigNotifier`. */
  notifierHealthIntervalMs?: number;
  registryPolicy?: Partial<RegistryPolicy>;
}

/**
 * The config center's deps and the background work beside them: LISTEN for config and
 * registry changes, the registry's expiry sweep. Start the background tasks once serving;
 * stopping them ends every watch stream, so shutdown does not wait on them.
 */
export function createConfigRuntime(options: ConfigRuntimeOptions): {
  deps: ConfigDeps;
  backgroundTasks: BackgroundTask[];
} {
  const { database, logger } = options;
  const now = options.now ?? (() => new Date());
  const cipher = createSecretCipher(options.encryptionKey);
  const notifier = createConfigNotifier({
    sql: database.sql,
    logger,
    ...(options.notifierHealthIntervalMs
      ? { healthIntervalMs: options.notifierHealthIntervalMs }
      : {}),
  });
  const feeds = createReleaseFeeds({
    notifier,
    logger,
    load: async (target, afterRevision) => {
      const rows = await releasesAfter(database.db, target, afterRevision);
      return Promise.all(rows.map((row) => openRelease(cipher, row)));
    },
  });
  const registry = createRegistryNotifier({
    db: database.db,
    connection: database.sql,
    now,
    logger,
    ...(options.registryPolicy ? { policy: options.registryPolicy } : {}),
  });
  const deps: ConfigDeps = {
    db: database.db,
    now,
    namespace: cachedNamespaces(database.db),
    cipher,
    validators: createSchemaValidators(),
    notifier,
    feeds,
    recordApplied: createAppliedRecorder(database.db),
    registry,
    pingIntervalMs: options.pingIntervalMs ?? 15_000,
  };
  const backgroundTasks: BackgroundTask[] = [
    {
      start: () => notifier.start(),
      stop: async () => {
        feeds.close();
        await notifier.close();
      },
    },
    { start: () => registry.start(), stop: () => registry.stop() },
  ];
  return { deps, backgroundTasks };
}
