import { type Job, type Queue, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { traceStage } from './dead-letters.ts';
import { createLanes, type LaneEntry, type Lanes, orderedWorkQueue } from './ordered.ts';
import { eventBackoffType, keptJobs } from './queues.ts';
import { maxEventAttempts, retryPolicy } from './retry-policy.ts';
import type { Entry, SubscriberContext } from './subscriber-entry.ts';
import { DeadLettered, envelopeOf, giveUp, handleJob, readEnvelope } from './subscriber-jobs.ts';
import { newQueue, watch, workerOptions } from './subscriber-workers.ts';

/** What an ordered subscription's two workers share (see ordered.ts for the design). */
interface OrderedRun {
  context: SubscriberContext;
  entry: Entry;
  lanes: Lanes;
  /** The work queue, holding only the lanes' heads. */
  work: Queue;
}

/** Runs an ordered subscription: a sequencer over its queue, a worker over the lanes' heads. */
export async function startOrdered(context: SubscriberContext, entry: Entry): Promise<void> {
  const { subscription } = entry;
  const main = newQueue(context, subscription.queue);
  const work = newQueue(context, orderedWorkQueue(subscription.queue));
  entry.queues.push(main, work);
  await main.setGlobalConcurrency(1);
  const lanes = createLanes((await main.client) as unknown as Redis, subscription.queue);
  entry.lanes = lanes;
  const run: OrderedRun = { context, entry, lanes, work };

  const sequencer = new Worker(subscription.queue, (job) => sequence(run, job), {
    ...workerOptions(context, entry, 1, retryPolicy({ attempts: maxEventAttempts })),
    concurrency: 1,
  });
  const worker = new Worker(
    orderedWorkQueue(subscription.queue),
    (job) => handleHead(run, job),
    workerOptions(context, entry, entry.concurrency, subscription.retry),
  );
  entry.workers.push(
    watch(context, entry, sequencer),
    watch(context, entry, worker, (job) => advance(run, job)),
  );
}

async function dispatch(run: OrderedRun, head: LaneEntry | undefined): Promise<void> {
  if (!head) {
    return;
  }
  await run.work.add(head.envelope.topic, head.envelope, {
    jobId: head.member,
    attempts: maxEventAttempts,
    backoff: { type: eventBackoffType },
    ...keptJobs,
  });
}

/** The job's event is done with: its lane's next event becomes the head and is dispatched. */
async function advance(run: OrderedRun, job: Job): Promise<void> {
  await dispatch(run, await run.lanes.advance(String(job.id), envelopeOf(run.entry, job)));
}

/** The sequencer: puts each event into its key's lane, in the order the queue holds them. */
async function sequence(run: OrderedRun, job: Job): Promise<void> {
  const { context, entry } = run;
  const read = readEnvelope(entry, job);
  if ('broken' in read) {
    const failure = { envelope: read.broken, attempt: job.attemptsMade + 1, durationMs: 0 };
    await giveUp(context, entry, { ...failure, error: read.why });
    return;
  }
  const placed = await run.lanes.enlane(String(job.id), read);
  if (placed.kind === 'dispatch') {
    await dispatch(run, placed.head);
  } else if (placed.kind === 'parked') {
    const subscription = entry.subscription.id;
    context.metrics.handled.inc({ subscription, outcome: 'parked' });
    await traceStage(context.db, { subscription, envelope: read, stage: 'parked' });
  }
}

/** Handles a lane's head; its key moves on once it is handled or dead, and parks on failure. */
async function handleHead(run: OrderedRun, job: Job): Promise<void> {
  try {
    await handleJob(run.context, run.entry, job);
  } catch (error) {
    if (error instanceof DeadLettered) {
      await advance(run, job);
    } else {
      const read = readEnvelope(run.entry, job);
      if (!('broken' in read)) {
        await run.lanes.markFailing(String(job.id), read);
      }
    }
    throw error;
  }
  await advance(run, job);
}
