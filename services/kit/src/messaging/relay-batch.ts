import type { DbHandle } from '@trellis/db';
import type { TransactionSql } from 'postgres';
import type { EventEnvelope } from './envelope.ts';
import { eventJob } from './queues.ts';
import type { RelayedEvent, RelayOptions } from './relay.ts';
import type { RelayMetrics } from './relay-metrics.ts';
import type { RelayQueues } from './relay-queues.ts';

/**
 * The one transaction-scoped advisory lock every relay takes for a batch: one relay moves rows
 * at a time, so no event is relayed twice and none overtakes another; the others skip and try
 * again on the next notification or poll. (`publish`'s per-key locks use the two-int space.)
 */
const relayLockKey = 7_305_111_401n;

export interface BatchContext {
  sql: DbHandle['sql'];
  batchSize: number;
  queues: RelayQueues;
  metrics: RelayMetrics | null;
  onBatch: RelayOptions['onBatch'];
}

interface PendingRow {
  id: string;
  topic: string;
  version: number;
  key: string | null;
  aggregate_id: string;
  payload: Record<string, unknown>;
  headers: Record<string, string>;
  /** ISO 8601, formatted by Postgres: drizzle's client leaves timestamps as text. */
  occurred_at: string;
  seq: string;
  delay_ms: number;
}

interface SubscriptionRow {
  id: string;
  topic: string;
  queue: string;
}

/** One `message_trace` row per event and subscription (one without), as columns for `unnest`. */
interface TraceColumns {
  eventId: string[];
  topic: string[];
  key: string[];
  subscription: (string | null)[];
  note: (string | null)[];
}

/**
 * Moves one batch in one transaction: the lock, the read, one `addBulk` per queue (job id =
 * event id, so a re-add after a crash between the Redis add and the commit is a no-op), the
 * trace rows and `published_at`. Returns the rows moved, or -1 when another relay holds the lock.
 */
export async function relayBatch(ctx: BatchContext): Promise<number> {
  const stopTimer = ctx.metrics?.batchSeconds.startTimer();
  const moved = await ctx.sql.begin((tx) => moveBatch(ctx, tx));
  if (moved >= 0) {
    stopTimer?.();
  }
  return moved;
}

async function moveBatch(ctx: BatchContext, tx: TransactionSql): Promise<number> {
  const [lock] = await tx<{ locked: boolean }[]>`
    select pg_try_advisory_xact_lock(${relayLockKey.toString()}::bigint) as locked`;
  if (!lock?.locked) {
    return -1;
  }
  const rows = await tx<PendingRow[]>`
    select id, event_type as topic, topic_version as version, key, aggregate_id, payload,
      headers, seq,
      to_char(occurred_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as occurred_at,
      greatest(0, ceil(extract(epoch from deliver_at - now()) * 1000))::float8 as delay_ms
    from outbox where published_at is null order by seq limit ${ctx.batchSize}`;
  if (rows.length === 0) {
    return 0;
  }
  const byTopic = await subscriptionsByTopic(tx, rows);
  const relayed = rows.map((row) => ({ envelope: toEnvelope(row), delayMs: row.delay_ms }));
  await ctx.onBatch?.(tx, relayed);
  const { jobs, trace } = fanOut(relayed, byTopic);
  // Order within a queue is `seq` order: addBulk keeps the order it is given.
  await Promise.all([...jobs].map(([name, list]) => ctx.queues.get(name).addBulk(list)));
  await tx`
    insert into message_trace (event_id, topic, key, subscription, stage, error)
    select e, t, k, s, 'relayed', n
    from unnest(${trace.eventId}::text[], ${trace.topic}::text[], ${trace.key}::text[],
      ${trace.subscription}::text[], ${trace.note}::text[]) as x(e, t, k, s, n)`;
  await tx`update outbox set published_at = now() where id = any(${rows.map((r) => r.id)})`;
  if (ctx.metrics) {
    countBatch(ctx.metrics, rows, byTopic);
  }
  return rows.length;
}

async function subscriptionsByTopic(
  tx: TransactionSql,
  rows: readonly PendingRow[],
): Promise<Map<string, SubscriptionRow[]>> {
  const topics = [...new Set(rows.map((row) => row.topic))];
  // Read in the batch, not cached: a subscription registered before an event's commit gets it,
  // however fresh.
  const subscriptions = await tx<SubscriptionRow[]>`
    select id, topic, queue from message_subscriptions where topic = any(${topics})`;
  const byTopic = new Map<string, SubscriptionRow[]>();
  for (const sub of subscriptions) {
    byTopic.set(sub.topic, [...(byTopic.get(sub.topic) ?? []), sub]);
  }
  return byTopic;
}

/** The jobs per queue, in `seq` order, and the trace rows of the batch. */
function fanOut(
  relayed: readonly RelayedEvent[],
  byTopic: ReadonlyMap<string, readonly SubscriptionRow[]>,
): { jobs: Map<string, ReturnType<typeof eventJob>[]>; trace: TraceColumns } {
  const jobs = new Map<string, ReturnType<typeof eventJob>[]>();
  const trace: TraceColumns = { eventId: [], topic: [], key: [], subscription: [], note: [] };
  for (const { envelope, delayMs } of relayed) {
    const subs = byTopic.get(envelope.topic) ?? [];
    for (const sub of subs) {
      const list = jobs.get(sub.queue) ?? [];
      list.push(eventJob(envelope, delayMs));
      jobs.set(sub.queue, list);
    }
    for (const sub of subs.length > 0 ? subs : [null]) {
      trace.eventId.push(envelope.id);
      trace.topic.push(envelope.topic);
      trace.key.push(envelope.key);
      trace.subscription.push(sub?.id ?? null);
      trace.note.push(sub ? null : 'no subscription');
    }
  }
  return { jobs, trace };
}

function countBatch(
  metrics: RelayMetrics,
  rows: readonly PendingRow[],
  byTopic: ReadonlyMap<string, readonly SubscriptionRow[]>,
): void {
  for (const row of rows) {
    metrics.published.inc({ topic: row.topic });
    const count = byTopic.get(row.topic)?.length ?? 0;
    if (count > 0) {
      metrics.relayed.inc({ topic: row.topic }, count);
    }
  }
}

function toEnvelope(row: PendingRow): EventEnvelope {
  return {
    id: row.id,
    topic: row.topic,
    version: row.version,
    key: row.key ?? row.aggregate_id,
    payload: row.payload,
    headers: row.headers,
    occurredAt: row.occurred_at,
    seq: Number(row.seq),
  };
}
