import type { DbHandle } from '@trellis/db';
import type { ConnectionOptions } from 'bullmq';
import type { TransactionSql } from 'postgres';
import type { Registry } from 'prom-client';
import type { BackgroundTask } from '../background-tasks.ts';
import type { Logger } from '../logger.ts';
import type { EventEnvelope } from './envelope.ts';
import { relayBatch } from './relay-batch.ts';
import { RelayHousekeeping } from './relay-housekeeping.ts';
import { relayMetrics } from './relay-metrics.ts';
import { RelayQueues } from './relay-queues.ts';

type Sql = DbHandle['sql'];

export interface RelayOptions {
  /** The postgres.js client of the database holding the outbox (`DbHandle.sql`). */
  sql: Sql;
  /** Redis for BullMQ: `redisConnection(url)`, or a connection to share. */
  redis: ConnectionOptions;
  logger: Logger;
  /** Rows moved per transaction; 500 by default. */
  batchSize?: number;
  /** Relayed outbox rows, processed ids and trace rows are kept this long; 168 (a week). */
  retentionHours?: number;
  /** Where the relay's metrics go. */
  metrics?: Registry;
  /** The fallback poll when no notification comes; 1000 ms. */
  pollIntervalMs?: number;
  /** Broadcast subscriptions not seen for this long are removed with their queues; 60 s. */
  broadcastTtlSeconds?: number;
  /**
   * Runs inside each batch's transaction, under the relay's lock, with the batch's events in
   * `seq` order: for what must follow commit order across every topic, as users' streams do
   * (subscriptions are per topic, so two topics' events reach them in either order). Throwing
   * rolls the batch back; it is tried again.
   */
  onBatch?: (tx: TransactionSql, events: readonly RelayedEvent[]) => Promise<void>;
}

/** An event of a batch as `onBatch` sees it: its envelope and its delivery delay. */
export interface RelayedEvent {
  envelope: EventEnvelope;
  /** Milliseconds until `deliverAt`; 0 for at once. */
  delayMs: number;
}

export interface Relay extends BackgroundTask {
  start(): Promise<void>;
  /** Stops listening and polling, lets the batch in flight commit, closes the queues. */
  stop(): Promise<void>;
  /** Looks for pending events now (a notification does the same). */
  wake(): void;
}

/**
 * The outbox relay: moves committed outbox rows to every subscription queue of their topic, in
 * `seq` order (commit order for one key, see `publish`). Woken by `LISTEN trellis_outbox` (a
 * statement trigger notifies at commit) and by a poll as a fallback; under load one wake-up
 * moves up to `batchSize` rows and loops while full. Each batch is one transaction: the lock,
 * the read, one `addBulk` per queue (job id = event id, so a re-add after a crash between the
 * Redis add and the commit is a no-op), the trace rows and `published_at`. Also the messaging
 * housekeeping: retention of relayed rows and the removal of stale broadcast subscriptions.
 */
export function createRelay(options: RelayOptions): Relay {
  const { sql, logger } = options;
  const batchSize = options.batchSize ?? 500;
  const retentionHours = options.retentionHours ?? 168;
  const queues = new RelayQueues(options.redis);
  const metrics = relayMetrics(options.metrics, sql);
  const housekeeping = new RelayHousekeeping({
    sql,
    queues,
    logger,
    retentionHours,
    broadcastTtlSeconds: options.broadcastTtlSeconds ?? 60,
  });
  const loop = new RelayLoop({
    sql,
    logger,
    pollIntervalMs: options.pollIntervalMs ?? 1000,
    batchSize,
    relayBatch: () => relayBatch({ sql, batchSize, queues, metrics, onBatch: options.onBatch }),
    housekeeping: () => housekeeping.run(),
    close: () => queues.close(),
    retentionHours,
  });
  return { start: () => loop.start(), stop: () => loop.stop(), wake: loop.wake };
}

interface LoopContext {
  sql: Sql;
  logger: Logger;
  pollIntervalMs: number;
  /** A full batch means more may be waiting: the loop goes on without a wake-up. */
  batchSize: number;
  relayBatch: () => Promise<number>;
  housekeeping: () => Promise<void>;
  close: () => Promise<void>;
  retentionHours: number;
}

/** When the relay runs: one drain loop at a time, started by a notification, the poll or `wake`. */
class RelayLoop {
  private running = false;
  private wanted = false;
  private loop: Promise<void> | null = null;
  private poll: ReturnType<typeof setInterval> | null = null;
  private unlisten: (() => Promise<void>) | null = null;

  constructor(private readonly ctx: LoopContext) {}

  readonly wake = (): void => {
    this.wanted = true;
    if (this.running && this.loop === null) {
      this.loop = this.drain().finally(() => {
        this.loop = null;
        // A wake that came after the last check but before the loop ended.
        if (this.wanted && this.running) {
          this.wake();
        }
      });
    }
  };

  async start(): Promise<void> {
    if (this.running) {
      return;
    }
    this.running = true;
    const listening = await this.ctx.sql
      .listen(
        'trellis_outbox',
        () => this.wake(),
        // Also on every reconnect: notifications sent while disconnected are lost.
        () => this.wake(),
      )
      .catch((error: unknown) => {
        this.running = false;
        throw error;
      });
    this.unlisten = () => listening.unlisten();
    this.poll = setInterval(this.wake, this.ctx.pollIntervalMs);
    this.wake();
    const { batchSize, retentionHours, logger } = this.ctx;
    logger.info({ batchSize, retentionHours }, 'outbox relay started');
  }

  async stop(): Promise<void> {
    if (!this.running) {
      return;
    }
    this.running = false;
    if (this.poll) {
      clearInterval(this.poll);
      this.poll = null;
    }
    await this.unlisten?.().catch(() => {});
    this.unlisten = null;
    await this.loop;
    await this.ctx.close();
    this.ctx.logger.info('outbox relay stopped');
  }

  private async drain(): Promise<void> {
    const { logger } = this.ctx;
    while (this.wanted && this.running) {
      this.wanted = false;
      try {
        const moved = await this.ctx.relayBatch();
        if (moved === this.ctx.batchSize) {
          this.wanted = true;
        }
      } catch (error) {
        // The batch rolled back; its rows are relayed on the next wake or poll.
        logger.error({ err: error }, 'the outbox relay failed a batch');
      }
      await this.ctx.housekeeping().catch((error: unknown) => {
        logger.error({ err: error }, 'the messaging housekeeping failed');
      });
    }
  }
}
