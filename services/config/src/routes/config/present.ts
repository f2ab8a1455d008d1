import type { z } from '@trellis/kit';
import type { DiffEntry } from '../../config/diff.ts';
import type { GrayRule } from '../../config/gray.ts';
import type {
  ConfigAppliedRow,
  ConfigAuditRow,
  ConfigChangeRequestRow,
  ConfigReleaseRow,
  ConfigSchemaRow,
} from '../../config/repository.ts';
import { maskValues } from '../../config/secrets.ts';
import type {
  AuditEntrySchema,
  ChangeRequestSchema,
  ConfigSchemaSchema,
  InstanceStatusSchema,
  ReleaseSchema,
} from './schema.ts';

type GrayState = 'live' | 'promoted' | 'abandoned' | 'superseded';

/** A release as shown to anyone: secrets masked, never decrypted. */
export function presentRelease(
  row: ConfigReleaseRow,
  secretKeys: readonly string[] = [],
): z.infer<typeof ReleaseSchema> {
  return {
    namespace: row.namespace,
    service: row.service,
    revision: row.revision,
    kind: row.kind,
    values: maskValues(row.values, secretKeys),
    comment: row.comment,
    author: row.author,
    approvedBy: row.approvedBy,
    gray:
      row.kind === 'gray'
        ? {
            rule: (row.grayRule ?? {}) as GrayRule,
            state: (row.grayOutcome ?? 'live') as GrayState,
            endedAt: row.grayEndedAt?.toISOString() ?? null,
          }
        : null,
    rolledBackTo: row.rolledBackTo,
    createdAt: row.createdAt.toISOString(),
  };
}

export function presentChangeRequest(
  row: ConfigChangeRequestRow,
  changes: DiffEntry[],
  secretKeys: readonly string[] = [],
): z.infer<typeof ChangeRequestSchema> {
  return {
    id: row.id,
    namespace: row.namespace,
    service: row.service,
    kind: row.kind,
    values: maskValues(row.values, secretKeys),
    comment: row.comment,
    grayRule: (row.grayRule as GrayRule | null) ?? null,
    rollbackTo: row.rollbackTo,
    author: row.author,
    status: row.status,
    decidedBy: row.decidedBy,
    decidedAt: row.decidedAt?.toISOString() ?? null,
    revision: row.revision,
    changes,
    createdAt: row.createdAt.toISOString(),
  };
}

export function presentAudit(row: ConfigAuditRow): z.infer<typeof AuditEntrySchema> {
  return {
    id: row.id,
    action: row.action as z.infer<typeof AuditEntrySchema>['action'],
    actor: row.actor,
    revision: row.revision,
    changes: row.diff as DiffEntry[],
    comment: row.comment,
    at: row.at.toISOString(),
  };
}

export function presentSchema(row: ConfigSchemaRow): z.infer<typeof ConfigSchemaSchema> {
  return {
    service: row.service,
    jsonSchema: row.jsonSchema,
    secretKeys: row.secretKeys,
    schemaHash: row.schemaHash,
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function presentApplied(row: ConfigAppliedRow): z.infer<typeof InstanceStatusSchema> {
  return {
    instanceId: row.instanceId,
    revision: row.revision,
    status: row.status,
    error: row.error,
    reportedAt: row.reportedAt.toISOString(),
  };
}
