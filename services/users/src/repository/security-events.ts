import { type Database, newId, type Tx } from '@trellis/db';
import { type SecurityEventRow, securityEvents } from '@trellis/db/schema';
import { and, desc, eq, lt, type SQL } from 'drizzle-orm';

export type NewSecurityEvent = Omit<SecurityEventRow, 'id' | 'at'>;

export async function insertSecurityEvent(
  db: Database | Tx,
  event: NewSecurityEvent,
  at: Date,
): Promise<void> {
  await db.insert(securityEvents).values({ id: newId('securityEvent'), at, ...event });
}

export interface SecurityEventQuery {
  action?: string;
  subject?: string;
  limit: number;
  afterId?: string;
}

/** Newest first; keyset paging on the time-sortable id. */
export function listSecurityEvents(
  db: Database,
  query: SecurityEventQuery,
): Promise<SecurityEventRow[]> {
  const filters: SQL[] = [];
  if (query.action) {
    filters.push(eq(securityEvents.action, query.action));
  }
  if (query.subject) {
    filters.push(eq(securityEvents.subject, query.subject));
  }
  if (query.afterId) {
    filters.push(lt(securityEvents.id, query.afterId));
  }
  return db
    .select()
    .from(securityEvents)
    .where(filters.length > 0 ? and(...filters) : undefined)
    .orderBy(desc(securityEvents.id))
    .limit(query.limit + 1);
}
