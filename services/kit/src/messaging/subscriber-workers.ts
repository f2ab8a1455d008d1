import { type Job, Queue, Worker, type WorkerOptions } from 'bullmq';
import { deadLetter } from './dead-letters.ts';
import { queuePrefix } from './queues.ts';
import { type RetryPolicy, retryDelay } from './retry-policy.ts';
import type { Entry, SubscriberContext } from './subscriber-entry.ts';
import { DeadLettered, envelopeOf, handleJob } from './subscriber-jobs.ts';

const stalledTooOften = 'stalled more than allowable limit';

export function workerOptions(
  context: SubscriberContext,
  entry: Entry,
  concurrency: number,
  policy: RetryPolicy,
): WorkerOptions {
  return {
    connection: context.redis,
    prefix: queuePrefix,
    concurrency,
    maxStalledCount: 2,
    ...context.worker,
    ...entry.tuning,
    settings: { backoffStrategy: (attemptsMade: number) => retryDelay(policy, attemptsMade) },
  };
}

export function newQueue(context: SubscriberContext, name: string): Queue {
  const queue = new Queue(name, { connection: context.redis, prefix: queuePrefix });
  queue.on('error', (error) => context.logger.error({ err: error, queue: name }, 'queue error'));
  return queue;
}

/** Logs the worker's errors and dead-letters the events it gives up on for stalling. */
export function watch(
  context: SubscriberContext,
  entry: Entry,
  worker: Worker,
  onGaveUp?: (job: Job) => Promise<void>,
): Worker {
  worker.on('error', (error) => {
    context.logger.error({ err: error, subscription: entry.subscription.id }, 'worker error');
  });
  // BullMQ fails a job that stalled too often without calling the processor: dead-letter it
  // here, or it would sit in the failed set unseen (and, ordered, hold its key forever).
  worker.on('failed', (job, error) => {
    if (!job || error instanceof DeadLettered || !error.message.includes(stalledTooOften)) {
      return;
    }
    deadLetter(context.db, {
      subscription: entry.subscription.id,
      envelope: envelopeOf(entry, job),
      attempt: job.attemptsMade + 1,
      durationMs: 0,
      error: `consumer stopped during the event too often (${error.message})`,
    })
      .then(() => onGaveUp?.(job))
      .catch((failure: unknown) => {
        context.logger.error(
          { err: failure, jobId: job.id },
          'could not dead-letter a stalled event',
        );
      });
  });
  return worker;
}

/** A subscription without ordering: one worker handles its queue's events as they come. */
export function startPlain(context: SubscriberContext, entry: Entry): void {
  const worker = new Worker(
    entry.subscription.queue,
    async (job) => {
      await handleJob(context, entry, job);
    },
    workerOptions(context, entry, entry.concurrency, entry.subscription.retry),
  );
  entry.workers.push(watch(context, entry, worker));
}
