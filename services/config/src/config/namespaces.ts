import type { Database } from '@trellis/db';
import { findNamespace, type NamespaceRow } from './repository.ts';

export type NamespaceLookup = (name: string) => Promise<NamespaceRow | undefined>;

/**
 * Namespaces change only through migrations and seeds, yet every config request names one:
 * remember them for a few seconds instead of asking Postgres each time.
 */
export function cachedNamespaces(db: Database, ttlMs = 10_000, now = Date.now): NamespaceLookup {
  const known = new Map<string, { row: NamespaceRow | undefined; until: number }>();
  return async (name) => {
    const hit = known.get(name);
    if (hit && hit.until > now()) {
      return hit.row;
    }
    const row = await findNamespace(db, name);
    if (known.size > 1000) {
      known.clear();
    }
    known.set(name, { row, until: now() + ttlMs });
    return row;
  };
}
