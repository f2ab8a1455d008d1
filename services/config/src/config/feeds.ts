import type { Logger } from '@trellis/kit';
import type { OpenRelease } from './domain.ts';
import type { ConfigNotifier } from './notifier.ts';
import type { Target } from './repository.ts';

/** One watcher of a namespace × service: a watch stream or a waiting long poll. */
export interface FeedConsumer {
  /** The highest revision this consumer has taken. */
  readonly position: number;
  /** Releases after `position`, oldest first. */
  deliver(releases: OpenRelease[]): void;
  /** The center is shutting down. */
  close(): void;
}

export interface ReleaseFeeds {
  /** Adds a consumer and catches it up with anything released since its position. */
  attach(target: Target, consumer: FeedConsumer): () => void;
  /** How many consumers are attached now. */
  count(): number;
  /** Ends every consumer; for shutdown. */
  close(): void;
}

export interface ReleaseFeedsOptions {
  notifier: ConfigNotifier;
  /** Releases after a revision, decrypted, oldest first. */
  load(target: Target, afterRevision: number): Promise<OpenRelease[]>;
  logger: Logger;
  /** Retry delay after a failed load; default 1 s. */
  retryDelayMs?: number;
}

interface Feed {
  target: Target;
  consumers: Set<FeedConsumer>;
  running: boolean;
  again: boolean;
  unsubscribe: () => void;
}

/**
 * One feed per namespace × service with watchers: a change is read from the database once
 * and handed to every watcher, however many there are.
 */
export function createReleaseFeeds(options: ReleaseFeedsOptions): ReleaseFeeds {
  const { notifier, load, logger } = options;
  const feeds = new Map<string, Feed>();

  // Clears `running` itself, synchronously after its last check of `again`, so a refresh that
  // arrives in between is never lost.
  const run = async (feed: Feed) => {
    do {
      feed.again = false;
      if (feed.consumers.size === 0) {
        break;
      }
      const from = Math.min(...[...feed.consumers].map((c) => c.position));
      const releases = await load(feed.target, from);
      if (releases.length === 0) {
        continue;
      }
      for (const consumer of [...feed.consumers]) {
        const fresh = releases.filter((release) => release.revision > consumer.position);
        if (fresh.length > 0) {
          try {
            consumer.deliver(fresh);
          } catch (error) {
            logger.error({ err: error }, 'config watcher failed to take a release');
          }
        }
      }
    } while (feed.again);
    feed.running = false;
  };

  const refresh = (feed: Feed, revision?: number) => {
    if (revision !== undefined && [...feed.consumers].every((c) => c.position >= revision)) {
      return;
    }
    if (feed.running) {
      feed.again = true;
      return;
    }
    feed.running = true;
    run(feed).catch((error: unknown) => {
      feed.running = false;
      logger.warn({ err: error }, 'cannot read new config releases; retrying');
      setTimeout(() => refresh(feed), options.retryDelayMs ?? 1000).unref?.();
    });
  };

  return {
    attach(target, consumer) {
      const key = `${target.namespace}\u0000${target.service}`;
      let feed = feeds.get(key);
      if (!feed) {
        const created: Feed = {
          target,
          consumers: new Set(),
          running: false,
          again: false,
          unsubscribe: () => {},
        };
        created.unsubscribe = notifier.subscribe(target, (revision) => refresh(created, revision));
        feeds.set(key, created);
        feed = created;
      }
      const attached = feed;
      attached.consumers.add(consumer);
      // The consumer read history before attaching; anything committed since is fetched now.
      refresh(attached);
      return () => {
        attached.consumers.delete(consumer);
        if (attached.consumers.size === 0 && feeds.get(key) === attached) {
          attached.unsubscribe();
          feeds.delete(key);
        }
      };
    },
    count() {
      let total = 0;
      for (const feed of feeds.values()) {
        total += feed.consumers.size;
      }
      return total;
    },
    close() {
      for (const feed of feeds.values()) {
        feed.unsubscribe();
        for (const consumer of feed.consumers) {
          consumer.close();
        }
        feed.consumers.clear();
      }
      feeds.clear();
    },
  };
}
