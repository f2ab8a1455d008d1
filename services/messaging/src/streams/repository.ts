import type { Executor } from '@trellis/db';
import { schema } from '@trellis/db';
import { and, asc, eq, gt } from 'drizzle-orm';

const { userStreamEvents } = schema;

export type StreamEventRow = typeof userStreamEvents.$inferSelect;

/** A user's stream events after `afterSeq`, in order. */
export function streamEventsAfter(
  db: Executor,
  userId: string,
  afterSeq: number,
  limit: number,
): Promise<StreamEventRow[]> {
  return db
    .select()
    .from(userStreamEvents)
    .where(and(eq(userStreamEvents.userId, userId), gt(userStreamEvents.seq, afterSeq)))
    .orderBy(asc(userStreamEvents.seq))
    .limit(limit);
}
