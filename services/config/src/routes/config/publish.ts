import { createRoute, errorResponses, jsonBody, jsonResponse, type ServiceApp } from '@trellis/kit';
import { actorOf, editorAccess } from '../../config/access.ts';
import { requestChange } from '../../config/change-requests.ts';
import { assertPublishable } from '../../config/domain.ts';
import { currentDraft } from '../../config/drafts.ts';
import {
  assertValid,
  commitRelease,
  liveStateOf,
  requireSchema,
  sameValues,
} from '../../config/releases.ts';
import { findSchema, setDraftBase } from '../../config/repository.ts';
import { openValues } from '../../config/secrets.ts';
import type { ConfigDeps } from '../../deps.ts';
import { presentChangeRequest, presentRelease } from './present.ts';
import { GrayReleaseLiveExtensions } from './problems.ts';
import { ChangeRequestSchema, PublishSchema, ReleaseSchema, TargetParamsSchema } from './schema.ts';
import { openTarget } from './scope.ts';

export const publishRoute = createRoute({
  method: 'post',
  path: '/v1/config/{namespace}/{service}/releases',
  operationId: 'config.publish',
  tags: ['config'],
  summary: 'Publish the draft, to everyone or as a gray release',
  description:
    'Makes an immutable release with the next revision and pushes it to watching instances. In a protected namespace it makes a change request instead (202), which another admin approves. With `gray`, only matching instances get it until it is promoted or abandoned. Needs the operator or admin role.',
  access: editorAccess,
  request: { params: TargetParamsSchema, body: jsonBody(PublishSchema) },
  responses: {
    201: jsonResponse(ReleaseSchema, 'Published.'),
    202: jsonResponse(ChangeRequestSchema, 'Protected namespace: waiting for approval.'),
    ...errorResponses('not_found', 'unprocessable', {
      conflict: GrayReleaseLiveExtensions,
    }),
  },
});

export function registerPublish(app: ServiceApp<ConfigDeps>) {
  app.openapi(publishRoute, async (c) => {
    const { deps, caller, target, namespace } = await openTarget(c);
    const { comment, gray } = c.req.valid('json');
    const schema = requireSchema(await findSchema(deps.db, target.service), target.service);
    const draft = await currentDraft(deps, target);
    const plain = await openValues(deps.cipher, target.service, draft.stored);
    assertValid(deps.validators, schema, plain.values);
    const kind = gray ? 'gray' : 'full';
    const actor = actorOf(caller);
    if (namespace.protected) {
      const { request, changes } = await requestChange(
        deps,
        target,
        schema.secretKeys,
        { kind, values: draft.stored, plain, comment, grayRule: gray ?? null, rollbackTo: null },
        actor,
      );
      c.header('location', `/v1/config/${target.namespace}/${target.service}/change-requests`);
      return c.json(presentChangeRequest(request, changes, schema.secretKeys), 202);
    }
    const release = await commitRelease(deps, target, schema.secretKeys, (state) => {
      assertPublishable(liveStateOf(state), kind, plain.values, sameValues);
      return {
        release: { kind, values: draft.stored, comment, author: actor, grayRule: gray ?? null },
        plain,
        audit: { action: kind === 'gray' ? 'gray' : 'publish', actor, comment },
        ...(kind === 'full'
          ? { alsoInTransaction: (tx, row) => setDraftBase(tx, target, row.revision) }
          : {}),
      };
    });
    c.header(
      'location',
      `/v1/config/${target.namespace}/${target.service}/releases/${release.revision}`,
    );
    return c.json(presentRelease(release, schema.secretKeys), 201);
  });
}
