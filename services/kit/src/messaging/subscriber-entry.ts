import type { Queue, Worker } from 'bullmq';
import type { Lanes } from './ordered.ts';
import { queueName, subscriptionId } from './queues.ts';
import { retryPolicy } from './retry-policy.ts';
import type {
  EventHandler,
  SubscribeOptions,
  SubscriberOptions,
  Subscription,
  WorkerTuning,
} from './subscriber.ts';
import type { SubscriberMetrics } from './subscriber-metrics.ts';
import type { Topic } from './topics.ts';

/** What the subscriber's parts share: its options, with the metrics resolved. */
export type SubscriberContext = Omit<SubscriberOptions, 'metrics' | 'heartbeatMs' | 'sampleMs'> & {
  metrics: SubscriberMetrics;
};

/** One declared subscription and, while it runs, its workers and queues. */
export interface Entry {
  subscription: Subscription;
  topic: Topic;
  handler: EventHandler<Topic>;
  concurrency: number;
  tuning: WorkerTuning;
  workers: Worker[];
  queues: Queue[];
  lanes?: Lanes;
  started: boolean;
}

/**
 * Checks a subscribe call against the subscriptions already declared and builds its entry; its
 * `ready` is a placeholder until the row is written.
 */
export function newEntry(
  context: SubscriberContext,
  declared: readonly Entry[],
  declaration: { topic: Topic; group: string; handler: EventHandler<Topic> },
  options: SubscribeOptions,
): Entry {
  const { topic, group } = declaration;
  const mode = options.mode ?? 'cluster';
  if (!/^[a-z0-9][a-z0-9._-]*$/i.test(group)) {
    throw new Error(`subscription group "${group}" must be letters, digits, ".", "_" or "-"`);
  }
  if (mode === 'broadcast' && options.ordered) {
    throw new Error('a broadcast subscription cannot be ordered');
  }
  const id = subscriptionId(
    group,
    topic.name,
    mode === 'broadcast' ? context.instanceId : undefined,
  );
  if (declared.some((entry) => entry.subscription.id === id)) {
    throw new Error(`subscription ${id} is declared twice`);
  }
  return {
    subscription: {
      id,
      queue: queueName(id),
      topic: topic.name,
      group,
      mode,
      ordered: options.ordered ?? false,
      retry: retryPolicy(options.retry),
      ready: Promise.resolve(),
    },
    topic,
    handler: declaration.handler,
    concurrency: options.concurrency ?? 10,
    tuning: options.worker ?? {},
    workers: [],
    queues: [],
    started: false,
  };
}
