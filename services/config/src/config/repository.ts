import type { Database, Executor, Tx } from '@trellis/db';
import {
  type ConfigChangeRequestRow,
  type ConfigReleaseRow,
  configApplied,
  configAudit,
  configChangeRequests,
  configDrafts,
  configNamespaces,
  configReleases,
  configSchemas,
} from '@trellis/db/schema';
import {
  and,
  asc,
  count,
  desc,
  eq,
  gt,
  gte,
  isNull,
  lt,
  lte,
  ne,
  type SQL,
  sql,
} from 'drizzle-orm';
import type { DiffEntry } from './diff.ts';
import type { GrayRule } from './gray.ts';
import type { Values } from './secrets.ts';

export type { ConfigChangeRequestRow, ConfigReleaseRow };
export type ConfigSchemaRow = typeof configSchemas.$inferSelect;
export type ConfigAuditRow = typeof configAudit.$inferSelect;
export type ConfigAppliedRow = typeof configApplied.$inferSelect;
export type NewConfigAppliedRow = typeof configApplied.$inferInsert;
export type NamespaceRow = typeof configNamespaces.$inferSelect;

export interface Target {
  namespace: string;
  service: string;
}

const releaseOf = (target: Target) =>
  and(eq(configReleases.namespace, target.namespace), eq(configReleases.service, target.service));

export function listNamespaces(db: Database): Promise<NamespaceRow[]> {
  return db.select().from(configNamespaces).orderBy(asc(configNamespaces.name));
}

export async function findNamespace(db: Executor, name: string): Promise<NamespaceRow | undefined> {
  const [row] = await db
    .select()
    .from(configNamespaces)
    .where(eq(configNamespaces.name, name))
    .limit(1);
  return row;
}

export async function upsertSchema(
  db: Database,
  row: Omit<ConfigSchemaRow, 'updatedAt'>,
  now: Date,
): Promise<ConfigSchemaRow> {
  const [saved] = await db
    .insert(configSchemas)
    .values({ ...row, updatedAt: now })
    .onConflictDoUpdate({
      target: configSchemas.service,
      set: {
        jsonSchema: row.jsonSchema,
        secretKeys: row.secretKeys,
        schemaHash: row.schemaHash,
        updatedAt: now,
      },
    })
    .returning();
  if (!saved) {
    throw new Error('upsert returned no row');
  }
  return saved;
}

export async function findSchema(
  db: Executor,
  service: string,
): Promise<ConfigSchemaRow | undefined> {
  const [row] = await db
    .select()
    .from(configSchemas)
    .where(eq(configSchemas.service, service))
    .limit(1);
  return row;
}

export async function findDraft(db: Executor, target: Target) {
  const [row] = await db
    .select()
    .from(configDrafts)
    .where(
      and(eq(configDrafts.namespace, target.namespace), eq(configDrafts.service, target.service)),
    )
    .limit(1);
  return row;
}

export async function upsertDraft(
  tx: Executor,
  target: Target,
  draft: { values: Values; baseRevision: number; updatedBy: string },
  now: Date,
) {
  const [row] = await tx
    .insert(configDrafts)
    .values({ ...target, ...draft, updatedAt: now })
    .onConflictDoUpdate({
      target: [configDrafts.namespace, configDrafts.service],
      set: { ...draft, updatedAt: now },
    })
    .returning();
  if (!row) {
    throw new Error('upsert returned no row');
  }
  return row;
}

export async function setDraftBase(tx: Executor, target: Target, baseRevision: number) {
  await tx
    .update(configDrafts)
    .set({ baseRevision })
    .where(
      and(eq(configDrafts.namespace, target.namespace), eq(configDrafts.service, target.service)),
    );
}

/**
 * Runs `fn` in a transaction holding the namespace × service lock, so revisions are allocated
 * one at a time and the live state read inside cannot change under it.
 */
export function withConfigLock<T>(
  db: Database,
  target: Target,
  fn: (tx: Tx) => Promise<T>,
): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.execute(
      sql`select pg_advisory_xact_lock(hashtextextended(${`config:${target.namespace}/${target.service}`}, 0))`,
    );
    return fn(tx);
  });
}

export interface LiveRows {
  latestRevision: number;
  base: ConfigReleaseRow | undefined;
  gray: ConfigReleaseRow | undefined;
}

/** The newest revision, the newest full or rollback release and a live gray release after it. */
export async function readLiveRows(db: Executor, target: Target): Promise<LiveRows> {
  const [latest] = await db
    .select({ revision: sql<number | null>`max(${configReleases.revision})` })
    .from(configReleases)
    .where(releaseOf(target));
  const [base] = await db
    .select()
    .from(configReleases)
    .where(and(releaseOf(target), ne(configReleases.kind, 'gray')))
    .orderBy(desc(configReleases.revision))
    .limit(1);
  const [gray] = await db
    .select()
    .from(configReleases)
    .where(
      and(
        releaseOf(target),
        eq(configReleases.kind, 'gray'),
        isNull(configReleases.grayEndedAt),
        gt(configReleases.revision, base?.revision ?? 0),
      ),
    )
    .orderBy(desc(configReleases.revision))
    .limit(1);
  return { latestRevision: Number(latest?.revision ?? 0), base, gray };
}

export interface NewRelease {
  revision: number;
  kind: ConfigReleaseRow['kind'];
  values: Values;
  comment: string;
  author: string;
  approvedBy?: string | null;
  grayRule?: GrayRule | null;
  rolledBackTo?: number | null;
}

export async function insertRelease(
  tx: Executor,
  target: Target,
  release: NewRelease,
  now: Date,
): Promise<ConfigReleaseRow> {
  const [row] = await tx
    .insert(configReleases)
    .values({
      ...target,
      ...release,
      grayRule: (release.grayRule ?? null) as Record<string, unknown> | null,
      createdAt: now,
    })
    .returning();
  if (!row) {
    throw new Error('insert returned no row');
  }
  return row;
}

export async function endGray(
  tx: Executor,
  target: Target,
  revision: number,
  outcome: 'promoted' | 'abandoned' | 'superseded',
  now: Date,
) {
  await tx
    .update(configReleases)
    .set({ grayEndedAt: now, grayOutcome: outcome })
    .where(and(releaseOf(target), eq(configReleases.revision, revision)));
}

export async function findRelease(
  db: Executor,
  target: Target,
  revision: number,
): Promise<ConfigReleaseRow | undefined> {
  const [row] = await db
    .select()
    .from(configReleases)
    .where(and(releaseOf(target), eq(configReleases.revision, revision)))
    .limit(1);
  return row;
}

/** Newest first; keyset paging on the revision. */
export function listReleases(
  db: Database,
  target: Target,
  page: { limit: number; beforeRevision?: number },
): Promise<ConfigReleaseRow[]> {
  const filters: (SQL | undefined)[] = [releaseOf(target)];
  if (page.beforeRevision !== undefined) {
    filters.push(lt(configReleases.revision, page.beforeRevision));
  }
  return db
    .select()
    .from(configReleases)
    .where(and(...filters))
    .orderBy(desc(configReleases.revision))
    .limit(page.limit + 1);
}

/**
 * The releases an instance's state at `upTo` depends on and every one after it: from the last
 * full or rollback release at or before `upTo` onwards, oldest first. Without `upTo`, from the
 * newest full or rollback release.
 */
export async function releasesFromBase(
  db: Executor,
  target: Target,
  upTo?: number,
): Promise<ConfigReleaseRow[]> {
  const baseFilters: (SQL | undefined)[] = [releaseOf(target), ne(configReleases.kind, 'gray')];
  if (upTo !== undefined) {
    baseFilters.push(lte(configReleases.revision, upTo));
  }
  const [base] = await db
    .select({ revision: configReleases.revision })
    .from(configReleases)
    .where(and(...baseFilters))
    .orderBy(desc(configReleases.revision))
    .limit(1);
  return db
    .select()
    .from(configReleases)
    .where(and(releaseOf(target), gte(configReleases.revision, base?.revision ?? 0)))
    .orderBy(asc(configReleases.revision));
}

export function releasesAfter(
  db: Executor,
  target: Target,
  afterRevision: number,
): Promise<ConfigReleaseRow[]> {
  return db
    .select()
    .from(configReleases)
    .where(and(releaseOf(target), gt(configReleases.revision, afterRevision)))
    .orderBy(asc(configReleases.revision));
}

export interface NewAudit {
  action: string;
  actor: string;
  revision?: number | null;
  diff: DiffEntry[];
  comment?: string;
}

export async function insertAudit(tx: Executor, target: Target, entry: NewAudit, now: Date) {
  await tx.insert(configAudit).values({
    ...target,
    action: entry.action,
    actor: entry.actor,
    revision: entry.revision ?? null,
    diff: entry.diff,
    comment: entry.comment ?? '',
    at: now,
  });
}

/** Newest first; keyset paging on the id. */
export function listAudit(
  db: Database,
  target: Target,
  page: { limit: number; beforeId?: number },
): Promise<ConfigAuditRow[]> {
  const filters: (SQL | undefined)[] = [
    eq(configAudit.namespace, target.namespace),
    eq(configAudit.service, target.service),
  ];
  if (page.beforeId !== undefined) {
    filters.push(lt(configAudit.id, page.beforeId));
  }
  return db
    .select()
    .from(configAudit)
    .where(and(...filters))
    .orderBy(desc(configAudit.id))
    .limit(page.limit + 1);
}

export const configChangesChannel = 'config_changes';

/** Queues a NOTIFY that Postgres delivers to every center instance when the transaction commits. */
export async function notifyConfigChange(tx: Executor, target: Target, revision: number) {
  const payload = JSON.stringify({
    namespace: target.namespace,
    service: target.service,
    revision,
  });
  await tx.execute(sql`select pg_notify(${configChangesChannel}, ${payload})`);
}

export interface NewChangeRequest {
  kind: ConfigChangeRequestRow['kind'];
  values: Values;
  comment: string;
  grayRule: GrayRule | null;
  rollbackTo: number | null;
  author: string;
}

export async function insertChangeRequest(
  tx: Executor,
  target: Target,
  request: NewChangeRequest,
  now: Date,
): Promise<ConfigChangeRequestRow> {
  const [row] = await tx
    .insert(configChangeRequests)
    .values({
      ...target,
      ...request,
      grayRule: request.grayRule as Record<string, unknown> | null,
      createdAt: now,
    })
    .returning();
  if (!row) {
    throw new Error('insert returned no row');
  }
  return row;
}

export async function findChangeRequest(
  db: Executor,
  target: Target,
  id: number,
): Promise<ConfigChangeRequestRow | undefined> {
  const [row] = await db
    .select()
    .from(configChangeRequests)
    .where(
      and(
        eq(configChangeRequests.id, id),
        eq(configChangeRequests.namespace, target.namespace),
        eq(configChangeRequests.service, target.service),
      ),
    )
    .limit(1);
  return row;
}

export function listChangeRequests(
  db: Database,
  target: Target,
  status?: ConfigChangeRequestRow['status'],
): Promise<ConfigChangeRequestRow[]> {
  return db
    .select()
    .from(configChangeRequests)
    .where(
      and(
        eq(configChangeRequests.namespace, target.namespace),
        eq(configChangeRequests.service, target.service),
        status ? eq(configChangeRequests.status, status) : undefined,
      ),
    )
    .orderBy(desc(configChangeRequests.id))
    .limit(100);
}

export async function decideChangeRequest(
  tx: Executor,
  id: number,
  decision: {
    status: Exclude<ConfigChangeRequestRow['status'], 'pending'>;
    decidedBy: string;
    revision?: number;
  },
  now: Date,
): Promise<ConfigChangeRequestRow | undefined> {
  const [row] = await tx
    .update(configChangeRequests)
    .set({
      status: decision.status,
      decidedBy: decision.decidedBy,
      decidedAt: now,
      revision: decision.revision ?? null,
    })
    .where(and(eq(configChangeRequests.id, id), eq(configChangeRequests.status, 'pending')))
    .returning();
  return row;
}

export function listApplied(db: Database, target: Target): Promise<ConfigAppliedRow[]> {
  return db
    .select()
    .from(configApplied)
    .where(
      and(eq(configApplied.namespace, target.namespace), eq(configApplied.service, target.service)),
    )
    .orderBy(asc(configApplied.instanceId));
}

/**
 * Records what each instance last applied, one row per instance, in one statement; `rows` must
 * name each instance at most once, as Postgres will not upsert one row twice in a statement.
 */
export async function upsertApplied(db: Database, rows: NewConfigAppliedRow[]): Promise<void> {
  await db
    .insert(configApplied)
    .values(rows)
    .onConflictDoUpdate({
      target: [configApplied.namespace, configApplied.service, configApplied.instanceId],
      set: {
        revision: sql`excluded.revision`,
        status: sql`excluded.status`,
        error: sql`excluded.error`,
        reportedAt: sql`excluded.reported_at`,
      },
    });
}

export interface ServiceSummary {
  service: string;
  hasSchema: boolean;
  liveRevision: number | null;
  latestRevision: number | null;
  gray: { revision: number; rule: GrayRule } | null;
  pendingChangeRequests: number;
  draftUpdatedAt: Date | null;
  draftUpdatedBy: string | null;
}

/** Every service with a schema, a draft or a release in the namespace, with its state. */
export async function listServiceSummaries(
  db: Database,
  namespace: string,
): Promise<ServiceSummary[]> {
  const [schemas, drafts, revisions, grays, pending] = await Promise.all([
    db.select({ service: configSchemas.service }).from(configSchemas),
    db.select().from(configDrafts).where(eq(configDrafts.namespace, namespace)),
    db
      .select({
        service: configReleases.service,
        latest: sql<number>`max(${configReleases.revision})`,
        live: sql<
          number | null
        >`max(${configReleases.revision}) filter (where ${configReleases.kind} <> 'gray')`,
      })
      .from(configReleases)
      .where(eq(configReleases.namespace, namespace))
      .groupBy(configReleases.service),
    db
      .select({
        service: configReleases.service,
        revision: configReleases.revision,
        rule: configReleases.grayRule,
      })
      .from(configReleases)
      .where(
        and(
          eq(configReleases.namespace, namespace),
          eq(configReleases.kind, 'gray'),
          isNull(configReleases.grayEndedAt),
        ),
      ),
    db
      .select({ service: configChangeRequests.service, pending: count() })
      .from(configChangeRequests)
      .where(
        and(
          eq(configChangeRequests.namespace, namespace),
          eq(configChangeRequests.status, 'pending'),
        ),
      )
      .groupBy(configChangeRequests.service),
  ]);
  const names = new Set([
    ...schemas.map((s) => s.service),
    ...drafts.map((d) => d.service),
    ...revisions.map((r) => r.service),
  ]);
  const withSchema = new Set(schemas.map((s) => s.service));
  return [...names].sort().map((service) => {
    const revision = revisions.find((r) => r.service === service);
    const draft = drafts.find((d) => d.service === service);
    const live =
      revision?.live === null || revision?.live === undefined ? null : Number(revision.live);
    const gray = grays
      .filter((g) => g.service === service && g.revision > (live ?? 0))
      .sort((a, b) => b.revision - a.revision)[0];
    return {
      service,
      hasSchema: withSchema.has(service),
      liveRevision: live,
      latestRevision: revision ? Number(revision.latest) : null,
      gray: gray ? { revision: gray.revision, rule: (gray.rule ?? {}) as GrayRule } : null,
      pendingChangeRequests: Number(pending.find((p) => p.service === service)?.pending ?? 0),
      draftUpdatedAt: draft?.updatedAt ?? null,
      draftUpdatedBy: draft?.updatedBy ?? null,
    };
  });
}
