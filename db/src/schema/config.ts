import { sql } from 'drizzle-orm';
import {
  boolean,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  serial,
  text,
  timestamp,
  unique,
} from 'drizzle-orm/pg-core';
import { createdAt, updatedAt } from './columns.ts';

/** Environments such as `dev` and `prod`; protected ones need a second person to publish. */
export const configNamespaces = pgTable('config_namespaces', {
  name: text('name').primaryKey(),
  description: text('description').notNull().default(''),
  protected: boolean('protected').notNull().default(false),
  createdAt: createdAt(),
});

/**
 * The config schema a service declares in code (zod → JSON Schema), uploaded at start.
 * Drafts and publishes are validated against it; `secretKeys` are encrypted at rest.
 */
export const configSchemas = pgTable('config_schemas', {
  service: text('service').primaryKey(),
  jsonSchema: jsonb('json_schema').$type<Record<string, unknown>>().notNull(),
  secretKeys: text('secret_keys').array().notNull().default(sql`'{}'::text[]`),
  schemaHash: text('schema_hash').notNull(),
  updatedAt: updatedAt(),
});

/** Work in progress per namespace × service; values hold ciphertext for secret keys. */
export const configDrafts = pgTable(
  'config_drafts',
  {
    namespace: text('namespace')
      .notNull()
      .references(() => configNamespaces.name),
    service: text('service').notNull(),
    values: jsonb('values').$type<Record<string, unknown>>().notNull(),
    baseRevision: integer('base_revision').notNull().default(0),
    updatedBy: text('updated_by').notNull(),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.namespace, t.service] })],
);

export const configReleaseKind = pgEnum('config_release_kind', ['full', 'gray', 'rollback']);

/**
 * Immutable releases. `revision` grows by one per namespace × service for every release,
 * gray or full, so a watcher can resume from the last revision it saw.
 */
export const configReleases = pgTable(
  'config_releases',
  {
    id: serial('id').primaryKey(),
    namespace: text('namespace')
      .notNull()
      .references(() => configNamespaces.name),
    service: text('service').notNull(),
    revision: integer('revision').notNull(),
    kind: configReleaseKind('kind').notNull().default('full'),
    values: jsonb('values').$type<Record<string, unknown>>().notNull(),
    comment: text('comment').notNull().default(''),
    author: text('author').notNull(),
    approvedBy: text('approved_by'),
    /** For gray releases: `{ percentage?: number, labels?: Record<string, string> }`. */
    grayRule: jsonb('gray_rule').$type<Record<string, unknown>>(),
    /** For gray releases: when it was promoted or abandoned; null while it is live. */
    grayEndedAt: timestamp('gray_ended_at', { withTimezone: true }),
    grayOutcome: text('gray_outcome'),
    /** For rollbacks: the revision whose values were published again. */
    rolledBackTo: integer('rolled_back_to'),
    createdAt: createdAt(),
  },
  (t) => [unique('config_releases_revision_key').on(t.namespace, t.service, t.revision)],
);

export const changeRequestStatus = pgEnum('config_change_request_status', [
  'pending',
  'approved',
  'rejected',
  'withdrawn',
]);

/**
 * A publish, gray release or rollback waiting for approval in a protected namespace; the
 * approver must be someone other than the author.
 */
export const configChangeRequests = pgTable(
  'config_change_requests',
  {
    id: serial('id').primaryKey(),
    namespace: text('namespace')
      .notNull()
      .references(() => configNamespaces.name),
    service: text('service').notNull(),
    kind: configReleaseKind('kind').notNull(),
    values: jsonb('values').$type<Record<string, unknown>>().notNull(),
    comment: text('comment').notNull().default(''),
    grayRule: jsonb('gray_rule').$type<Record<string, unknown>>(),
    rollbackTo: integer('rollback_to'),
    author: text('author').notNull(),
    status: changeRequestStatus('status').notNull().default('pending'),
    decidedBy: text('decided_by'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    /** The release the approval produced. */
    revision: integer('revision'),
    createdAt: createdAt(),
  },
  (t) => [index('config_change_requests_pending_idx').on(t.namespace, t.service, t.status)],
);

/** Who did what to which config, with the (masked) diff. Never holds a secret in clear. */
export const configAudit = pgTable(
  'config_audit',
  {
    id: serial('id').primaryKey(),
    namespace: text('namespace').notNull(),
    service: text('service').notNull(),
    action: text('action').notNull(),
    actor: text('actor').notNull(),
    revision: integer('revision'),
    diff: jsonb('diff').$type<unknown[]>().notNull().default([]),
    comment: text('comment').notNull().default(''),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('config_audit_target_idx').on(t.namespace, t.service, t.id)],
);

/** What each running instance last applied or rejected, as it reported back. */
export const configApplied = pgTable(
  'config_applied',
  {
    namespace: text('namespace').notNull(),
    service: text('service').notNull(),
    instanceId: text('instance_id').notNull(),
    revision: integer('revision').notNull(),
    status: text('status').$type<'applied' | 'rejected'>().notNull(),
    error: text('error'),
    reportedAt: timestamp('reported_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.namespace, t.service, t.instanceId] })],
);

export type ConfigReleaseRow = typeof configReleases.$inferSelect;
export type ConfigDraftRow = typeof configDrafts.$inferSelect;
export type ConfigChangeRequestRow = typeof configChangeRequests.$inferSelect;
