import type { BaseDeps, Topic } from '@trellis/kit';
import type { EventEnvelope } from '@trellis/kit/messaging';
import type { MessagingConfig } from './config.ts';
import type { PushDeps } from './webhooks/deps.ts';

/** A subscription queue's jobs by state, and the age of its oldest waiting job. */
export interface QueueCounts {
  waiting: number;
  active: number;
  delayed: number;
  failed: number;
  /** When the oldest job still waiting was added; null when none waits. */
  oldestWaitingAt: Date | null;
}

/** The subscription queues as the routes use them: BullMQ on Node (`queues.ts`). */
export interface SubscriptionQueues {
  counts(queue: string): Promise<QueueCounts>;
  /** Adds an event to a subscription's queue again (a replay: `replayedBy` set). */
  add(queue: string, envelope: EventEnvelope): Promise<void>;
}

/**
 * What the routes are given: the database, the clock, the live config, the queues, the topics,
 * and what the webhook and stream routes need (`PushDeps`).
 */
export interface MessagingDeps
  extends BaseDeps<MessagingConfig>,
    Omit<PushDeps, 'db' | 'now' | 'config'> {
  /** Absent without `REDIS_URL` (the Deno entry may run so): queue figures and replays answer 503. */
  queues?: SubscriptionQueues | undefined;
  /** The topics the platform declares in code: their schemas and edited payloads' validation. */
  topics: readonly Topic[];
}
