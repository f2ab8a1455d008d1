import type { Database } from '@trellis/db';
import type { RegistryInstanceRow } from '@trellis/db/schema';
import type { RegistryDeps } from '../../registry/deps.ts';
import {
  expiresAt,
  type RegistryPolicy,
  recentSince,
  visibleInstances,
} from '../../registry/domain.ts';
import { listRecentInstances } from '../../registry/repository.ts';
import type { RegistryInstance, RegistryInstanceList } from './schema.ts';

export function presentInstance(row: RegistryInstanceRow, healthy: boolean): RegistryInstance {
  return {
    service: row.service,
    instanceId: row.instanceId,
    address: row.address,
    version: row.version,
    labels: row.labels,
    weight: row.weight,
    ttlSeconds: row.ttlSeconds,
    healthy,
    registeredAt: row.registeredAt.toISOString(),
    lastHeartbeatAt: row.lastHeartbeatAt.toISOString(),
    expiresAt: expiresAt(row).toISOString(),
  };
}

/** The instances seen within the registry's recent window, and the instant it was read at. */
export async function loadRecentInstances(
  deps: Pick<RegistryDeps, 'db' | 'now' | 'registry'>,
): Promise<{ rows: RegistryInstanceRow[]; at: Date }> {
  const at = deps.now();
  const rows = await listRecentInstances(deps.db, recentSince(at, deps.registry.policy));
  return { rows, at };
}

/** The instance list discovery hands out for `service` right now. */
export async function loadInstanceList(
  db: Database,
  service: string,
  now: Date,
  policy: RegistryPolicy,
): Promise<RegistryInstanceList> {
  const rows = await listRecentInstances(db, recentSince(now, policy), service);
  const visible = visibleInstances(rows, now, policy);
  return {
    service,
    items: visible.items.map(({ row, healthy }) => presentInstance(row, healthy)),
    protectionActive: visible.protectionActive,
  };
}
