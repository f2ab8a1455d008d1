import type { Database } from '@trellis/db';
import {
  type DeadLetterAttempt,
  deadLetters,
  messageSubscriptions,
  messageTrace,
  messagingAudit,
  outbox,
} from '@trellis/db/schema';
import { and, asc, count, desc, eq, gte, inArray, lt, lte, type SQL, sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';

type Tx = Parameters<Parameters<Database['transaction']>[0]>[0];
/** The database or a transaction on it. */
export type Queryable = Database | Tx;

export type DeadLetterRow = typeof deadLetters.$inferSelect;
export type SubscriptionRow = typeof messageSubscriptions.$inferSelect;
export type TraceRow = typeof messageTrace.$inferSelect;
export type DeadLetterStatus = DeadLetterRow['status'];
export type TraceStage = TraceRow['stage'];
export type { DeadLetterAttempt };

export function listSubscriptions(db: Queryable): Promise<SubscriptionRow[]> {
  return db.select().from(messageSubscriptions).orderBy(asc(messageSubscriptions.id));
}

export async function findSubscription(
  db: Queryable,
  id: string,
): Promise<SubscriptionRow | undefined> {
  const [row] = await db.select().from(messageSubscriptions).where(eq(messageSubscriptions.id, id));
  return row;
}

/** Dead letters still waiting (`dead`) per subscription. */
export async function deadLetterCounts(db: Queryable): Promise<Map<string, number>> {
  const rows = await db
    .select({ subscription: deadLetters.subscription, dead: count() })
    .from(deadLetters)
    .where(eq(deadLetters.status, 'dead'))
    .groupBy(deadLetters.subscription);
  return new Map(rows.map((row) => [row.subscription, row.dead]));
}

/** Handled and failed attempts per subscription since `since`, from the trace. */
export async function outcomeCounts(
  db: Queryable,
  since: Date,
): Promise<Map<string, { handled: number; failed: number }>> {
  const rows = await db
    .select({ subscription: messageTrace.subscription, stage: messageTrace.stage, n: count() })
    .from(messageTrace)
    .where(
      and(
        gte(messageTrace.at, since),
        inArray(messageTrace.stage, ['handled', 'failed']),
        sql`${messageTrace.subscription} is not null`,
      ),
    )
    .groupBy(messageTrace.subscription, messageTrace.stage);
  const counts = new Map<string, { handled: number; failed: number }>();
  for (const row of rows) {
    const subscription = row.subscription ?? '';
    const entry = counts.get(subscription) ?? { handled: 0, failed: 0 };
    entry[row.stage === 'handled' ? 'handled' : 'failed'] = row.n;
    counts.set(subscription, entry);
  }
  return counts;
}

/** Outbox rows written per event type since `since`. */
export async function publishedCounts(db: Queryable, since: Date): Promise<Map<string, number>> {
  const rows = await db
    .select({ topic: outbox.eventType, n: count() })
    .from(outbox)
    .where(gte(outbox.occurredAt, since))
    .groupBy(outbox.eventType);
  return new Map(rows.map((row) => [row.topic, row.n]));
}

export interface DeadLetterFilter {
  subscription?: string | undefined;
  topic?: string | undefined;
  status?: DeadLetterStatus | undefined;
  createdFrom?: Date | undefined;
  createdTo?: Date | undefined;
}

function deadLetterFilters(filter: DeadLetterFilter): SQL[] {
  const filters: SQL[] = [];
  if (filter.subscription) {
    filters.push(eq(deadLetters.subscription, filter.subscription));
  }
  if (filter.topic) {
    filters.push(eq(deadLetters.topic, filter.topic));
  }
  if (filter.status) {
    filters.push(eq(deadLetters.status, filter.status));
  }
  if (filter.createdFrom) {
    filters.push(gte(deadLetters.createdAt, filter.createdFrom));
  }
  if (filter.createdTo) {
    filters.push(lte(deadLetters.createdAt, filter.createdTo));
  }
  return filters;
}

/** Newest first, `limit + 1` rows after the cursor's id. */
export function listDeadLetters(
  db: Queryable,
  query: DeadLetterFilter & { limit: number; afterId?: string | undefined },
): Promise<DeadLetterRow[]> {
  const filters = deadLetterFilters(query);
  if (query.afterId) {
    filters.push(lt(deadLetters.id, query.afterId));
  }
  return db
    .select()
    .from(deadLetters)
    .where(filters.length > 0 ? and(...filters) : undefined)
    .orderBy(desc(deadLetters.id))
    .limit(query.limit + 1);
}

/** The dead letters a filtered replay takes, oldest first, locked against a second replay. */
export function lockDeadLetters(
  tx: Tx,
  filter: DeadLetterFilter,
  limit: number,
): Promise<DeadLetterRow[]> {
  return tx
    .select()
    .from(deadLetters)
    .where(and(...deadLetterFilters({ ...filter, status: 'dead' })))
    .orderBy(asc(deadLetters.createdAt), asc(deadLetters.id))
    .limit(limit)
    .for('update', { skipLocked: true });
}

export async function findDeadLetter(
  db: Queryable,
  id: string,
  options: { lock?: boolean } = {},
): Promise<DeadLetterRow | undefined> {
  const query = db.select().from(deadLetters).where(eq(deadLetters.id, id));
  const [row] = options.lock ? await query.for('update') : await query;
  return row;
}

export async function resolveDeadLetter(
  db: Queryable,
  id: string,
  change: {
    status: 'replayed' | 'discarded';
    actor: string;
    at: Date;
    payload?: Record<string, unknown>;
  },
): Promise<DeadLetterRow> {
  const [row] = await db
    .update(deadLetters)
    .set({
      status: change.status,
      resolvedAt: change.at,
      resolvedBy: change.actor,
      updatedAt: change.at,
      version: sql`${deadLetters.version} + 1`,
      ...(change.payload ? { payload: change.payload, editedAt: change.at } : {}),
    })
    .where(eq(deadLetters.id, id))
    .returning();
  if (row === undefined) {
    throw new Error(`dead letter ${id} vanished inside its transaction`);
  }
  return row;
}

/** The outbox row of an event, while retention keeps it: its commit time and order. */
export async function findOutboxEvent(db: Queryable, eventId: string) {
  const [row] = await db
    .select({
      id: outbox.id,
      eventType: outbox.eventType,
      key: outbox.key,
      occurredAt: outbox.occurredAt,
      publishedAt: outbox.publishedAt,
      seq: outbox.seq,
    })
    .from(outbox)
    .where(eq(outbox.id, eventId));
  return row;
}

export interface TraceInsert {
  eventId: string;
  topic: string;
  key: string | null;
  subscription: string | null;
  stage: TraceStage;
  at: Date;
  actor?: string;
  error?: string;
}

export async function insertTrace(db: Queryable, rows: TraceInsert[]): Promise<void> {
  if (rows.length > 0) {
    await db.insert(messageTrace).values(rows);
  }
}

export async function insertAudit(
  db: Queryable,
  entry: {
    actor: string;
    action: string;
    target: string;
    detail: Record<string, unknown>;
    at: Date;
  },
): Promise<void> {
  await db.insert(messagingAudit).values({ id: `maud_${uuidv7().replaceAll('-', '')}`, ...entry });
}

export interface TraceQuery {
  eventId?: string | undefined;
  key?: string | undefined;
  topic?: string | undefined;
  from: Date;
  to: Date;
  limit: number;
}

/**
 * The events a trace search finds, newest first: by id; or by key and/or topic among the events
 * committed in the range (the outbox, while retention keeps it) and those traced in it.
 */
export async function traceEventIds(db: Queryable, query: TraceQuery): Promise<string[]> {
  if (query.eventId) {
    return [query.eventId];
  }
  const outboxFilters: SQL[] = [
    gte(outbox.occurredAt, query.from),
    lte(outbox.occurredAt, query.to),
  ];
  const traceFilters: SQL[] = [gte(messageTrace.at, query.from), lte(messageTrace.at, query.to)];
  if (query.key) {
    outboxFilters.push(eq(outbox.key, query.key));
    traceFilters.push(eq(messageTrace.key, query.key));
  }
  if (query.topic) {
    outboxFilters.push(eq(outbox.eventType, query.topic));
    traceFilters.push(eq(messageTrace.topic, query.topic));
  }
  const [committed, traced] = await Promise.all([
    db
      .select({ id: outbox.id, at: outbox.occurredAt })
      .from(outbox)
      .where(and(...outboxFilters))
      .orderBy(desc(outbox.seq))
      .limit(query.limit),
    db
      .select({
        id: messageTrace.eventId,
        at: sql<Date>`max(${messageTrace.at})`.mapWith(messageTrace.at),
      })
      .from(messageTrace)
      .where(and(...traceFilters))
      .groupBy(messageTrace.eventId)
      .orderBy(desc(sql`max(${messageTrace.at})`))
      .limit(query.limit),
  ]);
  const latest = new Map<string, number>();
  for (const row of [...committed, ...traced]) {
    const at = new Date(row.at).getTime();
    latest.set(row.id, Math.max(latest.get(row.id) ?? 0, at));
  }
  return [...latest.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, query.limit)
    .map(([id]) => id);
}

export async function traceOf(db: Queryable, eventIds: string[]) {
  if (eventIds.length === 0) {
    return { events: [], stages: [] };
  }
  const [events, stages] = await Promise.all([
    db
      .select({
        id: outbox.id,
        topic: outbox.eventType,
        key: outbox.key,
        occurredAt: outbox.occurredAt,
        publishedAt: outbox.publishedAt,
      })
      .from(outbox)
      .where(inArray(outbox.id, eventIds)),
    db
      .select()
      .from(messageTrace)
      .where(inArray(messageTrace.eventId, eventIds))
      .orderBy(asc(messageTrace.at), asc(messageTrace.id)),
  ]);
  return { events, stages };
}
