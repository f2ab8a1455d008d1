import { sql } from 'drizzle-orm';
import { bigserial, index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { idColumn } from './columns.ts';

/**
 * Domain events written in the same transaction as the change they describe,
 * so an acknowledged change always has its event; the messaging relay moves them to every
 * subscription of their topic (`event_type`) in `seq` order and marks them `published_at`.
 */
export const outbox = pgTable(
  'outbox',
  {
    id: idColumn(),
    aggregateType: text('aggregate_type').notNull(),
    aggregateId: text('aggregate_id').notNull(),
    eventType: text('event_type').notNull(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    // W3C trace context and request id of the request that caused the event.
    headers: jsonb('headers').$type<Record<string, string>>().notNull().default({}),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull().defaultNow(),
    /** When the relay moved it to the topic's subscriptions; null while pending. */
    publishedAt: timestamp('published_at', { withTimezone: true }),
    /** Insert order: the relay's order, and so commit order for one aggregate. */
    seq: bigserial('seq', { mode: 'number' }).notNull(),
    /** The topic schema's version the payload was validated against. */
    topicVersion: integer('topic_version').notNull().default(1),
    /** The ordering key; ordered subscriptions handle one key's events one at a time. */
    key: text('key'),
    /** Not delivered before this time (delayed delivery); null for at once. */
    deliverAt: timestamp('deliver_at', { withTimezone: true }),
  },
  (t) => [
    index('outbox_pending_idx').on(t.seq).where(sql`${t.publishedAt} is null`),
    index('outbox_published_idx').on(t.publishedAt).where(sql`${t.publishedAt} is not null`),
    index('outbox_aggregate_idx').on(t.aggregateType, t.aggregateId),
  ],
);

export type OutboxRow = typeof outbox.$inferSelect;
export type NewOutboxRow = typeof outbox.$inferInsert;
