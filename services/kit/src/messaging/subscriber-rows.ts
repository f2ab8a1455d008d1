import { type Database, schema } from '@trellis/db';
import { inArray, sql } from 'drizzle-orm';
import type { Entry, SubscriberContext } from './subscriber-entry.ts';

const { messageSubscriptions } = schema;

/** Writes (or refreshes) a subscription's row, which relays route its topic's events by. */
export async function registerRow(context: SubscriberContext, entry: Entry): Promise<void> {
  const { subscription } = entry;
  await context.db.transaction(async (tx) => {
    const row = {
      id: subscription.id,
      topic: subscription.topic,
      group: subscription.group,
      service: context.service,
      mode: subscription.mode,
      instanceId: subscription.mode === 'broadcast' ? context.instanceId : null,
      ordered: subscription.ordered,
      queue: subscription.queue,
      options: {
        concurrency: entry.concurrency,
        retry: subscription.retry,
      } as Record<string, unknown>,
    };
    await tx
      .insert(messageSubscriptions)
      .values(row)
      .onConflictDoUpdate({
        target: messageSubscriptions.id,
        set: { ...row, seenAt: sql`now()` },
      });
    // Delivered at commit: relays refresh their routing table.
    await tx.execute(sql`select pg_notify('trellis_subscriptions', ${subscription.id})`);
  });
}

/** Marks the rows seen, so the console can tell a live subscription from an abandoned one. */
export async function touchRows(db: Database, ids: string[]): Promise<void> {
  if (ids.length > 0) {
    await db
      .update(messageSubscriptions)
      .set({ seenAt: sql`now()` })
      .where(inArray(messageSubscriptions.id, ids));
  }
}

/** Deletes the rows and tells the relays at commit, so they stop routing to them at once. */
export async function dropRows(db: Database, ids: string[]): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.delete(messageSubscriptions).where(inArray(messageSubscriptions.id, ids));
    for (const id of ids) {
      await tx.execute(sql`select pg_notify('trellis_subscriptions', ${id})`);
    }
  });
}
