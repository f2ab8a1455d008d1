import type { Database, Tx } from '@trellis/db';
import { diffValues, jsonEqual } from './diff.ts';
import { InvalidConfigValues, type OpenRelease, SchemaMissing } from './domain.ts';
import type { GrayRule } from './gray.ts';
import type { ConfigNotifier } from './notifier.ts';
import {
  type ConfigReleaseRow,
  type ConfigSchemaRow,
  endGray,
  insertAudit,
  insertRelease,
  type NewRelease,
  notifyConfigChange,
  readLiveRows,
  type Target,
  withConfigLock,
} from './repository.ts';
import { type OpenedValues, openValues, type SecretCipher, type Values } from './secrets.ts';
import type { SchemaValidators } from './validator.ts';

/** What the config operations need from the service's deps. */
export interface ConfigContext {
  db: Database;
  cipher: SecretCipher;
  validators: SchemaValidators;
  notifier: ConfigNotifier;
  now: () => Date;
}

export async function openRelease(
  cipher: SecretCipher,
  row: Pick<ConfigReleaseRow, 'service' | 'revision' | 'kind' | 'grayRule' | 'values'>,
): Promise<OpenRelease> {
  const opened = await openValues(cipher, row.service, row.values);
  return {
    revision: row.revision,
    kind: row.kind,
    grayRule: (row.grayRule as GrayRule | null) ?? null,
    values: opened.values,
    secretKeys: opened.secretKeys,
  };
}

export function requireSchema(schema: ConfigSchemaRow | undefined, service: string) {
  if (!schema) {
    throw new SchemaMissing(service);
  }
  return schema;
}

/** 422 naming each key that breaks the service's schema. */
export function assertValid(validators: SchemaValidators, schema: ConfigSchemaRow, values: Values) {
  const errors = validators.validate(schema.schemaHash, schema.jsonSchema, values);
  if (errors.length > 0) {
    throw new InvalidConfigValues(errors);
  }
}

export interface OpenLiveState {
  latestRevision: number;
  base: { row: ConfigReleaseRow; opened: OpenedValues } | undefined;
  gray: { row: ConfigReleaseRow; opened: OpenedValues } | undefined;
}

export async function openLiveState(
  cipher: SecretCipher,
  tx: Tx | Database,
  target: Target,
): Promise<OpenLiveState> {
  const rows = await readLiveRows(tx, target);
  const open = async (row: ConfigReleaseRow | undefined) =>
    row ? { row, opened: await openValues(cipher, target.service, row.values) } : undefined;
  return {
    latestRevision: rows.latestRevision,
    base: await open(rows.base),
    gray: await open(rows.gray),
  };
}

/** The live state reduced to what the domain checks look at. */
export function liveStateOf(state: OpenLiveState) {
  return {
    latestRevision: state.latestRevision,
    base: state.base && { revision: state.base.row.revision, values: state.base.opened.values },
    gray: state.gray && {
      revision: state.gray.row.revision,
      values: state.gray.opened.values,
      grayRule: state.gray.row.grayRule as GrayRule | null,
    },
  };
}

export const sameValues = (a: Values, b: Values) => jsonEqual(a, b);

export interface ReleasePlan {
  release: Omit<NewRelease, 'revision'>;
  /** The release's values in clear, for the audit diff. */
  plain: OpenedValues;
  /** What the audit diff compares against; the live full release by default. */
  diffFrom?: OpenedValues;
  /** Ends the live gray release with this outcome. */
  endGray?: 'promoted' | 'abandoned' | 'superseded';
  audit: { action: string; actor: string; comment: string };
  /** More writes in the same transaction, e.g. marking a change request approved. */
  alsoInTransaction?: (tx: Tx, release: ConfigReleaseRow) => Promise<void>;
}

/**
 * Makes a release: under the namespace × service lock, reads the live state, lets `plan`
 * check it and decide the release, allocates the next revision, writes the release, its audit
 * row and a NOTIFY in one transaction, then tells this instance's watchers at once.
 */
export async function commitRelease(
  ctx: ConfigContext,
  target: Target,
  schemaSecretKeys: readonly string[],
  plan: (state: OpenLiveState) => ReleasePlan | Promise<ReleasePlan>,
): Promise<ConfigReleaseRow> {
  const row = await withConfigLock(ctx.db, target, async (tx) => {
    const state = await openLiveState(ctx.cipher, tx, target);
    const decided = await plan(state);
    const now = ctx.now();
    if (decided.endGray && state.gray) {
      await endGray(tx, target, state.gray.row.revision, decided.endGray, now);
    }
    const release = await insertRelease(
      tx,
      target,
      { ...decided.release, revision: state.latestRevision + 1 },
      now,
    );
    const from = decided.diffFrom ?? state.base?.opened ?? { values: {}, secretKeys: [] };
    await insertAudit(
      tx,
      target,
      {
        ...decided.audit,
        revision: release.revision,
        diff: diffValues(from.values, decided.plain.values, [
          ...schemaSecretKeys,
          ...from.secretKeys,
          ...decided.plain.secretKeys,
        ]),
      },
      now,
    );
    await decided.alsoInTransaction?.(tx, release);
    await notifyConfigChange(tx, target, release.revision);
    return release;
  });
  ctx.notifier.announce(target, row.revision);
  return row;
}
