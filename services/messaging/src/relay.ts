// Node only: the relay adds jobs to BullMQ.
import type { DbHandle } from '@trellis/db';
import type { BackgroundTask, LiveConfig, Logger } from '@trellis/kit';
import {
  createRelay,
  type Relay,
  type RelayOptions,
  redisConnection,
} from '@trellis/kit/messaging';
import type { MessagingConfig } from './config.ts';

export interface LiveRelayOptions {
  sql: DbHandle['sql'];
  redisUrl: string;
  logger: Logger;
  config: LiveConfig<MessagingConfig>;
  /** The service's registry, the one `/metrics` serves. */
  metrics: NonNullable<RelayOptions['metrics']>;
  /** Run in every batch's transaction, in commit order (users' streams). */
  onBatch?: RelayOptions['onBatch'];
}

type RelaySettings = MessagingConfig['relay'];

const sameSettings = (a: RelaySettings, b: RelaySettings) =>
  a.batchSize === b.batchSize && a.retentionHours === b.retentionHours;

/**
 * The outbox relay as the service's background task, following the live config: the kit's
 * relay takes its batch size and retention when made, so a change of either stops the running
 * relay (its batch in flight commits) and starts one with the new settings. Restarts run one
 * after another; the relay's metrics live on the service's registry and survive a restart.
 */
export function createLiveRelay(options: LiveRelayOptions): BackgroundTask {
  const { config, logger } = options;
  let relay: Relay | undefined;
  let settings = config.get().relay;
  let stopped = false;
  let unfollow: (() => void) | undefined;
  let chain: Promise<void> = Promise.resolve();

  const make = (next: RelaySettings) =>
    createRelay({
      sql: options.sql,
      redis: redisConnection(options.redisUrl),
      logger,
      batchSize: next.batchSize,
      retentionHours: next.retentionHours,
      metrics: options.metrics,
      ...(options.onBatch ? { onBatch: options.onBatch } : {}),
    });

  const restart = (next: RelaySettings) => {
    chain = chain.then(async () => {
      if (stopped || sameSettings(settings, next)) {
        return;
      }
      settings = next;
      await relay?.stop();
      relay = make(next);
      await relay.start();
    });
    chain.catch((error: unknown) => {
      logger.error({ err: error }, 'the outbox relay failed to restart with new settings');
    });
  };

  return {
    async start() {
      relay = make(settings);
      await relay.start();
      unfollow = config.onChange((next) => restart(next.relay));
    },
    async stop() {
      stopped = true;
      unfollow?.();
      await chain.catch(() => {});
      await relay?.stop();
    },
  };
}
