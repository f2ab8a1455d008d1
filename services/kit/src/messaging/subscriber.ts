import { type Database, schema, type Tx } from '@trellis/db';
import {
  type ConnectionOptions,
  type Job,
  Queue,
  UnrecoverableError,
  Worker,
  type WorkerOptions,
} from 'bullmq';
import { inArray, sql } from 'drizzle-orm';
import type { Redis } from 'ioredis';
import type { Registry } from 'prom-client';
import { z } from 'zod';
import type { Logger } from '../logger.ts';
import { countDeadLetters, deadLetter, traceStage } from './dead-letters.ts';
import type { EventEnvelope } from './envelope.ts';
import { errorText, runInEventContext } from './event-context.ts';
import { createLanes, type LaneEntry, type Lanes, orderedWorkQueue } from './ordered.ts';
import { eventBackoffType, keptJobs, queueName, queuePrefix, subscriptionId } from './queues.ts';
import {
  isLastAttempt,
  maxEventAttempts,
  type RetryOptions,
  type RetryPolicy,
  retryDelay,
  retryPolicy,
} from './retry-policy.ts';
import {
  type HandledOutcome,
  type SubscriberMetrics,
  subscriberMetrics,
} from './subscriber-metrics.ts';
import type { Topic, TopicPayload } from './topics.ts';

const { messageSubscriptions } = schema;

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

/** Thrown once an event's dead letter is written: BullMQ fails the job without retrying it. */
export class DeadLettered extends UnrecoverableError {
  override name = 'DeadLettered';
}

const EnvelopeSchema = z.object({
  id: z.string().min(1),
  topic: z.string(),
  version: z.number().int(),
  key: z.string(),
  payload: z.record(z.string(), z.unknown()),
  headers: z.record(z.string(), z.string()),
  occurredAt: z.string(),
  seq: z.number(),
  replayedBy: z.string().optional(),
});

interface Entry {
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

const stalledTooOften = 'stalled more than allowable limit';

export function createSubscriber(options: SubscriberOptions): Subscriber {
  const { db, logger, instanceId } = options;
  const metrics: SubscriberMetrics = subscriberMetrics(options.metrics);
  const entries: Entry[] = [];
  const timers: NodeJS.Timeout[] = [];
  let running = false;

  async function register(entry: Entry): Promise<void> {
    const { subscription } = entry;
    await db.transaction(async (tx) => {
      const row = {
        id: subscription.id,
        topic: subscription.topic,
        group: subscription.group,
        service: options.service,
        mode: subscription.mode,
        instanceId: subscription.mode === 'broadcast' ? instanceId : null,
        ordered: subscription.ordered,
        queue: subscription.queue,
        options: {
          concurrency: entry.concurrency,
          retry: subscription.retry,
        } as Record<string, unknown>,
      };
      await tx
        .insert(messageSubscriptions)
        .values(row)
        .onConflictDoUpdate({
          target: messageSubscriptions.id,
          set: { ...row, seenAt: sql`now()` },
        });
      // Delivered at commit: relays refresh their routing table.
      await tx.execute(sql`select pg_notify('trellis_subscriptions', ${subscription.id})`);
    });
  }

  function readEnvelope(
    entry: Entry,
    job: Job,
  ): EventEnvelope | { broken: EventEnvelope; why: string } {
    const parsed = EnvelopeSchema.safeParse(job.data);
    if (parsed.success) {
      return parsed.data;
    }
    const data = (job.data ?? {}) as Partial<EventEnvelope>;
    return {
      why: `not an event envelope: ${z.prettifyError(parsed.error)}`,
      broken: {
        id: typeof data.id === 'string' && data.id ? data.id : String(job.id),
        topic: entry.subscription.topic,
        version: 1,
        key: typeof data.key === 'string' ? data.key : '',
        payload: { job: job.data as unknown },
        headers: {},
        occurredAt: new Date(job.timestamp).toISOString(),
        seq: 0,
      },
    };
  }

  async function giveUp(
    entry: Entry,
    envelope: EventEnvelope,
    attempt: number,
    durationMs: number,
    error: string,
  ): Promise<never> {
    const { subscription } = entry;
    await deadLetter(db, { subscription: subscription.id, envelope, attempt, durationMs, error });
    metrics.handled.inc({ subscription: subscription.id, outcome: 'dead' });
    logger.warn(
      { subscription: subscription.id, eventId: envelope.id, attempt, error },
      'event dead-lettered',
    );
    throw new DeadLettered(error);
  }

  /** A handled event's id is already recorded: roll back this delivery's effects, skip it. */
  class AlreadyHandled extends Error {}

  /**
   * Records the event as handled by the subscription and traces it, in one statement at the end
   * of the handler's transaction: false when another delivery recorded it first (the unique key
   * waits for that one to commit), so this one's effects are rolled back. Checking at the end
   * spares a statement per event; a duplicate runs the handler once more, inside a transaction
   * that never commits.
   */
  async function markHandled(
    tx: Tx,
    entry: { subscription: string; envelope: EventEnvelope; attempt: number; durationMs: number },
  ): Promise<boolean> {
    const { subscription, envelope } = entry;
    const rows = await tx.execute(sql`
      with marked as (
        insert into processed_events (subscription, event_id)
        values (${subscription}, ${envelope.id})
        on conflict do nothing
        returning event_id
      )
      insert into message_trace (event_id, topic, key, subscription, stage, attempt, duration_ms)
      select event_id, ${envelope.topic}, ${envelope.key || null}, ${subscription}, 'handled',
        ${entry.attempt}, ${entry.durationMs}
      from marked
      returning id`);
    return rows.length > 0;
  }

  /** Whether a failed delivery failed only because another had handled the event already. */
  async function handledBefore(subscription: Subscription, envelope: EventEnvelope) {
    if (subscription.mode === 'broadcast') {
      return false;
    }
    const rows = await db.execute(sql`
      select 1 from processed_events
      where subscription = ${subscription.id} and event_id = ${envelope.id}`);
    return rows.length > 0;
  }

  /**
   * One attempt at one event: parse, then in one transaction mark it processed and run the
   * handler, so the side effect and the "done" commit together; a duplicate finds its mark and
   * is skipped. A failure is traced and rethrown for BullMQ's retry, or dead-lettered at the
   * policy's last attempt; a payload the topic's schema refuses is dead-lettered at once.
   */
  async function handleJob(entry: Entry, job: Job): Promise<HandledOutcome> {
    const { subscription } = entry;
    const attempt = job.attemptsMade + 1;
    const read = readEnvelope(entry, job);
    if ('broken' in read) {
      return giveUp(entry, read.broken, attempt, 0, read.why);
    }
    const envelope = read;
    const payload = entry.topic.schema.safeParse(envelope.payload);
    if (!payload.success) {
      const why = `payload does not match ${entry.topic.name} v${entry.topic.version}: ${z.prettifyError(payload.error)}`;
      return giveUp(entry, envelope, attempt, 0, why);
    }
    if (attempt > subscription.retry.attempts) {
      // Its last attempt failed but the dead letter was not written (the database was down).
      return giveUp(entry, envelope, attempt - 1, 0, job.failedReason || 'attempts exhausted');
    }
    const started = performance.now();
    const elapsedMs = () => performance.now() - started;
    const scope = {
      subscription: subscription.id,
      queue: job.queueName,
      group: subscription.group,
      attempt,
    };
    try {
      const outcome = await runInEventContext(envelope, scope, logger, (eventLogger) =>
        db
          .transaction(async (tx): Promise<HandledOutcome> => {
            await entry.handler(payload.data, {
              tx,
              event: envelope,
              logger: eventLogger,
              attempt,
              subscription: subscription.id,
            });
            const trace = { subscription: subscription.id, envelope, attempt };
            if (subscription.mode === 'broadcast') {
              await traceStage(tx, { ...trace, stage: 'handled', durationMs: elapsedMs() });
            } else if (!(await markHandled(tx, { ...trace, durationMs: elapsedMs() }))) {
              throw new AlreadyHandled();
            }
            return 'handled';
          })
          .catch(async (error: unknown): Promise<HandledOutcome> => {
            if (error instanceof AlreadyHandled || (await handledBefore(subscription, envelope))) {
              return 'skipped';
            }
            throw error;
          }),
      );
      metrics.handlerSeconds.observe({ subscription: subscription.id }, elapsedMs() / 1000);
      metrics.handled.inc({ subscription: subscription.id, outcome });
      if (outcome === 'skipped') {
        await traceStage(db, {
          subscription: subscription.id,
          envelope,
          stage: 'skipped',
          attempt,
        });
      }
      return outcome;
    } catch (error) {
      const durationMs = elapsedMs();
      metrics.handlerSeconds.observe({ subscription: subscription.id }, durationMs / 1000);
      const text = errorText(error);
      if (isLastAttempt(subscription.retry, attempt)) {
        return giveUp(entry, envelope, attempt, durationMs, text);
      }
      metrics.handled.inc({ subscription: subscription.id, outcome: 'failed' });
      await traceStage(db, {
        subscription: subscription.id,
        envelope,
        stage: 'failed',
        attempt,
        durationMs,
        error: text,
      }).catch((traceError: unknown) => {
        logger.error({ err: traceError }, 'could not trace a failed attempt');
      });
      throw error;
    }
  }

  function workerOptions(entry: Entry, concurrency: number, policy: RetryPolicy): WorkerOptions {
    return {
      connection: options.redis,
      prefix: queuePrefix,
      concurrency,
      maxStalledCount: 2,
      ...options.worker,
      ...entry.tuning,
      settings: { backoffStrategy: (attemptsMade: number) => retryDelay(policy, attemptsMade) },
    };
  }

  function newQueue(name: string): Queue {
    const queue = new Queue(name, { connection: options.redis, prefix: queuePrefix });
    queue.on('error', (error) => logger.error({ err: error, queue: name }, 'queue error'));
    return queue;
  }

  function watch(entry: Entry, worker: Worker, onGaveUp?: (job: Job) => Promise<void>): Worker {
    worker.on('error', (error) => {
      logger.error({ err: error, subscription: entry.subscription.id }, 'worker error');
    });
    // BullMQ fails a job that stalled too often without calling the processor: dead-letter it
    // here, or it would sit in the failed set unseen (and, ordered, hold its key forever).
    worker.on('failed', (job, error) => {
      if (!job || error instanceof DeadLettered || !error.message.includes(stalledTooOften)) {
        return;
      }
      const read = readEnvelope(entry, job);
      const envelope = 'broken' in read ? read.broken : read;
      deadLetter(db, {
        subscription: entry.subscription.id,
        envelope,
        attempt: job.attemptsMade + 1,
        durationMs: 0,
        error: `consumer stopped during the event too often (${error.message})`,
      })
        .then(() => onGaveUp?.(job))
        .catch((failure: unknown) => {
          logger.error({ err: failure, jobId: job.id }, 'could not dead-letter a stalled event');
        });
    });
    return worker;
  }

  function startPlain(entry: Entry): void {
    const { subscription } = entry;
    const worker = new Worker(
      subscription.queue,
      async (job) => {
        await handleJob(entry, job);
      },
      workerOptions(entry, entry.concurrency, subscription.retry),
    );
    entry.workers.push(watch(entry, worker));
  }

  async function startOrdered(entry: Entry): Promise<void> {
    const { subscription } = entry;
    const main = newQueue(subscription.queue);
    const work = newQueue(orderedWorkQueue(subscription.queue));
    entry.queues.push(main, work);
    await main.setGlobalConcurrency(1);
    const lanes = createLanes((await main.client) as unknown as Redis, subscription.queue);
    entry.lanes = lanes;

    const dispatch = async (head: LaneEntry | undefined) => {
      if (!head) {
        return;
      }
      await work.add(head.envelope.topic, head.envelope, {
        jobId: head.member,
        attempts: maxEventAttempts,
        backoff: { type: eventBackoffType },
        ...keptJobs,
      });
    };
    const advance = async (job: Job) => {
      const read = readEnvelope(entry, job);
      const envelope = 'broken' in read ? read.broken : read;
      await dispatch(await lanes.advance(String(job.id), envelope));
    };

    const sequencer = new Worker(
      subscription.queue,
      async (job) => {
        const read = readEnvelope(entry, job);
        if ('broken' in read) {
          await giveUp(entry, read.broken, job.attemptsMade + 1, 0, read.why);
          return;
        }
        const placed = await lanes.enlane(String(job.id), read);
        if (placed.kind === 'dispatch') {
          await dispatch(placed.head);
        } else if (placed.kind === 'parked') {
          metrics.handled.inc({ subscription: subscription.id, outcome: 'parked' });
          await traceStage(db, { subscription: subscription.id, envelope: read, stage: 'parked' });
        }
      },
      {
        ...workerOptions(entry, 1, retryPolicy({ attempts: maxEventAttempts })),
        concurrency: 1,
      },
    );
    const worker = new Worker(
      orderedWorkQueue(subscription.queue),
      async (job) => {
        try {
          await handleJob(entry, job);
        } catch (error) {
          if (error instanceof DeadLettered) {
            await advance(job);
          } else {
            const read = readEnvelope(entry, job);
            if (!('broken' in read)) {
              await lanes.markFailing(String(job.id), read);
            }
          }
          throw error;
        }
        await advance(job);
      },
      workerOptions(entry, entry.concurrency, subscription.retry),
    );
    entry.workers.push(watch(entry, sequencer), watch(entry, worker, advance));
  }

  async function startEntry(entry: Entry): Promise<void> {
    if (entry.started) {
      return;
    }
    entry.started = true;
    await entry.subscription.ready;
    if (entry.subscription.ordered) {
      await startOrdered(entry);
      return;
    }
    const main = newQueue(entry.subscription.queue);
    entry.queues.push(main);
    // A subscription that was ordered before keeps the queue's global limit unless removed.
    await main.removeGlobalConcurrency();
    startPlain(entry);
  }

  async function heartbeat(): Promise<void> {
    const ids = entries.map((entry) => entry.subscription.id);
    if (ids.length > 0) {
      await db
        .update(messageSubscriptions)
        .set({ seenAt: sql`now()` })
        .where(inArray(messageSubscriptions.id, ids));
    }
  }

  async function sample(): Promise<void> {
    const live = entries.filter((entry) => entry.started);
    for (const entry of live) {
      let oldest = Number.POSITIVE_INFINITY;
      for (const queue of entry.queues) {
        const [job] = await queue.getJobs(['wait'], 0, 0, true);
        const occurred = job ? Date.parse((job.data as EventEnvelope).occurredAt) : Number.NaN;
        if (job) {
          oldest = Math.min(oldest, Number.isNaN(occurred) ? job.timestamp : occurred);
        }
      }
      const lag = Number.isFinite(oldest) ? Math.max(0, (Date.now() - oldest) / 1000) : 0;
      metrics.lagSeconds.set({ subscription: entry.subscription.id }, lag);
    }
    const counts = await countDeadLetters(
      db,
      live.map((entry) => entry.subscription.id),
    );
    for (const [subscription, count] of counts) {
      metrics.deadLetters.set({ subscription }, count);
    }
  }

  function every(ms: number, task: () => Promise<void>, what: string): void {
    const timer = setInterval(() => {
      task().catch((error: unknown) => logger.warn({ err: error }, `${what} failed`));
    }, ms);
    timer.unref();
    timers.push(timer);
  }

  return {
    get subscriptions() {
      return entries.map((entry) => entry.subscription);
    },

    subscribe(topic, group, handler, subscribeOptions = {}) {
      const mode = subscribeOptions.mode ?? 'cluster';
      if (!/^[a-z0-9][a-z0-9._-]*$/i.test(group)) {
        throw new Error(`subscription group "${group}" must be letters, digits, ".", "_" or "-"`);
      }
      if (mode === 'broadcast' && subscribeOptions.ordered) {
        throw new Error('a broadcast subscription cannot be ordered');
      }
      const id = subscriptionId(group, topic.name, mode === 'broadcast' ? instanceId : undefined);
      if (entries.some((entry) => entry.subscription.id === id)) {
        throw new Error(`subscription ${id} is declared twice`);
      }
      const concurrency = subscribeOptions.concurrency ?? 10;
      const entry: Entry = {
        subscription: {
          id,
          queue: queueName(id),
          topic: topic.name,
          group,
          mode,
          ordered: subscribeOptions.ordered ?? false,
          retry: retryPolicy(subscribeOptions.retry),
          ready: Promise.resolve(),
        },
        topic,
        handler: handler as EventHandler<Topic>,
        concurrency,
        tuning: subscribeOptions.worker ?? {},
        workers: [],
        queues: [],
        started: false,
      };
      const ready = register(entry);
      // Awaited by start(); a rejection here must not go unhandled in between.
      ready.catch(() => {});
      (entry.subscription as { ready: Promise<void> }).ready = ready;
      entries.push(entry);
      if (running) {
        startEntry(entry).catch((error: unknown) => {
          logger.error({ err: error, subscription: id }, 'subscription failed to start');
        });
      }
      return entry.subscription;
    },

    async start() {
      if (running) {
        return;
      }
      running = true;
      await Promise.all(entries.map((entry) => startEntry(entry)));
      every(options.heartbeatMs ?? 10_000, heartbeat, 'subscription heartbeat');
      every(options.sampleMs ?? 5000, sample, 'subscription sampling');
    },

    async stop() {
      running = false;
      for (const timer of timers.splice(0)) {
        clearInterval(timer);
      }
      await Promise.all(entries.flatMap((entry) => entry.workers.map((worker) => worker.close())));
      const broadcast = entries.filter(
        (entry) => entry.started && entry.subscription.mode === 'broadcast',
      );
      if (broadcast.length > 0) {
        // This instance's own queues end with it; the relay stops routing to them at once.
        const ids = broadcast.map((entry) => entry.subscription.id);
        await db.transaction(async (tx) => {
          await tx.delete(messageSubscriptions).where(inArray(messageSubscriptions.id, ids));
          for (const id of ids) {
            await tx.execute(sql`select pg_notify('trellis_subscriptions', ${id})`);
          }
        });
        await Promise.all(
          broadcast.flatMap((entry) =>
            entry.queues.map((queue) => queue.obliterate({ force: true })),
          ),
        );
      }
      await Promise.all(entries.flatMap((entry) => entry.queues.map((queue) => queue.close())));
      for (const entry of entries) {
        entry.workers = [];
        entry.queues = [];
        entry.started = false;
      }
    },
  };
}
