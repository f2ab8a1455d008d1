import type { ApiKeyRow } from '@trellis/db/schema';
import { type ApiKeyScope, apiKeyDisplay } from '../../api-keys.ts';
import type { ApiKey } from './schema.ts';

/** An API key as listed: never its secret nor its hash. */
export function presentApiKey(row: ApiKeyRow): ApiKey {
  return {
    id: row.id,
    name: row.name,
    scopes: row.scopes as ApiKeyScope[],
    prefix: apiKeyDisplay(row.id),
    status: row.revokedAt ? 'revoked' : 'active',
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
  };
}
