import type { Logger } from '@trellis/kit';
import type postgres from 'postgres';
import { streamChannel } from '../webhooks/repository.ts';

/** A live stream's subscription to its user's notifications. */
export interface StreamWatch {
  /** Settles once notifications flow: read the backlog after this and nothing is missed. */
  ready: Promise<void>;
  close(): void;
}

/** Tells live streams that their user's stream has grown (Postgres LISTEN `trellis_stream`). */
export interface StreamHub {
  watch(userId: string, wake: () => void): StreamWatch;
  stop(): Promise<void>;
}

/**
 * One LISTEN connection for every live stream of this instance, opened with the first stream.
 * On a reconnect of that connection every stream is woken, since notifications sent while it
 * was down are gone.
 */
export function createStreamHub(options: { sql: postgres.Sql; logger: Logger }): StreamHub {
  const watchers = new Map<string, Set<() => void>>();
  let listening: Promise<{ unlisten: () => Promise<void> }> | undefined;
  const wakeAll = () => {
    for (const set of watchers.values()) {
      for (const wake of set) {
        wake();
      }
    }
  };
  const listen = () => {
    listening ??= options.sql
      .listen(
        streamChannel,
        (userId) => {
          for (const wake of watchers.get(userId) ?? []) {
            wake();
          }
        },
        wakeAll,
      )
      .catch((error: unknown) => {
        options.logger.error({ err: error }, 'stream LISTEN failed');
        listening = undefined;
        throw error;
      });
    return listening;
  };
  return {
    watch(userId, wake) {
      const set = watchers.get(userId) ?? new Set();
      set.add(wake);
      watchers.set(userId, set);
      return {
        ready: listen().then(() => {}),
        close() {
          set.delete(wake);
          if (set.size === 0) {
            watchers.delete(userId);
          }
        },
      };
    },
    async stop() {
      const current = listening;
      listening = undefined;
      watchers.clear();
      if (current) {
        await (await current.catch(() => undefined))?.unlisten();
      }
    },
  };
}
