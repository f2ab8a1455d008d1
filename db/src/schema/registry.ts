import { index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { createdAt } from './columns.ts';

/**
 * Running service instances. An instance stays listed while it heartbeats within its TTL;
 * graceful shutdown deletes its row, a crash lets it expire.
 */
export const registryInstances = pgTable(
  'registry_instances',
  {
    instanceId: text('instance_id').primaryKey(),
    service: text('service').notNull(),
    /** Base URL other services call, e.g. `http://127.0.0.1:4101`. */
    address: text('address').notNull(),
    version: text('version').notNull(),
    labels: jsonb('labels').$type<Record<string, string>>().notNull().default({}),
    weight: integer('weight').notNull().default(100),
    ttlSeconds: integer('ttl_seconds').notNull().default(15),
    registeredAt: createdAt(),
    lastHeartbeatAt: timestamp('last_heartbeat_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('registry_instances_service_idx').on(t.service, t.lastHeartbeatAt)],
);

export type RegistryInstanceRow = typeof registryInstances.$inferSelect;
