import type { Executor } from '@trellis/db';
import { schema } from '@trellis/db';
import { and, desc, eq, inArray, lt, ne, or, type SQL, sql } from 'drizzle-orm';
import { newPushId } from './ids.ts';
import type { StoredSecret } from './secrets.ts';

const { webhookEndpoints, webhookDeliveries, webhookAttempts, messagingAudit, userStreamEvents } =
  schema;

export type EndpointRow = typeof webhookEndpoints.$inferSelect;
export type DeliveryRow = typeof webhookDeliveries.$inferSelect;
export type AttemptRow = typeof webhookAttempts.$inferSelect;

export interface NewEndpoint {
  id: string;
  ownerId: string;
  scope: 'own' | 'all';
  url: string;
  description: string;
  eventTypes: string[];
  secrets: StoredSecret[];
}

export async function insertEndpoint(db: Executor, endpoint: NewEndpoint): Promise<EndpointRow> {
  const [row] = await db.insert(webhookEndpoints).values(endpoint).returning();
  return row as EndpointRow;
}

export async function findEndpoint(db: Executor, id: string): Promise<EndpointRow | undefined> {
  const [row] = await db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, id));
  return row;
}

export async function listEndpoints(
  db: Executor,
  query: { limit: number; ownerId?: string | undefined; afterId?: string | undefined },
): Promise<EndpointRow[]> {
  const where: SQL[] = [];
  if (query.ownerId) {
    where.push(eq(webhookEndpoints.ownerId, query.ownerId));
  }
  if (query.afterId) {
    where.push(lt(webhookEndpoints.id, query.afterId));
  }
  return db
    .select()
    .from(webhookEndpoints)
    .where(and(...where))
    .orderBy(desc(webhookEndpoints.id))
    .limit(query.limit + 1);
}

export type EndpointChanges = Partial<
  Pick<
    EndpointRow,
    'url' | 'description' | 'eventTypes' | 'secrets' | 'status' | 'disabledReason' | 'failingSince'
  >
>;

/** Applies changes and bumps the version; undefined when the row is gone or `version` is stale. */
export async function updateEndpoint(
  db: Executor,
  id: string,
  changes: EndpointChanges,
  now: Date,
  version?: number,
): Promise<EndpointRow | undefined> {
  const [row] = await db
    .update(webhookEndpoints)
    .set({ ...changes, updatedAt: now, version: sql`${webhookEndpoints.version} + 1` })
    .where(
      and(
        eq(webhookEndpoints.id, id),
        version === undefined ? undefined : eq(webhookEndpoints.version, version),
      ),
    )
    .returning();
  return row;
}

export async function deleteEndpoint(db: Executor, id: string): Promise<boolean> {
  const rows = await db
    .delete(webhookEndpoints)
    .where(eq(webhookEndpoints.id, id))
    .returning({ id: webhookEndpoints.id });
  return rows.length > 0;
}

/**
 * The enabled endpoints an event of `topic` goes to: every `all` endpoint, and the `own` ones of
 * the users it concerns, whose filters take the topic (an empty filter takes every topic).
 */
export async function matchingEndpoints(
  db: Executor,
  topic: string,
  audience: readonly string[],
): Promise<EndpointRow[]> {
  const scopeMatches =
    audience.length > 0
      ? or(
          eq(webhookEndpoints.scope, 'all'),
          and(eq(webhookEndpoints.scope, 'own'), inArray(webhookEndpoints.ownerId, [...audience])),
        )
      : eq(webhookEndpoints.scope, 'all');
  return db
    .select()
    .from(webhookEndpoints)
    .where(
      and(
        eq(webhookEndpoints.status, 'enabled'),
        scopeMatches,
        sql`(cardinality(${webhookEndpoints.eventTypes}) = 0 or ${topic} = any(${webhookEndpoints.eventTypes}))`,
      ),
    );
}

/** The delivery of an event to an endpoint, made once: a second call answers the same row. */
export async function ensureDelivery(
  db: Executor,
  delivery: {
    endpointId: string;
    eventId: string;
    topic: string;
    payload: Record<string, unknown>;
  },
  now: Date,
): Promise<DeliveryRow> {
  const [inserted] = await db
    .insert(webhookDeliveries)
    .values({ id: newPushId('whdl'), ...delivery, nextAttemptAt: now })
    .onConflictDoNothing()
    .returning();
  if (inserted) {
    return inserted;
  }
  const [existing] = await db
    .select()
    .from(webhookDeliveries)
    .where(
      and(
        eq(webhookDeliveries.endpointId, delivery.endpointId),
        eq(webhookDeliveries.eventId, delivery.eventId),
      ),
    );
  return existing as DeliveryRow;
}

export async function findDelivery(db: Executor, id: string): Promise<DeliveryRow | undefined> {
  const [row] = await db.select().from(webhookDeliveries).where(eq(webhookDeliveries.id, id));
  return row;
}

export async function listDeliveries(
  db: Executor,
  query: {
    endpointId: string;
    limit: number;
    status?: DeliveryRow['status'] | undefined;
    afterId?: string | undefined;
  },
): Promise<DeliveryRow[]> {
  return db
    .select()
    .from(webhookDeliveries)
    .where(
      and(
        eq(webhookDeliveries.endpointId, query.endpointId),
        query.status ? eq(webhookDeliveries.status, query.status) : undefined,
        query.afterId ? lt(webhookDeliveries.id, query.afterId) : undefined,
      ),
    )
    .orderBy(desc(webhookDeliveries.id))
    .limit(query.limit + 1);
}

/** The attempts of these deliveries, newest first, at most `perDelivery` each. */
export async function attemptsOf(
  db: Executor,
  deliveryIds: readonly string[],
  perDelivery = 20,
): Promise<Map<string, AttemptRow[]>> {
  const byDelivery = new Map<string, AttemptRow[]>();
  if (deliveryIds.length === 0) {
    return byDelivery;
  }
  const rows = await db
    .select()
    .from(webhookAttempts)
    .where(inArray(webhookAttempts.deliveryId, [...deliveryIds]))
    .orderBy(desc(webhookAttempts.attempt));
  for (const row of rows) {
    const list = byDelivery.get(row.deliveryId) ?? [];
    if (list.length < perDelivery) {
      list.push(row);
    }
    byDelivery.set(row.deliveryId, list);
  }
  return byDelivery;
}

export interface AttemptOutcome {
  statusCode: number | null;
  latencyMs: number;
  responseExcerpt: string | null;
  error: string | null;
}

/** Logs one attempt and brings the delivery's summary up to date. */
export async function recordAttempt(
  db: Executor,
  delivery: DeliveryRow,
  outcome: AttemptOutcome,
  next: { status: DeliveryRow['status']; nextAttemptAt: Date | null },
  now: Date,
): Promise<number> {
  const attempt = delivery.attempts + 1;
  await db.insert(webhookAttempts).values({
    deliveryId: delivery.id,
    attempt,
    at: now,
    statusCode: outcome.statusCode,
    latencyMs: outcome.latencyMs,
    responseExcerpt: outcome.responseExcerpt,
    error: outcome.error,
  });
  await db
    .update(webhookDeliveries)
    .set({
      attempts: attempt,
      status: next.status,
      nextAttemptAt: next.nextAttemptAt,
      lastStatusCode: outcome.statusCode,
      lastLatencyMs: outcome.latencyMs,
      lastResponse: outcome.responseExcerpt,
      lastError: outcome.error,
      updatedAt: now,
    })
    .where(eq(webhookDeliveries.id, delivery.id));
  return attempt;
}

/** Puts a finished delivery back to pending for a manual replay. */
export async function reopenDelivery(db: Executor, id: string, now: Date): Promise<void> {
  await db
    .update(webhookDeliveries)
    .set({ status: 'pending', nextAttemptAt: now, updatedAt: now })
    .where(eq(webhookDeliveries.id, id));
}

/** Whether the endpoint's last `count` finished deliveries all failed (and there are that many). */
export async function lastDeliveriesAllFailed(
  db: Executor,
  endpointId: string,
  count: number,
): Promise<boolean> {
  const rows = await db
    .select({ status: webhookDeliveries.status })
    .from(webhookDeliveries)
    .where(
      and(eq(webhookDeliveries.endpointId, endpointId), ne(webhookDeliveries.status, 'pending')),
    )
    .orderBy(desc(webhookDeliveries.updatedAt))
    .limit(count);
  return rows.length === count && rows.every((r) => r.status === 'failed');
}

/** Pending deliveries whose next attempt is overdue: their job was lost (a Redis restart). */
export async function overdueDeliveries(
  db: Executor,
  before: Date,
  limit = 500,
): Promise<Pick<DeliveryRow, 'id' | 'attempts'>[]> {
  return db
    .select({ id: webhookDeliveries.id, attempts: webhookDeliveries.attempts })
    .from(webhookDeliveries)
    .where(
      and(eq(webhookDeliveries.status, 'pending'), lt(webhookDeliveries.nextAttemptAt, before)),
    )
    .limit(limit);
}

export async function audit(
  db: Executor,
  entry: { actor: string; action: string; target: string; detail?: Record<string, unknown> },
  now: Date,
): Promise<void> {
  await db.insert(messagingAudit).values({
    id: newPushId('maud'),
    actor: entry.actor,
    action: entry.action,
    target: entry.target,
    detail: entry.detail ?? {},
    at: now,
  });
}

/** The channel live streams listen on; the payload is the user id. */
export const streamChannel = 'trellis_stream';

/**
 * Appends an event to users' streams and tells their live streams at commit. The per-user
 * advisory locks (taken in id order, so two writers never deadlock) make one user's `seq` order
 * its commit order: a stream that has read up to seq N never later sees a smaller seq commit.
 */
export async function appendToStreams(
  db: Executor,
  userIds: readonly string[],
  event: { eventId: string; topic: string; payload: Record<string, unknown>; occurredAt: Date },
): Promise<void> {
  const users = [...new Set(userIds)].sort();
  for (const userId of users) {
    await db.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`stream:${userId}`}, 0))`);
    const inserted = await db
      .insert(userStreamEvents)
      .values({ userId, ...event })
      .onConflictDoNothing()
      .returning({ seq: userStreamEvents.seq });
    if (inserted.length > 0) {
      await db.execute(sql`select pg_notify(${streamChannel}, ${userId})`);
    }
  }
}

/**
 * Claims a due pending delivery for one attempt: moves its next attempt past `leaseUntil`, so a
 * duplicate job finds it not due and a crash mid-attempt is retried by the sweep after the lease.
 */
export async function claimDelivery(
  db: Executor,
  id: string,
  now: Date,
  leaseUntil: Date,
): Promise<DeliveryRow | undefined> {
  const slack = new Date(now.getTime() + 1000);
  const [row] = await db
    .update(webhookDeliveries)
    .set({ nextAttemptAt: leaseUntil })
    .where(
      and(
        eq(webhookDeliveries.id, id),
        eq(webhookDeliveries.status, 'pending'),
        or(
          sql`${webhookDeliveries.nextAttemptAt} is null`,
          lt(webhookDeliveries.nextAttemptAt, slack),
        ),
      ),
    )
    .returning();
  return row;
}
