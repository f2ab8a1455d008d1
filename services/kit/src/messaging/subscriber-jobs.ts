import type { Tx } from '@trellis/db';
import { type Job, UnrecoverableError } from 'bullmq';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { deadLetter, traceStage } from './dead-letters.ts';
import type { EventEnvelope } from './envelope.ts';
import { errorText, runInEventContext } from './event-context.ts';
import { isLastAttempt } from './retry-policy.ts';
import type { Subscription } from './subscriber.ts';
import type { Entry, SubscriberContext } from './subscriber-entry.ts';
import type { HandledOutcome } from './subscriber-metrics.ts';

/** Thrown once an event's dead letter is written: BullMQ fails the job without retrying it. */
export class DeadLettered extends UnrecoverableError {
  override name = 'DeadLettered';
}

/** A handled event's id is already recorded: roll back this delivery's effects, skip it. */
class AlreadyHandled extends Error {}

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

/** The job's envelope, or a stand-in for a job that carries none (to dead-letter it by). */
export function readEnvelope(
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

/** The job's envelope, broken or not: enough to dead-letter it or move its lane on. */
export function envelopeOf(entry: Entry, job: Job): EventEnvelope {
  const read = readEnvelope(entry, job);
  return 'broken' in read ? read.broken : read;
}

export async function giveUp(
  context: SubscriberContext,
  entry: Entry,
  failure: { envelope: EventEnvelope; attempt: number; durationMs: number; error: string },
): Promise<never> {
  const { subscription } = entry;
  const { envelope, attempt, error } = failure;
  await deadLetter(context.db, { subscription: subscription.id, ...failure });
  context.metrics.handled.inc({ subscription: subscription.id, outcome: 'dead' });
  context.logger.warn(
    { subscription: subscription.id, eventId: envelope.id, attempt, error },
    'event dead-lettered',
  );
  throw new DeadLettered(error);
}

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
    -- clock_timestamp(): when the handler finished, not when its transaction began.
    insert into message_trace
      (event_id, topic, key, subscription, stage, attempt, duration_ms, at)
    select event_id, ${envelope.topic}, ${envelope.key || null}, ${subscription}, 'handled',
      ${entry.attempt}, ${entry.durationMs}, clock_timestamp()
    from marked
    returning id`);
  return rows.length > 0;
}

/** Whether a failed delivery failed only because another had handled the event already. */
async function handledBefore(
  context: SubscriberContext,
  subscription: Subscription,
  envelope: EventEnvelope,
) {
  if (subscription.mode === 'broadcast') {
    return false;
  }
  const rows = await context.db.execute(sql`
    select 1 from processed_events
    where subscription = ${subscription.id} and event_id = ${envelope.id}`);
  return rows.length > 0;
}

/** One attempt at one well-formed event. */
interface Attempt {
  envelope: EventEnvelope;
  payload: unknown;
  attempt: number;
  queue: string;
}

/**
 * One attempt at one event: parse, then in one transaction run the handler and mark the event
 * processed, so the side effect and the "done" commit together; a duplicate finds the mark and
 * is skipped. A failure is traced and rethrown for BullMQ's retry, or dead-lettered at the
 * policy's last attempt; a payload the topic's schema refuses is dead-lettered at once.
 */
export async function handleJob(
  context: SubscriberContext,
  entry: Entry,
  job: Job,
): Promise<HandledOutcome> {
  const attempt = job.attemptsMade + 1;
  const read = readEnvelope(entry, job);
  if ('broken' in read) {
    return giveUp(context, entry, {
      envelope: read.broken,
      attempt,
      durationMs: 0,
      error: read.why,
    });
  }
  const envelope = read;
  const payload = entry.topic.schema.safeParse(envelope.payload);
  if (!payload.success) {
    const why = `payload does not match ${entry.topic.name} v${entry.topic.version}: ${z.prettifyError(payload.error)}`;
    return giveUp(context, entry, { envelope, attempt, durationMs: 0, error: why });
  }
  if (attempt > entry.subscription.retry.attempts) {
    // Its last attempt failed but the dead letter was not written (the database was down).
    const error = job.failedReason || 'attempts exhausted';
    return giveUp(context, entry, { envelope, attempt: attempt - 1, durationMs: 0, error });
  }
  return attemptEvent(context, entry, {
    envelope,
    payload: payload.data,
    attempt,
    queue: job.queueName,
  });
}

async function attemptEvent(
  context: SubscriberContext,
  entry: Entry,
  run: Attempt,
): Promise<HandledOutcome> {
  const { subscription } = entry;
  const { metrics } = context;
  const started = performance.now();
  const elapsedMs = () => performance.now() - started;
  try {
    const outcome = await runHandler(context, entry, run, elapsedMs);
    metrics.handlerSeconds.observe({ subscription: subscription.id }, elapsedMs() / 1000);
    metrics.handled.inc({ subscription: subscription.id, outcome });
    if (outcome === 'skipped') {
      await traceStage(context.db, {
        subscription: subscription.id,
        envelope: run.envelope,
        stage: 'skipped',
        attempt: run.attempt,
      });
    }
    return outcome;
  } catch (error) {
    return failAttempt(context, entry, run, elapsedMs(), error);
  }
}

/** The handler and the handled mark in one transaction; a duplicate delivery is `skipped`. */
function runHandler(
  context: SubscriberContext,
  entry: Entry,
  run: Attempt,
  elapsedMs: () => number,
): Promise<HandledOutcome> {
  const { subscription } = entry;
  const { envelope, attempt } = run;
  const scope = {
    subscription: subscription.id,
    queue: run.queue,
    group: subscription.group,
    attempt,
  };
  return runInEventContext(envelope, scope, context.logger, (eventLogger) =>
    context.db
      .transaction(async (tx): Promise<HandledOutcome> => {
        await entry.handler(run.payload, {
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
        if (
          error instanceof AlreadyHandled ||
          (await handledBefore(context, subscription, envelope))
        ) {
          return 'skipped';
        }
        throw error;
      }),
  );
}

/** Dead-letters the event at the policy's last attempt; otherwise traces and rethrows. */
async function failAttempt(
  context: SubscriberContext,
  entry: Entry,
  run: Attempt,
  durationMs: number,
  error: unknown,
): Promise<never> {
  const { subscription } = entry;
  const { envelope, attempt } = run;
  context.metrics.handlerSeconds.observe({ subscription: subscription.id }, durationMs / 1000);
  const text = errorText(error);
  if (isLastAttempt(subscription.retry, attempt)) {
    return giveUp(context, entry, { envelope, attempt, durationMs, error: text });
  }
  context.metrics.handled.inc({ subscription: subscription.id, outcome: 'failed' });
  await traceStage(context.db, {
    subscription: subscription.id,
    envelope,
    stage: 'failed',
    attempt,
    durationMs,
    error: text,
  }).catch((traceError: unknown) => {
    context.logger.error({ err: traceError }, 'could not trace a failed attempt');
  });
  throw error;
}
