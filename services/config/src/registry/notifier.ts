import type { Database } from '@trellis/db';
import type { Logger } from '@trellis/kit';
import { defaultRegistryPolicy, type RegistryPolicy, recentSince } from './domain.ts';
import { purgeForgotten, servicesChangedBetween } from './repository.ts';

export const registryChannel = 'registry_changes';

/** The slice of a postgres.js `Sql` the notifier uses: one LISTEN connection and NOTIFY. */
export interface NotifyConnection {
  listen(
    channel: string,
    onNotify: (payload: string) => void,
    onListen?: () => void,
  ): Promise<{ unlisten(): Promise<void> }>;
  notify(channel: string, payload: string): Promise<unknown>;
}

/** What the registry routes need to tell watchers, on this center and every other, of changes. */
export interface RegistryNotifier {
  readonly policy: RegistryPolicy;
  /** Announces that `service`'s instances changed, to this center and every other one. */
  publish(service: string): Promise<void>;
  /** Calls `listener` whenever `service`'s visible instances may have changed. */
  subscribe(service: string, listener: () => void): () => void;
  /** Calls `listener` when the notifier stops, so open watch streams end before the drain. */
  onClose(listener: () => void): () => void;
}

export interface RegistryNotifierRuntime extends RegistryNotifier {
  /** Listens on `registry_changes` and starts the expiry sweep. */
  start(): Promise<void>;
  /** Ends the sweep, the LISTEN and every open watch stream. */
  stop(): Promise<void>;
}

export interface RegistryNotifierOptions {
  db: Database;
  /** The database's postgres.js client (`DbHandle.sql`); LISTEN takes one connection of it. */
  connection: NotifyConnection;
  now: () => Date;
  logger: Logger;
  policy?: Partial<RegistryPolicy>;
}

interface ChangeMessage {
  service: string;
  origin: string;
}

/**
 * Shares registry changes between center instances through Postgres LISTEN/NOTIFY, and turns
 * lapsed TTLs into changes: every center sweeps on its own, since an expiry is nobody's write.
 */
export function createRegistryNotifier(options: RegistryNotifierOptions): RegistryNotifierRuntime {
  const policy: RegistryPolicy = { ...defaultRegistryPolicy, ...options.policy };
  const { db, connection, now, logger } = options;
  const origin = crypto.randomUUID();
  const listeners = new Map<string, Set<() => void>>();
  const closeListeners = new Set<() => void>();
  let unlisten: (() => Promise<void>) | undefined;
  let sweepTimer: ReturnType<typeof setInterval> | undefined;
  let sweeping = false;
  let sweptUntil = now();
  let listening = false;
  let stopped = false;

  function emit(service: string) {
    for (const listener of listeners.get(service) ?? []) {
      try {
        listener();
      } catch (error) {
        logger.error({ err: error, service }, 'registry listener failed');
      }
    }
  }

  function onNotify(payload: string) {
    try {
      const message = JSON.parse(payload) as Partial<ChangeMessage>;
      if (typeof message.service === 'string' && message.origin !== origin) {
        emit(message.service);
      }
    } catch {
      logger.warn({ payload }, 'ignored a malformed registry notification');
    }
  }

  function onListen() {
    // After a reconnect, notifications sent while the connection was down are lost: have every
    // watcher look again.
    if (listening) {
      for (const service of listeners.keys()) {
        emit(service);
      }
    }
    listening = true;
  }

  async function sweep() {
    if (sweeping) {
      return;
    }
    sweeping = true;
    try {
      const to = now();
      if (to <= sweptUntil) {
        return;
      }
      const services = await servicesChangedBetween(db, sweptUntil, to, policy.forgetAfterSeconds);
      sweptUntil = to;
      for (const service of services) {
        emit(service);
      }
      await purgeForgotten(db, recentSince(to, policy));
    } catch (error) {
      logger.warn({ err: error }, 'registry sweep failed; retrying');
    } finally {
      sweeping = false;
    }
  }

  return {
    policy,
    async publish(service) {
      emit(service);
      try {
        await connection.notify(registryChannel, JSON.stringify({ service, origin }));
      } catch (error) {
        logger.warn({ err: error, service }, 'could not notify other registry centers');
      }
    },
    subscribe(service, listener) {
      let set = listeners.get(service);
      if (!set) {
        set = new Set();
        listeners.set(service, set);
      }
      set.add(listener);
      return () => {
        set.delete(listener);
        if (set.size === 0 && listeners.get(service) === set) {
          listeners.delete(service);
        }
      };
    },
    onClose(listener) {
      if (stopped) {
        listener();
        return () => {};
      }
      closeListeners.add(listener);
      return () => {
        closeListeners.delete(listener);
      };
    },
    async start() {
      if (unlisten || stopped) {
        return;
      }
      const meta = await connection.listen(registryChannel, onNotify, onListen);
      unlisten = () => meta.unlisten();
      sweptUntil = now();
      sweepTimer = setInterval(() => void sweep(), policy.sweepIntervalMs);
      sweepTimer.unref?.();
    },
    async stop() {
      if (stopped) {
        return;
      }
      stopped = true;
      clearInterval(sweepTimer);
      for (const listener of closeListeners) {
        listener();
      }
      closeListeners.clear();
      listeners.clear();
      await unlisten?.().catch((error: unknown) => {
        logger.warn({ err: error }, 'registry unlisten failed');
      });
      unlisten = undefined;
    },
  };
}
