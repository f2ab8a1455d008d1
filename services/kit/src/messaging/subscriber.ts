import type { Database, Tx } from '@trellis/db';
import type { ConnectionOptions, WorkerOptions } from 'bullmq';
import type { Registry } from 'prom-client';
import type { Logger } from '../logger.ts';
import type { EventEnvelope } from './envelope.ts';
import type { RetryOptions, RetryPolicy } from './retry-policy.ts';
import { type Entry, newEntry, type SubscriberContext } from './subscriber-entry.ts';
import { subscriberMetrics } from './subscriber-metrics.ts';
import { startOrdered } from './subscriber-ordered.ts';
import { dropRows, registerRow } from './subscriber-rows.ts';
import { startUpkeep } from './subscriber-upkeep.ts';
import { newQueue, startPlain } from './subscriber-workers.ts';
import type { Topic, TopicPayload } from './topics.ts';

export { DeadLettered } from './subscriber-jobs.ts';

/** BullMQ's lock and stall detection; tests shorten them to see a killed consumer's jobs back. */
export type WorkerTuning = Pick<
  WorkerOptions,
  'lockDuration' | 'stalledInterval' | 'maxStalledCount'
>;

export interface SubscriberOptions {
  /** The service the subscriptions belong to, for the console. */
  service: string;
  /** This process; broadcast subscriptions get one queue per instance. */
  instanceId: string;
  db: Database;
  redis: ConnectionOptions;
  logger: Logger;
  /** Where `messaging_handled_total` and the rest are registered. */
  metrics?: Registry;
  worker?: WorkerTuning;
  /** How often the subscriptions' rows are marked seen; 10 s by default. */
  heartbeatMs?: number;
  /** How often lag and dead letters are sampled; 5 s by default. */
  sampleMs?: number;
}

export interface HandlerContext {
  /** The transaction the event is marked processed in: do the side effect through it. */
  tx: Tx;
  event: EventEnvelope;
  /** Bound to the event's trace, request and event ids. */
  logger: Logger;
  /** 1 for the first attempt. */
  attempt: number;
  subscription: string;
}

export type EventHandler<T extends Topic> = (
  payload: TopicPayload<T>,
  context: HandlerContext,
) => Promise<void> | void;

export interface SubscribeOptions {
  /** `cluster`: one instance of the group handles each event; `broadcast`: every instance. */
  mode?: 'cluster' | 'broadcast';
  /** Handle one key's events one at a time, in commit order; a failing key is parked. */
  ordered?: boolean;
  /** Events handled at once by this instance; 10 by default. */
  concurrency?: number;
  retry?: RetryOptions;
  /** Overrides the subscriber's worker tuning for this subscription. */
  worker?: WorkerTuning;
}

export interface Subscription {
  readonly id: string;
  readonly queue: string;
  readonly topic: string;
  readonly group: string;
  readonly mode: 'cluster' | 'broadcast';
  readonly ordered: boolean;
  readonly retry: RetryPolicy;
  /** Settles once the subscription's row is written (the relay then routes events to it). */
  readonly ready: Promise<void>;
}

export interface Subscriber {
  subscribe<T extends Topic>(
    topic: T,
    group: string,
    handler: EventHandler<T>,
    options?: SubscribeOptions,
  ): Subscription;
  /** Writes every row and runs the workers; later subscriptions start at once. */
  start(): Promise<void>;
  /** Closes the workers: jobs in flight finish, the rest wait in their queues. */
  stop(): Promise<void>;
  readonly subscriptions: readonly Subscription[];
}

export function createSubscriber(options: SubscriberOptions): Subscriber {
  const { metrics, heartbeatMs, sampleMs, ...rest } = options;
  const context: SubscriberContext = { ...rest, metrics: subscriberMetrics(metrics) };
  const entries: Entry[] = [];
  const timers: NodeJS.Timeout[] = [];
  let running = false;

  return {
    get subscriptions() {
      return entries.map((entry) => entry.subscription);
    },

    subscribe(topic, group, handler, subscribeOptions = {}) {
      const declaration = { topic, group, handler: handler as EventHandler<Topic> };
      const entry = newEntry(context, entries, declaration, subscribeOptions);
      const ready = registerRow(context, entry);
      // Awaited by start(); a rejection here must not go unhandled in between.
      ready.catch(() => {});
      (entry.subscription as { ready: Promise<void> }).ready = ready;
      entries.push(entry);
      if (running) {
        startEntry(context, entry).catch((error: unknown) => {
          context.logger.error(
            { err: error, subscription: entry.subscription.id },
            'subscription failed to start',
          );
        });
      }
      return entry.subscription;
    },

    async start() {
      if (running) {
        return;
      }
      running = true;
      await Promise.all(entries.map((entry) => startEntry(context, entry)));
      const intervals = { heartbeatMs: heartbeatMs ?? 10_000, sampleMs: sampleMs ?? 5000 };
      timers.push(...startUpkeep(context, entries, intervals));
    },

    async stop() {
      running = false;
      for (const timer of timers.splice(0)) {
        clearInterval(timer);
      }
      await stopEntries(context, entries);
    },
  };
}

/** Starts a subscription's workers once its row is written; a no-op when they run already. */
async function startEntry(context: SubscriberContext, entry: Entry): Promise<void> {
  if (entry.started) {
    return;
  }
  entry.started = true;
  await entry.subscription.ready;
  if (entry.subscription.ordered) {
    await startOrdered(context, entry);
    return;
  }
  const main = newQueue(context, entry.subscription.queue);
  entry.queues.push(main);
  // A subscription that was ordered before keeps the queue's global limit unless removed.
  await main.removeGlobalConcurrency();
  startPlain(context, entry);
}

/** Closes every worker and queue; this instance's broadcast subscriptions end with it. */
async function stopEntries(context: SubscriberContext, entries: readonly Entry[]): Promise<void> {
  await Promise.all(entries.flatMap((entry) => entry.workers.map((worker) => worker.close())));
  const broadcast = entries.filter(
    (entry) => entry.started && entry.subscription.mode === 'broadcast',
  );
  if (broadcast.length > 0) {
    // This instance's own queues end with it; the relay stops routing to them at once.
    await dropRows(
      context.db,
      broadcast.map((entry) => entry.subscription.id),
    );
    await Promise.all(
      broadcast.flatMap((entry) => entry.queues.map((queue) => queue.obliterate({ force: true }))),
    );
  }
  await Promise.all(entries.flatMap((entry) => entry.queues.map((queue) => queue.close())));
  for (const entry of entries) {
    entry.workers = [];
    entry.queues = [];
    entry.started = false;
  }
}
