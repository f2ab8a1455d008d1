import type { z } from 'zod';
import type { Logger } from '../logger.ts';
import { createPlatformCaller, type TokenSource } from '../platform-call/caller.ts';
import { type CenterAccess, instanceQueryOf } from './center.ts';
import type { ConfigDefinition } from './define.ts';
import { ConfigLoader } from './loader.ts';
import { ConfigReporter } from './reporter.ts';
import { type ConfigListener, type ConfigSource, ConfigState } from './state.ts';
import { ConfigWatcher } from './watcher.ts';

export type { ConfigListener, ConfigSource };

export interface ConfigClientOptions<Schema extends z.ZodObject> {
  /** Base URL of the config center, e.g. `http://127.0.0.1:4110`. */
  centerUrl: string;
  namespace: string;
  service: string;
  instanceId: string;
  /** Gray releases may target labels, e.g. `{ zone: 'a' }`. */
  labels?: Record<string, string>;
  definition: ConfigDefinition<Schema>;
  /** The service token, or a function returning a fresh one. */
  token: TokenSource;
  /** Where the last applied config is kept for starts while the center is down. */
  snapshotPath?: string;
  /**
   * The service's private key `d` (base64url, from `SERVICE_PRIVATE_KEY`): the snapshot's
   * secret values are sealed under a key derived from it. Without it, a config with secrets
   * keeps no snapshot.
   */
  snapshotKey?: string | undefined;
  logger: Logger;
  fetch?: (request: Request) => Promise<Response>;
  /** Bound on each ordinary call (schema upload, effective read, reports); default 3 s. */
  requestTimeoutMs?: number;
  /** First and largest delay between reconnects; default 250 ms and 15 s, with jitter. */
  retryDelayMs?: { initial: number; max: number };
  /** Consecutive failed stream connections before falling back to long polls; default 3. */
  streamFailuresBeforePolling?: number;
  /** How long a long poll waits at the center; default 25 s. */
  pollTimeoutMs?: number;
  /** After this long on long polls, the stream is tried again; default 60 s. */
  pollingPeriodMs?: number;
  /** A stream silent this long (no event, no ping) is presumed dead; default 45 s. */
  silenceTimeoutMs?: number;
  /**
   * How long a report waits after a change, drawn in [min, max]; default 50 to 250 ms. The
   * instances taking one release then report after the center has sent it to all of them,
   * spread out, rather than all at once while it is still sending.
   */
  reportDelayMs?: { min: number; max: number };
}

export interface ConfigClient<T> {
  /**
   * Uploads the schema and loads the config: from the center, else the snapshot, else the
   * schema defaults; then watches for changes in the background. Await it before reporting
   * ready.
   */
  start(): Promise<void>;
  /** The config now: the last valid values received. */
  get(): T;
  /** Called after each change with the new and the previous values; returns an unsubscribe. */
  onChange(listener: ConfigListener<T>): () => void;
  /** The revision running; 0 for schema defaults. */
  readonly revision: number;
  readonly source: ConfigSource | undefined;
  /** How changes arrive now. */
  readonly transport: 'stream' | 'poll' | 'stopped';
  stop(): Promise<void>;
}

function centerAccess<Schema extends z.ZodObject>(
  options: ConfigClientOptions<Schema>,
  stopping: AbortSignal,
): CenterAccess {
  const { namespace, service } = options;
  const requestTimeoutMs = options.requestTimeoutMs ?? 3000;
  return {
    calls: createPlatformCaller({
      peer: 'the config center',
      baseUrl: options.centerUrl,
      token: options.token,
      fetch: options.fetch,
      timeoutMs: requestTimeoutMs,
      signal: stopping,
    }),
    target: `/v1/config/${encodeURIComponent(namespace)}/${encodeURIComponent(service)}`,
    instanceQuery: instanceQueryOf(options.instanceId, options.labels),
    logger: options.logger.child({ configCenter: options.centerUrl, namespace }),
    stopping,
    requestTimeoutMs,
  };
}

/** The client's parts, wired together: the state they share and who reads and feeds it. */
function assemble<Schema extends z.ZodObject>(
  options: ConfigClientOptions<Schema>,
  stopping: AbortSignal,
) {
  const center = centerAccess(options, stopping);
  const retryDelayMs = options.retryDelayMs ?? { initial: 250, max: 15_000 };
  const reporter = new ConfigReporter(center, {
    instanceId: options.instanceId,
    delayMs: options.reportDelayMs ?? { min: 50, max: 250 },
    retryDelayMs,
  });
  const state: ConfigState<Schema> = new ConfigState(options.definition, center.logger, {
    report: (report) => reporter.send(report),
    keep: (message) => loader.keep(message),
  });
  const loader = new ConfigLoader(center, state, options);
  const parts = {
    state,
    uploadSchema: () => loader.uploadSchema(),
    schemaUploaded: () => loader.schemaUploaded,
    flushReport: () => void reporter.flush(),
  };
  const watcher = new ConfigWatcher(center, parts, {
    retryDelayMs,
    streamFailuresBeforePolling: options.streamFailuresBeforePolling ?? 3,
    pollTimeoutMs: options.pollTimeoutMs ?? 25_000,
    pollingPeriodMs: options.pollingPeriodMs ?? 60_000,
    silenceTimeoutMs: options.silenceTimeoutMs ?? 45_000,
  });
  return { state, loader, reporter, watcher };
}

/**
 * Keeps one instance's config current: typed values from the config center, pushed over SSE
 * (resumed with `Last-Event-ID`, so a reconnect misses nothing), long polls when the stream
 * keeps failing, a snapshot file for starts while the center is down, and a report to the
 * center of every revision applied or rejected.
 */
export function createConfigClient<Schema extends z.ZodObject>(
  options: ConfigClientOptions<Schema>,
): ConfigClient<z.output<Schema>> {
  const stopping = new AbortController();
  const { state, loader, reporter, watcher } = assemble(options, stopping.signal);
  let started: Promise<void> | undefined;
  let watching: Promise<void> | undefined;

  return {
    start() {
      started ??= loader.load().then(() => {
        if (state.source !== 'center' && !reporter.pending) {
          reporter.send({ revision: state.revision, status: 'applied' });
        }
        watching = watcher.run();
      });
      return started;
    },
    get() {
      if (state.values === undefined) {
        throw new Error('config client not started: await start() first');
      }
      return state.values;
    },
    onChange: (listener) => state.onChange(listener),
    get revision() {
      return state.revision;
    },
    get source() {
      return state.source;
    },
    get transport() {
      return stopping.signal.aborted ? 'stopped' : watcher.transport;
    },
    async stop() {
      stopping.abort();
      reporter.stop();
      await watching;
      await loader.written();
    },
  };
}
