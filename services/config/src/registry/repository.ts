import type { Database } from '@trellis/db';
import { type RegistryInstanceRow, registryInstances } from '@trellis/db/schema';
import { and, asc, eq, getTableColumns, gte, lt, type SQL, sql } from 'drizzle-orm';

/** A timestamp parameter for raw SQL fragments, typed so Postgres never has to guess. */
function at(date: Date): SQL {
  return sql`${date.toISOString()}::timestamptz`;
}

export interface InstanceRegistration {
  service: string;
  instanceId: string;
  address: string;
  version: string;
  labels: Record<string, string>;
  weight: number;
  ttlSeconds: number;
}

export type UpsertResult =
  | { outcome: 'created' | 'refreshed'; row: RegistryInstanceRow }
  | { outcome: 'taken'; service: string };

/**
 * Registers an instance or refreshes its registration (new address, weight, labels, and a
 * heartbeat). An id already held by another service is left alone and reported as taken.
 */
export async function upsertInstance(
  db: Database,
  input: InstanceRegistration,
  now: Date,
): Promise<UpsertResult> {
  const [row] = await db
    .insert(registryInstances)
    .values({ ...input, registeredAt: now, lastHeartbeatAt: now })
    .onConflictDoUpdate({
      target: registryInstances.instanceId,
      set: {
        address: input.address,
        version: input.version,
        labels: input.labels,
        weight: input.weight,
        ttlSeconds: input.ttlSeconds,
        lastHeartbeatAt: now,
      },
      setWhere: eq(registryInstances.service, input.service),
    })
    .returning({
      ...getTableColumns(registryInstances),
      // xmax is 0 on a freshly inserted row version and set when the conflict path updated it.
      created: sql<boolean>`(xmax = 0)`,
    });
  if (row) {
    const { created, ...instance } = row;
    return { outcome: created ? 'created' : 'refreshed', row: instance };
  }
  const existing = await findInstance(db, input.instanceId);
  if (!existing) {
    throw new Error(`upsert of ${input.instanceId} returned no row`);
  }
  return { outcome: 'taken', service: existing.service };
}

export async function findInstance(
  db: Database,
  instanceId: string,
): Promise<RegistryInstanceRow | undefined> {
  const [row] = await db
    .select()
    .from(registryInstances)
    .where(eq(registryInstances.instanceId, instanceId))
    .limit(1);
  return row;
}

/**
 * Moves the heartbeat of an instance still within its TTL; an expired one is left for the
 * client to register again, so its watchers see it come back as a change.
 */
export async function touchInstance(
  db: Database,
  instanceId: string,
  now: Date,
): Promise<RegistryInstanceRow | undefined> {
  const [row] = await db
    .update(registryInstances)
    .set({ lastHeartbeatAt: now })
    .where(
      and(
        eq(registryInstances.instanceId, instanceId),
        sql`${registryInstances.lastHeartbeatAt} + ${registryInstances.ttlSeconds} * interval '1 second' >= ${at(now)}`,
      ),
    )
    .returning();
  return row;
}

export async function deleteInstance(
  db: Database,
  instanceId: string,
): Promise<RegistryInstanceRow | undefined> {
  const [row] = await db
    .delete(registryInstances)
    .where(eq(registryInstances.instanceId, instanceId))
    .returning();
  return row;
}

/** Instances of one service (or all) whose last heartbeat is at or after `since`. */
export async function listRecentInstances(
  db: Database,
  since: Date,
  service?: string,
): Promise<RegistryInstanceRow[]> {
  const recent = gte(registryInstances.lastHeartbeatAt, since);
  return db
    .select()
    .from(registryInstances)
    .where(service === undefined ? recent : and(eq(registryInstances.service, service), recent))
    .orderBy(asc(registryInstances.service), asc(registryInstances.instanceId));
}

/**
 * Services with an instance that expired (its TTL lapsed) or was forgotten (left the recently
 * seen window) in `[from, to)`: their visible lists may have changed in that interval.
 */
export async function servicesChangedBetween(
  db: Database,
  from: Date,
  to: Date,
  forgetAfterSeconds: number,
): Promise<string[]> {
  const expiry = sql`${registryInstances.lastHeartbeatAt} + ${registryInstances.ttlSeconds} * interval '1 second'`;
  const forgetting = sql`${registryInstances.lastHeartbeatAt} + ${forgetAfterSeconds}::int * interval '1 second'`;
  const rows = await db
    .selectDistinct({ service: registryInstances.service })
    .from(registryInstances)
    .where(
      sql`(${expiry} >= ${at(from)} and ${expiry} < ${at(to)}) or (${forgetting} >= ${at(from)} and ${forgetting} < ${at(to)})`,
    );
  return rows.map((row) => row.service);
}

/** Drops instances no longer recently seen; returns how many. */
export async function purgeForgotten(db: Database, before: Date): Promise<number> {
  const rows = await db
    .delete(registryInstances)
    .where(lt(registryInstances.lastHeartbeatAt, before))
    .returning({ instanceId: registryInstances.instanceId });
  return rows.length;
}
