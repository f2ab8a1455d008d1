import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { createdAt, idColumn, updatedAt, versionColumn } from './columns.ts';

const at = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/**
 * Every subscription a consumer has declared (`subscribe(topic, group, …)`), upserted when it
 * starts: the relay fans each event out to the queues of its topic's rows. A broadcast
 * subscription has one row per live instance, dropped when not seen for a while.
 */
export const messageSubscriptions = pgTable(
  'message_subscriptions',
  {
    /** `<group>:<topic>`, or `<group>:<topic>:<instance>` for broadcast. */
    id: text('id').primaryKey(),
    topic: text('topic').notNull(),
    group: text('group_name').notNull(),
    service: text('service').notNull(),
    mode: text('mode', { enum: ['cluster', 'broadcast'] }).notNull(),
    instanceId: text('instance_id'),
    ordered: boolean('ordered').notNull().default(false),
    /** The BullMQ queue the relay adds this subscription's jobs to. */
    queue: text('queue').notNull(),
    /** Retry policy and the like, as declared, for the console. */
    options: jsonb('options').$type<Record<string, unknown>>().notNull().default({}),
    registeredAt: createdAt(),
    seenAt: at('seen_at').notNull().defaultNow(),
  },
  (t) => [index('message_subscriptions_topic_idx').on(t.topic)],
);

/** Events a subscription has handled, written in the handler's own transaction. */
export const processedEvents = pgTable(
  'processed_events',
  {
    subscription: text('subscription').notNull(),
    eventId: text('event_id').notNull(),
    processedAt: at('processed_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.subscription, t.eventId] }),
    index('processed_events_at_idx').on(t.processedAt),
  ],
);

export interface DeadLetterAttempt {
  attempt: number;
  at: string;
  durationMs: number;
  error: string;
}

/** Events a subscription gave up on after its attempts: kept to inspect, edit, replay or discard. */
export const deadLetters = pgTable(
  'dead_letters',
  {
    id: idColumn(),
    subscription: text('subscription').notNull(),
    eventId: text('event_id').notNull(),
    topic: text('topic').notNull(),
    topicVersion: integer('topic_version').notNull().default(1),
    key: text('key'),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    headers: jsonb('headers').$type<Record<string, string>>().notNull().default({}),
    attempts: jsonb('attempts').$type<DeadLetterAttempt[]>().notNull().default([]),
    lastError: text('last_error').notNull(),
    status: text('status', { enum: ['dead', 'replayed', 'discarded'] })
      .notNull()
      .default('dead'),
    /** Set when an operator edited the payload before resending it. */
    editedAt: at('edited_at'),
    resolvedAt: at('resolved_at'),
    resolvedBy: text('resolved_by'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    version: versionColumn(),
  },
  (t) => [
    uniqueIndex('dead_letters_subscription_event_idx').on(t.subscription, t.eventId),
    index('dead_letters_status_idx').on(t.status, t.createdAt),
  ],
);

/**
 * The message trace: one row per stage of an event's life (committed, relayed, each attempt of
 * each subscription, parked, dead, replayed, …), queried by event id, key or topic and time.
 */
export const messageTrace = pgTable(
  'message_trace',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    eventId: text('event_id').notNull(),
    topic: text('topic').notNull(),
    key: text('key'),
    /** Null for stages before any subscription (committed, relayed). */
    subscription: text('subscription'),
    stage: text('stage', {
      enum: [
        'committed',
        'relayed',
        'handled',
        'failed',
        'skipped',
        'parked',
        'dead',
        'replayed',
        'edited',
        'discarded',
      ],
    }).notNull(),
    attempt: integer('attempt'),
    at: at('at').notNull().defaultNow(),
    durationMs: doublePrecision('duration_ms'),
    error: text('error'),
    /** Who did it, for operator actions (replay, edit, discard). */
    actor: text('actor'),
  },
  (t) => [
    index('message_trace_event_idx').on(t.eventId),
    index('message_trace_topic_idx').on(t.topic, t.at),
    index('message_trace_key_idx').on(t.key, t.at).where(sql`${t.key} is not null`),
  ],
);

/** Webhook endpoints of outside consumers: a user's for their own events, an admin's for any. */
export const webhookEndpoints = pgTable(
  'webhook_endpoints',
  {
    id: idColumn(),
    ownerId: text('owner_id').notNull(),
    /** `own`: events concerning the owner; `all`: every event of the types (admins only). */
    scope: text('scope', { enum: ['own', 'all'] }).notNull(),
    url: text('url').notNull(),
    description: text('description').notNull().default(''),
    /** Topics delivered; empty for every pushable topic. */
    eventTypes: text('event_types').array().notNull().default(sql`'{}'::text[]`),
    /** Signing secrets, sealed; more than one while a rotation overlaps. */
    secrets: jsonb('secrets')
      .$type<{ sealed: string; createdAt: string; expiresAt: string | null }[]>()
      .notNull(),
    status: text('status', { enum: ['enabled', 'disabled'] })
      .notNull()
      .default('enabled'),
    disabledReason: text('disabled_reason'),
    failingSince: at('failing_since'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    version: versionColumn(),
  },
  (t) => [index('webhook_endpoints_owner_idx').on(t.ownerId)],
);

/** One event sent to one endpoint: its attempts, status and the last answer. */
export const webhookDeliveries = pgTable(
  'webhook_deliveries',
  {
    id: idColumn(),
    endpointId: text('endpoint_id')
      .notNull()
      .references(() => webhookEndpoints.id, { onDelete: 'cascade' }),
    /** The event's id, sent as `webhook-id`: the same on every retry and replay. */
    eventId: text('event_id').notNull(),
    topic: text('topic').notNull(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    status: text('status', { enum: ['pending', 'succeeded', 'failed'] })
      .notNull()
      .default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: at('next_attempt_at'),
    lastStatusCode: integer('last_status_code'),
    lastLatencyMs: doublePrecision('last_latency_ms'),
    lastResponse: text('last_response'),
    lastError: text('last_error'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('webhook_deliveries_endpoint_idx').on(t.endpointId, t.createdAt),
    uniqueIndex('webhook_deliveries_endpoint_event_idx').on(t.endpointId, t.eventId),
  ],
);

/** Every attempt of a delivery: when, the status code, latency and an excerpt of the answer. */
export const webhookAttempts = pgTable(
  'webhook_attempts',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    deliveryId: text('delivery_id')
      .notNull()
      .references(() => webhookDeliveries.id, { onDelete: 'cascade' }),
    attempt: integer('attempt').notNull(),
    at: at('at').notNull().defaultNow(),
    statusCode: integer('status_code'),
    latencyMs: doublePrecision('latency_ms'),
    responseExcerpt: text('response_excerpt'),
    error: text('error'),
  },
  (t) => [index('webhook_attempts_delivery_idx').on(t.deliveryId, t.attempt)],
);

/** Each user's events for `GET /v1/streams/me`, in order; `seq` is the SSE event id. */
export const userStreamEvents = pgTable(
  'user_stream_events',
  {
    seq: bigserial('seq', { mode: 'number' }).primaryKey(),
    userId: text('user_id').notNull(),
    eventId: text('event_id').notNull(),
    topic: text('topic').notNull(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    occurredAt: at('occurred_at').notNull(),
  },
  (t) => [
    uniqueIndex('user_stream_events_user_event_idx').on(t.userId, t.eventId),
    index('user_stream_events_user_seq_idx').on(t.userId, t.seq),
  ],
);

/** Operators' actions on messaging (dead letters, endpoints): who, what, when. */
export const messagingAudit = pgTable(
  'messaging_audit',
  {
    id: idColumn(),
    actor: text('actor').notNull(),
    action: text('action').notNull(),
    target: text('target').notNull(),
    detail: jsonb('detail').$type<Record<string, unknown>>().notNull().default({}),
    at: at('at').notNull().defaultNow(),
  },
  (t) => [index('messaging_audit_at_idx').on(t.at)],
);
