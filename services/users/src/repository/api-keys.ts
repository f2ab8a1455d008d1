import type { Database, Tx } from '@trellis/db';
import { type ApiKeyRow, apiKeys } from '@trellis/db/schema';
import { and, desc, eq, isNull, lt, lte, or, type SQL } from 'drizzle-orm';

export async function insertApiKey(
  tx: Tx,
  key: Pick<ApiKeyRow, 'id' | 'name' | 'scopes' | 'secretHash' | 'createdBy'>,
  now: Date,
): Promise<ApiKeyRow> {
  const [row] = await tx
    .insert(apiKeys)
    .values({ ...key, createdAt: now })
    .returning();
  if (!row) {
    throw new Error('insert returned no row');
  }
  return row;
}

export async function findApiKey(db: Database | Tx, id: string): Promise<ApiKeyRow | undefined> {
  const [row] = await db.select().from(apiKeys).where(eq(apiKeys.id, id)).limit(1);
  return row;
}

export interface ApiKeyListQuery {
  limit: number;
  afterId?: string;
}

/** Newest first; keyset paging on the time-sortable id. */
export function listApiKeys(db: Database, query: ApiKeyListQuery): Promise<ApiKeyRow[]> {
  const filters: SQL[] = query.afterId ? [lt(apiKeys.id, query.afterId)] : [];
  return db
    .select()
    .from(apiKeys)
    .where(filters.length > 0 ? and(...filters) : undefined)
    .orderBy(desc(apiKeys.id))
    .limit(query.limit + 1);
}

/** Revokes a key unless it already is; the row as it is after, undefined when there is none. */
export async function revokeApiKey(
  tx: Tx,
  id: string,
  now: Date,
): Promise<{ row: ApiKeyRow; revoked: boolean } | undefined> {
  const [revoked] = await tx
    .update(apiKeys)
    .set({ revokedAt: now })
    .where(and(eq(apiKeys.id, id), isNull(apiKeys.revokedAt)))
    .returning();
  if (revoked) {
    return { row: revoked, revoked: true };
  }
  const row = await findApiKey(tx, id);
  return row ? { row, revoked: false } : undefined;
}

/** Records a use unless one was recorded in the last `everyMs`, so a busy key writes rarely. */
export async function touchApiKey(
  db: Database,
  id: string,
  now: Date,
  everyMs: number,
): Promise<void> {
  await db
    .update(apiKeys)
    .set({ lastUsedAt: now })
    .where(
      and(
        eq(apiKeys.id, id),
        or(isNull(apiKeys.lastUsedAt), lte(apiKeys.lastUsedAt, new Date(now.getTime() - everyMs))),
      ),
    );
}
