import type { Database, Tx } from '@trellis/db';
import type { LiveConfig, Logger, SecretCipher, Topic } from '@trellis/kit';
import { type EventEnvelope, keptJobs, queueName, queuePrefix } from '@trellis/kit/messaging';
import { type ConnectionOptions, Queue, Worker } from 'bullmq';
import type postgres from 'postgres';
import { createStreamHub } from '../streams/hub.ts';
import type { WebhooksConfig } from './config.ts';
import { attemptDelivery, type DeliveryContext, nodeResolveHost } from './delivery.ts';
import type { DeliveryQueue, PushDeps } from './deps.ts';
import { pushEvent, pushGroup } from './push.ts';
import { overdueDeliveries } from './repository.ts';
import type { ResolveHost } from './ssrf.ts';

/** The queue of webhook attempts: `trellis:{webhooks}:…`, one hash slot on Redis Cluster. */
export const webhooksQueue = queueName('webhooks');

interface DeliveryJob {
  deliveryId: string;
  step: number;
  tag?: string;
}

/** The `{webhooks}` queue as the routes and workers put attempts on it. */
export function createDeliveryQueue(
  connection: ConnectionOptions,
  prefix = queuePrefix,
): DeliveryQueue & { close(): Promise<void> } {
  const queue = new Queue<DeliveryJob>(webhooksQueue, { connection, prefix });
  return {
    async enqueue(deliveryId, step, delayMs, tag) {
      await queue.add(
        'deliver',
        { deliveryId, step, ...(tag ? { tag } : {}) },
        {
          // One job per attempt: a second add of the same attempt is a no-op.
          jobId: `${deliveryId}-${step}${tag ? `-${tag}` : ''}`,
          ...(delayMs > 0 ? { delay: delayMs } : {}),
          // These attempts are for the job's own trouble (its row not committed yet, the
          // database away); the webhook's retry schedule is new jobs, from config.
          attempts: 8,
          backoff: { type: 'exponential', delay: 500 },
          ...keptJobs,
        },
      );
    },
    close: () => queue.close(),
  };
}

export interface PushDepsOptions {
  db: Database;
  sql: postgres.Sql;
  connection: ConnectionOptions;
  logger: Logger;
  config: LiveConfig<{ webhooks: WebhooksConfig }>;
  cipher: SecretCipher;
  pushTopics: readonly Topic[];
  now?: () => Date;
  resolveHost?: ResolveHost;
  /** The Redis key prefix; `trellis` unless a test keeps its own. */
  prefix?: string;
}

/** The Node parts of `PushDeps`: the delivery queue, the stream hub, the resolver. */
export function createPushDeps(options: PushDepsOptions): PushDeps & { close(): Promise<void> } {
  const deliveries = createDeliveryQueue(options.connection, options.prefix);
  const streams = createStreamHub({ sql: options.sql, logger: options.logger });
  return {
    db: options.db,
    now: options.now ?? (() => new Date()),
    config: options.config,
    cipher: options.cipher,
    resolveHost: options.resolveHost ?? nodeResolveHost,
    pushTopics: options.pushTopics,
    deliveries,
    streams,
    async close() {
      await streams.stop();
      await deliveries.close();
    },
  };
}

/** What `startPushWorkers` needs of the kit's subscriber (`@trellis/kit/messaging`). */
export interface PushSubscriber {
  subscribe(
    topic: Topic,
    group: string,
    handler: (
      payload: never,
      context: { tx: Tx; event: EventEnvelope; logger: Logger },
    ) => Promise<void>,
    options?: Record<string, unknown>,
  ): unknown;
}

export interface PushWorkersOptions {
  db: Database;
  connection: ConnectionOptions;
  logger: Logger;
  config: LiveConfig<{ webhooks: WebhooksConfig }>;
  cipher: SecretCipher;
  /** The kit subscriber the push subscriptions are declared on; none runs only deliveries. */
  subscriber?: PushSubscriber;
  topics: readonly Topic[];
  /** Parallel attempts of this instance. */
  concurrency?: number;
  /** How often pending deliveries whose job was lost are looked for (ms). */
  sweepIntervalMs?: number;
  /** The Redis key prefix; `trellis` unless a test keeps its own. */
  prefix?: string;
  /** The queue attempts go on, when the caller has one (the routes'); else one of its own. */
  queue?: DeliveryQueue;
}

export interface PushWorkers {
  /** Puts attempts on the queue (also what the push handler uses). */
  queue: DeliveryQueue;
  /** Runs the push handler on one event as the subscription would, then queues its deliveries. */
  push(tx: Tx, envelope: EventEnvelope, topic: Topic): Promise<void>;
  stop(): Promise<void>;
}

/** Waits for a delivery row a job names: the transaction that made it may not have committed. */
async function untilCommitted(check: () => Promise<boolean>, withinMs: number): Promise<boolean> {
  const deadline = Date.now() + withinMs;
  while (Date.now() < deadline) {
    if (await check()) {
      return true;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return check();
}

/**
 * The push side of messaging: one `push/<topic>` subscription per pushable topic (webhook
 * deliveries; users' streams are appended by the relay), the `{webhooks}` worker making attempts on the configured
 * schedule, and a sweep re-queueing deliveries whose job was lost.
 */
export function startPushWorkers(options: PushWorkersOptions): PushWorkers {
  const { db, connection, logger } = options;
  const own = options.queue ? undefined : createDeliveryQueue(connection, options.prefix);
  const queue = options.queue ?? (own as DeliveryQueue);
  const context: DeliveryContext = {
    db,
    cipher: options.cipher,
    config: options.config,
    logger,
    queue,
  };

  const push = async (tx: Tx, envelope: EventEnvelope, topic: Topic) => {
    const deliveries = await pushEvent(tx, envelope, topic, new Date());
    // Queued before the commit; the worker waits for the row (see `untilCommitted`).
    for (const delivery of deliveries) {
      await queue.enqueue(delivery.id, 0, 0);
    }
  };
  for (const topic of options.topics.filter((t) => t.pushable)) {
    options.subscriber?.subscribe(topic, pushGroup, (_payload, { tx, event }) =>
      push(tx, event, topic),
    );
  }

  const worker = new Worker<DeliveryJob>(
    webhooksQueue,
    async (job) => {
      const { deliveryId, step, tag } = job.data;
      const run = () => attemptDelivery(context, deliveryId, step, tag);
      let result = await run();
      if (result === 'missing') {
        const committed = await untilCommitted(async () => (await run()) !== 'missing', 2000);
        if (!committed) {
          throw new Error(`delivery ${deliveryId} is not in the database (yet)`);
        }
        result = 'attempted';
      }
      return result;
    },
    { connection, prefix: options.prefix ?? queuePrefix, concurrency: options.concurrency ?? 20 },
  );
  worker.on('error', (error) => logger.error({ err: error }, 'webhook worker error'));
  worker.on('failed', (job, error) =>
    logger.warn({ err: error, jobId: job?.id, attempt: job?.attemptsMade }, 'webhook job failed'),
  );

  const sweepEvery = options.sweepIntervalMs ?? 60_000;
  const sweep = setInterval(() => {
    const schedule = options.config.get().webhooks.retrySchedule;
    overdueDeliveries(db, new Date(Date.now() - sweepEvery))
      .then((rows) =>
        Promise.all(
          rows.map((row) =>
            queue.enqueue(
              row.id,
              Math.min(row.attempts, schedule.length - 1),
              0,
              `sweep${Date.now()}`,
            ),
          ),
        ),
      )
      .catch((error: unknown) => logger.warn({ err: error }, 'webhook sweep failed'));
  }, sweepEvery);
  sweep.unref();

  return {
    queue,
    push,
    async stop() {
      clearInterval(sweep);
      await worker.close();
      await own?.close();
    },
  };
}
