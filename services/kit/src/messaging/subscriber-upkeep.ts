import type { Logger } from '../logger.ts';
import { countDeadLetters } from './dead-letters.ts';
import type { EventEnvelope } from './envelope.ts';
import type { Entry, SubscriberContext } from './subscriber-entry.ts';
import { touchRows } from './subscriber-rows.ts';

export interface UpkeepIntervals {
  heartbeatMs: number;
  sampleMs: number;
}

/**
 * Starts the subscriber's periodic chores over `entries` (read at each tick, so later
 * subscriptions are included): the rows' heartbeat and the lag and dead-letter gauges.
 */
export function startUpkeep(
  context: SubscriberContext,
  entries: readonly Entry[],
  intervals: UpkeepIntervals,
): NodeJS.Timeout[] {
  const heartbeat = () =>
    touchRows(
      context.db,
      entries.map((entry) => entry.subscription.id),
    );
  return [
    every(context.logger, intervals.heartbeatMs, heartbeat, 'subscription heartbeat'),
    every(
      context.logger,
      intervals.sampleMs,
      () => sample(context, entries),
      'subscription sampling',
    ),
  ];
}

function every(logger: Logger, ms: number, task: () => Promise<void>, what: string) {
  const timer = setInterval(() => {
    task().catch((error: unknown) => logger.warn({ err: error }, `${what} failed`));
  }, ms);
  timer.unref();
  return timer;
}

async function sample(context: SubscriberContext, entries: readonly Entry[]): Promise<void> {
  const live = entries.filter((entry) => entry.started);
  for (const entry of live) {
    context.metrics.lagSeconds.set({ subscription: entry.subscription.id }, await lagOf(entry));
  }
  const counts = await countDeadLetters(
    context.db,
    live.map((entry) => entry.subscription.id),
  );
  for (const [subscription, count] of counts) {
    context.metrics.deadLetters.set({ subscription }, count);
  }
}

/** Seconds since the oldest waiting event occurred (its job's age when it carries no date). */
async function lagOf(entry: Entry): Promise<number> {
  let oldest = Number.POSITIVE_INFINITY;
  for (const queue of entry.queues) {
    const [job] = await queue.getJobs(['wait'], 0, 0, true);
    const occurred = job ? Date.parse((job.data as EventEnvelope).occurredAt) : Number.NaN;
    if (job) {
      oldest = Math.min(oldest, Number.isNaN(occurred) ? job.timestamp : occurred);
    }
  }
  return Number.isFinite(oldest) ? Math.max(0, (Date.now() - oldest) / 1000) : 0;
}
