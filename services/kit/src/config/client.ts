import type { z } from 'zod';
import type { Logger } from '../logger.ts';
import type { TokenSource } from '../registry/registration.ts';
import type { ConfigDefinition } from './define.ts';
import { readEventStream } from './event-stream.ts';
import { readSnapshot, writeSnapshot } from './snapshot.ts';

export type ConfigSource = 'center' | 'snapshot' | 'defaults';

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

export type ConfigListener<T> = (next: T, previous: T) => void;

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

interface EffectiveMessage {
  revision: number;
  releaseKind: string;
  values: Record<string, unknown>;
}

function asEffective(value: unknown): EffectiveMessage {
  const message = value as Partial<EffectiveMessage> | null;
  if (
    typeof message?.revision !== 'number' ||
    typeof message.values !== 'object' ||
    message.values === null
  ) {
    throw new Error('the config center sent something that is not an effective config');
  }
  return {
    revision: message.revision,
    releaseKind: String(message.releaseKind),
    values: message.values,
  };
}

function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => `${issue.path.map(String).join('.') || '(config)'}: ${issue.message}`)
    .join('; ')
    .slice(0, 2000);
}

function reason(error: unknown): string {
  if (error instanceof DOMException && error.name === 'TimeoutError') {
    return 'timed out';
  }
  const cause = (error as { cause?: { code?: string } }).cause;
  return cause?.code ?? (error instanceof Error ? error.message : 'failed');
}

class CenterAnswer extends Error {
  constructor(readonly status: number) {
    super(`the config center answered ${status}`);
  }
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
  type Values = z.output<Schema>;
  const { definition, namespace, service } = options;
  const doFetch = options.fetch ?? ((request: Request) => fetch(request));
  const base = `${options.centerUrl.replace(/\/+$/, '')}/v1/config`;
  const target = `${base}/${encodeURIComponent(namespace)}/${encodeURIComponent(service)}`;
  const requestTimeoutMs = options.requestTimeoutMs ?? 3000;
  const retry = options.retryDelayMs ?? { initial: 250, max: 15_000 };
  const failuresBeforePolling = options.streamFailuresBeforePolling ?? 3;
  const pollTimeoutMs = options.pollTimeoutMs ?? 25_000;
  const pollingPeriodMs = options.pollingPeriodMs ?? 60_000;
  const silenceTimeoutMs = options.silenceTimeoutMs ?? 45_000;
  const reportDelay = options.reportDelayMs ?? { min: 50, max: 250 };
  const logger = options.logger.child({ configCenter: options.centerUrl, namespace });
  const labels = Object.entries(options.labels ?? {})
    .map(([key, value]) => `${key}:${value}`)
    .join(',');

  const listeners = new Set<ConfigListener<Values>>();
  const stopping = new AbortController();
  let current: Values | undefined;
  let currentJson = '';
  let revision = 0;
  let source: ConfigSource | undefined;
  // The newest revision received, applied or not: where a reconnect resumes.
  let seen: number | undefined;
  let transport: 'stream' | 'poll' | 'stopped' = 'stream';
  let schemaUploaded = false;
  let uploadFailures = 0;
  let started: Promise<void> | undefined;
  let loop: Promise<void> | undefined;
  let snapshotWrites = Promise.resolve();
  let report: { revision: number; status: 'applied' | 'rejected'; error?: string } | undefined;
  let reporting = false;
  let reportFailures = 0;
  let reportTimer: ReturnType<typeof setTimeout> | undefined;

  const delay = (failures: number) => {
    const ceiling = Math.min(retry.max, retry.initial * 2 ** Math.min(failures, 16));
    return ceiling / 2 + Math.random() * (ceiling / 2);
  };

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      if (stopping.signal.aborted) {
        resolve();
        return;
      }
      const done = () => {
        clearTimeout(timer);
        stopping.signal.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      stopping.signal.addEventListener('abort', done, { once: true });
    });

  interface Scope {
    signal: AbortSignal;
    abort(): void;
    /** Settles like `promise`, or rejects as soon as the scope is aborted. */
    guard<T>(promise: Promise<T>): Promise<T>;
    /** Detaches the scope from stop() and its deadline; the caller has read or cancelled the body. */
    release(): void;
  }

  // A request's life: ended by stop(), its deadline or the caller. Node's fetch follows the
  // signal of a Request through a weak link that garbage collection can cut, so an abort may
  // never reach a pending read; every wait is therefore also raced against our own signal.
  function scope(timeoutMs: number | null): Scope {
    const controller = new AbortController();
    const abort = () => controller.abort();
    stopping.signal.addEventListener('abort', abort);
    const deadline =
      timeoutMs === null
        ? undefined
        : setTimeout(
            () => controller.abort(new DOMException('timed out', 'TimeoutError')),
            timeoutMs,
          );
    const aborted = new Promise<never>((_, reject) => {
      const fail = () => reject(controller.signal.reason);
      controller.signal.addEventListener('abort', fail, { once: true });
    });
    aborted.catch(() => {});
    return {
      signal: controller.signal,
      abort,
      guard: (promise) => Promise.race([promise, aborted]),
      release() {
        clearTimeout(deadline);
        stopping.signal.removeEventListener('abort', abort);
      },
    };
  }

  async function call(
    method: string,
    url: string,
    within: Scope,
    init: { body?: unknown; headers?: Record<string, string> } = {},
  ): Promise<Response> {
    const token = typeof options.token === 'function' ? await options.token() : options.token;
    const pending = doFetch(
      new Request(url, {
        method,
        signal: within.signal,
        headers: {
          authorization: `Bearer ${token}`,
          ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
          ...init.headers,
        },
        ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
      }),
    );
    // An answer that arrives after we gave up still holds a connection until its body is read.
    pending.then(
      (res) => {
        if (within.signal.aborted) {
          res.body?.cancel().catch(() => {});
        }
      },
      () => {},
    );
    return within.guard(pending);
  }

  const instanceQuery = (extra: Record<string, string> = {}) =>
    new URLSearchParams({
      instanceId: options.instanceId,
      ...(labels ? { labels } : {}),
      ...extra,
    }).toString();

  async function uploadSchema(): Promise<boolean> {
    const within = scope(requestTimeoutMs);
    try {
      const res = await call('PUT', `${base}/schemas/${encodeURIComponent(service)}`, within, {
        body: { jsonSchema: definition.jsonSchema, secretKeys: definition.secretKeys },
      });
      const text = await within.guard(res.text());
      if (res.status === 200) {
        schemaUploaded = true;
        return true;
      }
      if (res.status < 500) {
        // Retrying will not change the answer; say why once and carry on with the old schema.
        schemaUploaded = true;
        logger.error({ status: res.status, problem: text.slice(0, 500) }, 'config schema refused');
        return true;
      }
      throw new CenterAnswer(res.status);
    } catch (error) {
      uploadFailures++;
      // One line when the center is away, not one per retry.
      logger[uploadFailures === 1 ? 'warn' : 'debug'](
        { reason: reason(error) },
        'cannot upload the config schema yet',
      );
      return false;
    } finally {
      within.release();
    }
  }

  function notify(next: Values, previous: Values) {
    for (const listener of listeners) {
      try {
        listener(next, previous);
      } catch (error) {
        logger.error({ err: error }, 'a config change listener failed');
      }
    }
  }

  function saveSnapshot(message: EffectiveMessage) {
    const path = options.snapshotPath;
    if (!path) {
      return;
    }
    snapshotWrites = snapshotWrites.then(() =>
      writeSnapshot(path, {
        namespace,
        service,
        revision: message.revision,
        values: message.values,
        savedAt: new Date().toISOString(),
      }).catch((error: unknown) => {
        logger.warn({ err: error, path }, 'cannot write the config snapshot');
      }),
    );
  }

  /** Validates and applies what the center sent; keeps the old values when it is invalid. */
  function take(message: EffectiveMessage, first: boolean): boolean {
    seen = Math.max(seen ?? 0, message.revision);
    const valuesJson = JSON.stringify(message.values);
    if (source === 'center' && message.revision === revision && valuesJson === currentJson) {
      return true;
    }
    const parsed = definition.schema.safeParse(message.values);
    if (!parsed.success) {
      const error = describeIssues(parsed.error);
      logger.warn({ revision: message.revision, error }, 'rejected a config revision');
      sendReport({ revision: message.revision, status: 'rejected', error });
      return false;
    }
    const previous = current;
    current = parsed.data;
    currentJson = valuesJson;
    revision = message.revision;
    source = 'center';
    saveSnapshot(message);
    sendReport({ revision: message.revision, status: 'applied' });
    logger.info(
      { revision: message.revision, releaseKind: message.releaseKind },
      'applied a config revision',
    );
    if (!first && previous !== undefined && JSON.stringify(previous) !== JSON.stringify(current)) {
      notify(current, previous);
    }
    return true;
  }

  // Sent from a timer, not from the stream handler: a burst of replayed revisions makes one
  // report, and instances sharing a process all take a release before any of them reports.
  function sendReport(next: NonNullable<typeof report>) {
    report = next;
    clearTimeout(reportTimer);
    const wait = reportDelay.min + Math.random() * (reportDelay.max - reportDelay.min);
    reportTimer = setTimeout(() => void flushReport(), wait);
    reportTimer.unref?.();
  }

  async function flushReport(): Promise<void> {
    if (reporting || !report || stopping.signal.aborted) {
      return;
    }
    reporting = true;
    clearTimeout(reportTimer);
    const sending = report;
    const within = scope(requestTimeoutMs);
    try {
      const res = await call('POST', `${target}/applied`, within, {
        body: { instanceId: options.instanceId, ...sending },
      });
      await res.body?.cancel();
      if (res.status !== 204 && res.status >= 500) {
        throw new CenterAnswer(res.status);
      }
      if (res.status !== 204) {
        logger.error({ status: res.status }, 'the config center refused a report');
      }
      reportFailures = 0;
      if (report === sending) {
        report = undefined;
      }
    } catch (error) {
      if (stopping.signal.aborted) {
        return;
      }
      reportFailures++;
      if (reportFailures === 1) {
        logger.warn({ reason: reason(error) }, 'cannot report to the config center; retrying');
      }
      reportTimer = setTimeout(() => void flushReport(), delay(reportFailures));
      reportTimer.unref?.();
    } finally {
      within.release();
      reporting = false;
    }
    if (report && report !== sending && reportFailures === 0) {
      void flushReport();
    }
  }

  async function loadFromCenter(): Promise<boolean> {
    const within = scope(requestTimeoutMs);
    try {
      const res = await call('GET', `${target}/effective?${instanceQuery()}`, within);
      if (res.status !== 200) {
        await res.body?.cancel();
        throw new CenterAnswer(res.status);
      }
      return take(asEffective(await within.guard(res.json())), true);
    } catch (error) {
      logger.warn({ reason: reason(error) }, 'cannot load config from the center');
      return false;
    } finally {
      within.release();
    }
  }

  async function loadFromSnapshot(): Promise<boolean> {
    if (!options.snapshotPath) {
      return false;
    }
    try {
      const snapshot = await readSnapshot(options.snapshotPath);
      if (!snapshot || snapshot.namespace !== namespace || snapshot.service !== service) {
        return false;
      }
      const parsed = definition.schema.safeParse(snapshot.values);
      if (!parsed.success) {
        logger.warn({ error: describeIssues(parsed.error) }, 'the config snapshot is invalid');
        return false;
      }
      current = parsed.data;
      currentJson = JSON.stringify(snapshot.values);
      revision = snapshot.revision;
      source = 'snapshot';
      seen = Math.max(seen ?? 0, snapshot.revision);
      logger.warn({ revision, savedAt: snapshot.savedAt }, 'running on the config snapshot');
      return true;
    } catch (error) {
      logger.warn({ err: error }, 'cannot read the config snapshot');
      return false;
    }
  }

  /** One stream connection; `connected` tells a dropped stream from one that never opened. */
  async function streamOnce(): Promise<'ended' | 'failed'> {
    const connection = scope(null);
    let silence: ReturnType<typeof setTimeout> | undefined;
    const awake = () => {
      clearTimeout(silence);
      silence = setTimeout(() => connection.abort(), silenceTimeoutMs);
    };
    let connected = false;
    try {
      awake();
      const res = await call('GET', `${target}/watch?${instanceQuery()}`, connection, {
        headers: {
          accept: 'text/event-stream',
          // Resume only after what the center sent: a snapshot may come from another
          // database whose revisions run ahead of this one's, and would hold the instance back.
          ...(seen !== undefined && source === 'center' ? { 'last-event-id': String(seen) } : {}),
        },
      });
      if (
        res.status !== 200 ||
        !res.body ||
        !res.headers.get('content-type')?.includes('text/event-stream')
      ) {
        await res.body?.cancel();
        throw new CenterAnswer(res.status);
      }
      connected = true;
      void flushReport();
      const events = readEventStream(res.body, { onActivity: awake, signal: connection.signal });
      for await (const message of events) {
        if (message.event === 'config') {
          take(asEffective(JSON.parse(message.data)), false);
        }
      }
      return 'ended';
    } catch (error) {
      if (!stopping.signal.aborted && !connected) {
        logger.debug({ reason: reason(error) }, 'config watch failed');
      }
      return connected ? 'ended' : 'failed';
    } finally {
      clearTimeout(silence);
      connection.abort();
      connection.release();
    }
  }

  async function pollOnce(): Promise<boolean> {
    const within = scope(pollTimeoutMs + requestTimeoutMs);
    try {
      const query = instanceQuery({
        ...(source === 'snapshot'
          ? {}
          : { afterRevision: String(source === 'defaults' ? 0 : (seen ?? 0)) }),
        timeoutMs: String(pollTimeoutMs),
      });
      const res = await call('GET', `${target}/poll?${query}`, within);
      if (res.status === 304) {
        await res.body?.cancel();
        return true;
      }
      if (res.status !== 200) {
        await res.body?.cancel();
        throw new CenterAnswer(res.status);
      }
      void flushReport();
      take(asEffective(await within.guard(res.json())), false);
      return true;
    } catch (error) {
      if (!stopping.signal.aborted) {
        logger.debug({ reason: reason(error) }, 'config poll failed');
      }
      return false;
    } finally {
      within.release();
    }
  }

  async function watch(): Promise<void> {
    let failures = 0;
    let pollingSince = 0;
    while (!stopping.signal.aborted) {
      if (!schemaUploaded) {
        await uploadSchema();
      }
      if (transport === 'stream') {
        const outcome = await streamOnce();
        if (stopping.signal.aborted) {
          break;
        }
        failures = outcome === 'ended' ? 0 : failures + 1;
        if (failures >= failuresBeforePolling) {
          logger.warn({ failures }, 'the config watch keeps failing; falling back to long polls');
          transport = 'poll';
          pollingSince = Date.now();
        }
        await sleep(delay(failures));
        continue;
      }
      const ok = await pollOnce();
      failures = ok ? 0 : failures + 1;
      if (!ok) {
        await sleep(delay(failures));
      }
      if (Date.now() - pollingSince >= pollingPeriodMs) {
        // Try the stream again; one more failure sends us straight back to polling.
        transport = 'stream';
        failures = failuresBeforePolling - 1;
      }
    }
  }

  return {
    start() {
      started ??= (async () => {
        const reachable = await uploadSchema();
        const loaded = (reachable && (await loadFromCenter())) || (await loadFromSnapshot());
        if (!loaded) {
          if (definition.defaults === undefined) {
            throw new Error(
              `config for ${service}: the center is unreachable, there is no snapshot, and the schema has keys without defaults`,
            );
          }
          current = definition.defaults;
          currentJson = '';
          revision = 0;
          source = 'defaults';
          logger.warn('running on the config schema defaults');
        }
        if (source !== 'center' && !report) {
          sendReport({ revision, status: 'applied' });
        }
        loop = watch();
      })();
      return started;
    },
    get() {
      if (current === undefined) {
        throw new Error('config client not started: await start() first');
      }
      return current;
    },
    onChange(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    get revision() {
      return revision;
    },
    get source() {
      return source;
    },
    get transport() {
      return stopping.signal.aborted ? 'stopped' : transport;
    },
    async stop() {
      stopping.abort();
      clearTimeout(reportTimer);
      await loop;
      await snapshotWrites;
    },
  };
}
