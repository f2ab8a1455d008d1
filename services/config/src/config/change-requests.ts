import type { Caller } from '@trellis/kit';
import { actorOf, assertNotAuthor, assertRejecter } from './access.ts';
import { type DiffEntry, diffValues } from './diff.ts';
import {
  assertPublishable,
  ChangeRequestDecided,
  ChangeRequestNotFound,
  type ReleaseKind,
} from './domain.ts';
import type { GrayRule } from './gray.ts';
import {
  assertValid,
  type ConfigContext,
  commitRelease,
  liveStateOf,
  openLiveState,
  requireSchema,
  sameValues,
} from './releases.ts';
import {
  type ConfigChangeRequestRow,
  decideChangeRequest,
  findChangeRequest,
  findSchema,
  insertAudit,
  insertChangeRequest,
  setDraftBase,
  type Target,
} from './repository.ts';
import { type OpenedValues, openValues, type Values } from './secrets.ts';

export interface ChangeProposal {
  kind: ReleaseKind;
  /** Stored form, secrets sealed. */
  values: Values;
  plain: OpenedValues;
  comment: string;
  grayRule: GrayRule | null;
  rollbackTo: number | null;
}

/** A change in a protected namespace waits for a second person; checked now, and again then. */
export async function requestChange(
  ctx: ConfigContext,
  target: Target,
  schemaSecretKeys: readonly string[],
  proposal: ChangeProposal,
  actor: string,
): Promise<{ request: ConfigChangeRequestRow; changes: DiffEntry[] }> {
  const state = await openLiveState(ctx.cipher, ctx.db, target);
  assertPublishable(liveStateOf(state), proposal.kind, proposal.plain.values, sameValues);
  const now = ctx.now();
  const live = state.base?.opened ?? { values: {}, secretKeys: [] };
  const changes = diffValues(live.values, proposal.plain.values, [
    ...schemaSecretKeys,
    ...live.secretKeys,
    ...proposal.plain.secretKeys,
  ]);
  return ctx.db.transaction(async (tx) => {
    const request = await insertChangeRequest(
      tx,
      target,
      {
        kind: proposal.kind,
        values: proposal.values,
        comment: proposal.comment,
        grayRule: proposal.grayRule,
        rollbackTo: proposal.rollbackTo,
        author: actor,
      },
      now,
    );
    await insertAudit(
      tx,
      target,
      {
        action: 'request',
        actor,
        diff: changes,
        comment: `change request ${request.id} (${proposal.kind}): ${proposal.comment}`,
      },
      now,
    );
    return { request, changes };
  });
}

async function pendingRequest(ctx: ConfigContext, target: Target, id: number) {
  const request = await findChangeRequest(ctx.db, target, id);
  if (!request) {
    throw new ChangeRequestNotFound(id);
  }
  if (request.status !== 'pending') {
    throw new ChangeRequestDecided(id, request.status);
  }
  return request;
}

/** Publishes a pending request as its author's release, approved by `caller` (an admin). */
export async function approveChange(
  ctx: ConfigContext,
  target: Target,
  id: number,
  caller: Caller,
  comment: string,
) {
  const request = await pendingRequest(ctx, target, id);
  assertNotAuthor(caller, request.author);
  const schema = requireSchema(await findSchema(ctx.db, target.service), target.service);
  const plain = await openValues(ctx.cipher, target.service, request.values);
  assertValid(ctx.validators, schema, plain.values);
  const approver = actorOf(caller);
  let decided: ConfigChangeRequestRow | undefined;
  const release = await commitRelease(ctx, target, schema.secretKeys, (state) => {
    assertPublishable(liveStateOf(state), request.kind, plain.values, sameValues);
    return {
      release: {
        kind: request.kind,
        values: request.values,
        comment: request.comment,
        author: request.author,
        approvedBy: approver,
        grayRule: request.grayRule as GrayRule | null,
        rolledBackTo: request.rollbackTo,
      },
      plain,
      ...(request.kind === 'rollback' && state.gray ? { endGray: 'superseded' as const } : {}),
      audit: {
        action: 'approve',
        actor: approver,
        comment: [`change request ${id}`, comment].filter(Boolean).join(': '),
      },
      alsoInTransaction: async (tx, row) => {
        decided = await decideChangeRequest(
          tx,
          id,
          { status: 'approved', decidedBy: approver, revision: row.revision },
          ctx.now(),
        );
        if (!decided) {
          throw new ChangeRequestDecided(id, 'decided');
        }
        if (request.kind === 'full') {
          await setDraftBase(tx, target, row.revision);
        }
      },
    };
  });
  return { release, request: decided ?? request };
}

/** An admin rejects a pending request, or its author withdraws it. */
export async function rejectChange(
  ctx: ConfigContext,
  target: Target,
  id: number,
  caller: Caller,
  comment: string,
): Promise<ConfigChangeRequestRow> {
  const request = await pendingRequest(ctx, target, id);
  const status = assertRejecter(caller, request.author);
  const actor = actorOf(caller);
  const now = ctx.now();
  return ctx.db.transaction(async (tx) => {
    const decided = await decideChangeRequest(tx, id, { status, decidedBy: actor }, now);
    if (!decided) {
      throw new ChangeRequestDecided(id, 'decided');
    }
    await insertAudit(
      tx,
      target,
      {
        action: status === 'withdrawn' ? 'withdraw' : 'reject',
        actor,
        diff: [],
        comment: [`change request ${id}`, comment].filter(Boolean).join(': '),
      },
      now,
    );
    return decided;
  });
}
