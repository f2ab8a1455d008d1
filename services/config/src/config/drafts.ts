import { ApiError, type FieldError } from '@trellis/kit';
import { diffValues } from './diff.ts';
import { assertValid, type ConfigContext } from './releases.ts';
import {
  type ConfigSchemaRow,
  findDraft,
  insertAudit,
  readLiveRows,
  type Target,
  upsertDraft,
} from './repository.ts';
import { isSealed, openValues, sealValues, secretMask, type Values } from './secrets.ts';

export interface CurrentDraft {
  /** Stored form: secrets sealed. */
  stored: Values;
  baseRevision: number;
  updatedBy: string | null;
  updatedAt: Date | null;
}

/** The draft, or when nobody has saved one, the live full release's values (or nothing). */
export async function currentDraft(ctx: ConfigContext, target: Target): Promise<CurrentDraft> {
  const draft = await findDraft(ctx.db, target);
  if (draft) {
    return {
      stored: draft.values,
      baseRevision: draft.baseRevision,
      updatedBy: draft.updatedBy,
      updatedAt: draft.updatedAt,
    };
  }
  const { base } = await readLiveRows(ctx.db, target);
  return {
    stored: base?.values ?? {},
    baseRevision: base?.revision ?? 0,
    updatedBy: null,
    updatedAt: null,
  };
}

/**
 * Saves the draft after validating it against the service's schema. A secret sent back as
 * the mask keeps the stored secret; any other value of a secret key is encrypted.
 */
export async function saveDraft(
  ctx: ConfigContext,
  target: Target,
  schema: ConfigSchemaRow,
  incoming: Values,
  actor: string,
) {
  const current = await currentDraft(ctx, target);
  const opened = await openValues(ctx.cipher, target.service, current.stored);
  const keep: Values = {};
  const plain: Values = { ...incoming };
  const errors: FieldError[] = [];
  for (const [key, value] of Object.entries(incoming)) {
    if (value === secretMask && isSealed(current.stored[key])) {
      keep[key] = current.stored[key];
      plain[key] = opened.values[key];
    } else if (value === secretMask && schema.secretKeys.includes(key)) {
      errors.push({ in: 'body', path: key, message: 'is masked, but no secret is stored to keep' });
    } else if (isSealed(value)) {
      errors.push({ in: 'body', path: key, message: 'must not look like an encrypted secret' });
    }
  }
  if (errors.length > 0) {
    throw new ApiError('unprocessable', {
      detail: `The config values cannot be saved: ${errors.map((e) => e.path).join(', ')}.`,
      errors,
    });
  }
  assertValid(ctx.validators, schema, plain);
  const sealed = await sealValues(ctx.cipher, target.service, incoming, schema.secretKeys, keep);
  const { base } = await readLiveRows(ctx.db, target);
  const now = ctx.now();
  return ctx.db.transaction(async (tx) => {
    const row = await upsertDraft(
      tx,
      target,
      { values: sealed, baseRevision: base?.revision ?? 0, updatedBy: actor },
      now,
    );
    await insertAudit(
      tx,
      target,
      {
        action: 'draft.save',
        actor,
        diff: diffValues(opened.values, plain, [...schema.secretKeys, ...opened.secretKeys]),
      },
      now,
    );
    return row;
  });
}
