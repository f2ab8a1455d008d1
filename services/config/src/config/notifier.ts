import type { Logger } from '@trellis/kit';
import { configChangesChannel, type Target } from './repository.ts';

/** A new revision of one namespace × service; `undefined` asks listeners to resync. */
export type ChangeListener = (revision: number | undefined) => void;

/** The slice of postgres.js the notifier uses. */
export interface ListenConnection {
  listen(
    channel: string,
    onNotify: (payload: string) => void,
    onListen?: () => void,
  ): Promise<{ unlisten(): Promise<unknown> }>;
  notify(channel: string, payload: string): PromiseLike<unknown>;
}

export interface ConfigNotifier {
  /** Starts listening; keeps retrying in the background when Postgres is not there yet. */
  start(): void;
  subscribe(target: Target, listener: ChangeListener): () => void;
  /** Delivers a change this instance committed at once, without waiting for NOTIFY. */
  announce(target: Target, revision: number): void;
  close(): Promise<void>;
}

export interface ConfigNotifierOptions {
  sql: ListenConnection;
  logger: Logger;
  /**
   * How often LISTEN is checked by notifying ourselves; a ping that did not come back means
   * the connection was lost, so we listen again and every subscriber resyncs. Default 10 s.
   */
  healthIntervalMs?: number;
}

const keyOf = (target: Target) => `${target.namespace}\u0000${target.service}`;

/**
 * Fans `config_changes` notifications out to the watchers of this center instance. Every
 * instance listens, so a publish on any of them reaches watchers on all of them.
 */
export function createConfigNotifier(options: ConfigNotifierOptions): ConfigNotifier {
  const { sql, logger } = options;
  const subscribers = new Map<string, Set<ChangeListener>>();
  const pingToken = crypto.randomUUID();
  let listening: { unlisten(): Promise<unknown> } | undefined;
  let connecting = false;
  let pingOutstanding = false;
  let timer: ReturnType<typeof setInterval> | undefined;
  let closed = false;

  const dispatch = (key: string, revision: number | undefined) => {
    for (const listener of subscribers.get(key) ?? []) {
      try {
        listener(revision);
      } catch (error) {
        logger.error({ err: error }, 'config change listener failed');
      }
    }
  };
  const resyncAll = () => {
    for (const key of subscribers.keys()) {
      dispatch(key, undefined);
    }
  };

  const onNotify = (payload: string) => {
    let message: { namespace?: unknown; service?: unknown; revision?: unknown; ping?: unknown };
    try {
      message = JSON.parse(payload);
    } catch {
      return;
    }
    if (message.ping !== undefined) {
      if (message.ping === pingToken) {
        pingOutstanding = false;
      }
      return;
    }
    if (typeof message.namespace === 'string' && typeof message.service === 'string') {
      const revision = typeof message.revision === 'number' ? message.revision : undefined;
      dispatch(keyOf({ namespace: message.namespace, service: message.service }), revision);
    }
  };

  const listen = async () => {
    if (connecting || closed) {
      return;
    }
    connecting = true;
    try {
      const previous = listening;
      listening = undefined;
      await previous?.unlisten().catch(() => {});
      // onListen also fires when postgres.js re-listens after a dropped connection: resync then.
      listening = await sql.listen(configChangesChannel, onNotify, resyncAll);
      pingOutstanding = false;
    } catch (error) {
      logger.warn({ err: error }, 'cannot LISTEN for config changes; retrying');
    } finally {
      connecting = false;
    }
  };

  const checkHealth = async () => {
    if (!listening || pingOutstanding) {
      if (listening) {
        logger.warn('config change notifications stopped arriving; listening again');
      }
      await listen();
      return;
    }
    pingOutstanding = true;
    try {
      await sql.notify(configChangesChannel, JSON.stringify({ ping: pingToken }));
    } catch {
      // The database is away; the next check listens again.
    }
  };

  return {
    start() {
      if (timer || closed) {
        return;
      }
      void listen();
      timer = setInterval(() => void checkHealth(), options.healthIntervalMs ?? 10_000);
      timer.unref?.();
    },
    subscribe(target, listener) {
      const key = keyOf(target);
      let set = subscribers.get(key);
      if (!set) {
        set = new Set();
        subscribers.set(key, set);
      }
      set.add(listener);
      return () => {
        set.delete(listener);
        if (set.size === 0 && subscribers.get(key) === set) {
          subscribers.delete(key);
        }
      };
    },
    announce(target, revision) {
      dispatch(keyOf(target), revision);
    },
    async close() {
      closed = true;
      clearInterval(timer);
      subscribers.clear();
      await listening?.unlisten().catch(() => {});
      listening = undefined;
    },
  };
}
