import { type Executor, newId, schema } from '@trellis/db';
import { and, desc, eq, gt, inArray, sql } from 'drizzle-orm';
import type { EventEnvelope } from './envelope.ts';

const { deadLetters, messageTrace } = schema;

export type TraceStage = (typeof messageTrace.$inferInsert)['stage'];

export interface TraceEntry {
  subscription: string;
  envelope: Pick<EventEnvelope, 'id' | 'topic' | 'key'>;
  stage: TraceStage;
  attempt?: number;
  durationMs?: number;
  error?: string;
}

/** Appends one stage of an event's life in a subscription to the message trace. */
export async function traceStage(db: Executor, entry: TraceEntry): Promise<void> {
  await db.insert(messageTrace).values({
    eventId: entry.envelope.id,
    topic: entry.envelope.topic,
    key: entry.envelope.key || null,
    subscription: entry.subscription,
    stage: entry.stage,
    attempt: entry.attempt ?? null,
    durationMs: entry.durationMs ?? null,
    error: entry.error ?? null,
  });
}

export interface FinalFailure {
  subscription: string;
  envelope: EventEnvelope;
  attempt: number;
  durationMs: number;
  error: string;
}

/**
 * Gives an event up: traces its last failed attempt, then upserts its dead letter (one per
 * subscription and event, so a replay that fails again updates it) with every failed attempt
 * since the event last died or was replayed, and traces `dead`. One transaction.
 */
export async function deadLetter(db: Executor, failure: FinalFailure): Promise<void> {
  const { subscription, envelope } = failure;
  const run = async (tx: Executor) => {
    await traceStage(tx, {
      subscription,
      envelope,
      stage: 'failed',
      attempt: failure.attempt,
      durationMs: failure.durationMs,
      error: failure.error,
    });
    const since = await tx
      .select({ id: messageTrace.id })
      .from(messageTrace)
      .where(
        and(
          eq(messageTrace.eventId, envelope.id),
          eq(messageTrace.subscription, subscription),
          inArray(messageTrace.stage, ['dead', 'replayed', 'edited']),
        ),
      )
      .orderBy(desc(messageTrace.id))
      .limit(1);
    const failed = await tx
      .select()
      .from(messageTrace)
      .where(
        and(
          eq(messageTrace.eventId, envelope.id),
          eq(messageTrace.subscription, subscription),
          eq(messageTrace.stage, 'failed'),
          gt(messageTrace.id, since[0]?.id ?? 0),
        ),
      )
      .orderBy(messageTrace.id);
    const attempts = failed.map((row) => ({
      attempt: row.attempt ?? 0,
      at: row.at.toISOString(),
      durationMs: row.durationMs ?? 0,
      error: row.error ?? '',
    }));
    await tx
      .insert(deadLetters)
      .values({
        id: newId('deadLetter'),
        subscription,
        eventId: envelope.id,
        topic: envelope.topic,
        topicVersion: envelope.version,
        key: envelope.key || null,
        payload: envelope.payload,
        headers: envelope.headers,
        attempts,
        lastError: failure.error,
      })
      .onConflictDoUpdate({
        target: [deadLetters.subscription, deadLetters.eventId],
        set: {
          payload: envelope.payload,
          headers: envelope.headers,
          attempts,
          lastError: failure.error,
          status: 'dead',
          resolvedAt: null,
          resolvedBy: null,
          updatedAt: sql`now()`,
          version: sql`${deadLetters.version} + 1`,
        },
      });
    await traceStage(tx, { subscription, envelope, stage: 'dead', attempt: failure.attempt });
  };
  await ('transaction' in db ? db.transaction(run) : run(db));
}

/** Dead letters waiting for an operator, per subscription (the `messaging_dead_letters` gauge). */
export async function countDeadLetters(
  db: Executor,
  subscriptions: string[],
): Promise<Map<string, number>> {
  const counts = new Map(subscriptions.map((id) => [id, 0]));
  if (subscriptions.length === 0) {
    return counts;
  }
  const rows = await db
    .select({ subscription: deadLetters.subscription, count: sql<number>`count(*)::int` })
    .from(deadLetters)
    .where(and(inArray(deadLetters.subscription, subscriptions), eq(deadLetters.status, 'dead')))
    .groupBy(deadLetters.subscription);
  for (const row of rows) {
    counts.set(row.subscription, row.count);
  }
  return counts;
}
