import { createRoute, errorResponses, jsonBody, jsonResponse, type ServiceApp } from '@trellis/kit';
import { actorOf, editorAccess } from '../../config/access.ts';
import { requestChange } from '../../config/change-requests.ts';
import { ReleaseNotFound } from '../../config/domain.ts';
import { assertValid, commitRelease, requireSchema } from '../../config/releases.ts';
import { findRelease, findSchema } from '../../config/repository.ts';
import { openValues } from '../../config/secrets.ts';
import type { ConfigDeps } from '../../deps.ts';
import { presentChangeRequest, presentRelease } from './present.ts';
import {
  ChangeRequestSchema,
  ReleaseSchema,
  RollbackSchema,
  TargetParamsSchema,
} from './schema.ts';
import { openTarget } from './scope.ts';

export const rollbackRoute = createRoute({
  method: 'post',
  path: '/v1/config/{namespace}/{service}/rollback',
  operationId: 'config.rollback',
  tags: ['config'],
  summary: 'Publish the values of an earlier release again',
  description:
    'Makes a new release (kind `rollback`, the next revision) with the values of `toRevision`, after checking them against the current schema; a live gray release ends as superseded. A change request (202) in a protected namespace. Needs the operator or admin role.',
  access: editorAccess,
  request: { params: TargetParamsSchema, body: jsonBody(RollbackSchema) },
  responses: {
    201: jsonResponse(ReleaseSchema, 'Rolled back.'),
    202: jsonResponse(ChangeRequestSchema, 'Protected namespace: waiting for approval.'),
    ...errorResponses('not_found', 'unprocessable'),
  },
});

export function registerRollback(app: ServiceApp<ConfigDeps>) {
  app.openapi(rollbackRoute, async (c) => {
    const { deps, caller, target, namespace } = await openTarget(c);
    const { toRevision, comment } = c.req.valid('json');
    const schema = requireSchema(await findSchema(deps.db, target.service), target.service);
    const earlier = await findRelease(deps.db, target, toRevision);
    if (!earlier) {
      throw new ReleaseNotFound(target.service, toRevision, {
        in: 'body',
        path: 'toRevision',
        message: 'does not exist',
      });
    }
    const plain = await openValues(deps.cipher, target.service, earlier.values);
    assertValid(deps.validators, schema, plain.values);
    const actor = actorOf(caller);
    const text = comment || `roll back to revision ${toRevision}`;
    if (namespace.protected) {
      const { request, changes } = await requestChange(
        deps,
        target,
        schema.secretKeys,
        {
          kind: 'rollback',
          values: earlier.values,
          plain,
          comment: text,
          grayRule: null,
          rollbackTo: toRevision,
        },
        actor,
      );
      return c.json(presentChangeRequest(request, changes, schema.secretKeys), 202);
    }
    const release = await commitRelease(deps, target, schema.secretKeys, (state) => ({
      release: {
        kind: 'rollback',
        values: earlier.values,
        comment: text,
        author: actor,
        rolledBackTo: toRevision,
      },
      plain,
      ...(state.gray ? { endGray: 'superseded' as const } : {}),
      audit: { action: 'rollback', actor, comment: text },
    }));
    return c.json(presentRelease(release, schema.secretKeys), 201);
  });
}
