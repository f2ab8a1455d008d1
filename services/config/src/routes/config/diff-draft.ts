import { createRoute, errorResponses, jsonResponse, type ServiceApp } from '@trellis/kit';
import { operationsAccess } from '../../config/access.ts';
import { diffValues } from '../../config/diff.ts';
import { currentDraft } from '../../config/drafts.ts';
import { openLiveState } from '../../config/releases.ts';
import { findSchema } from '../../config/repository.ts';
import { openValues } from '../../config/secrets.ts';
import type { ConfigDeps } from '../../deps.ts';
import { DiffSchema, TargetParamsSchema } from './schema.ts';
import { openTarget } from './scope.ts';

export const diffDraftRoute = createRoute({
  method: 'get',
  path: '/v1/config/{namespace}/{service}/draft/diff',
  operationId: 'config.diffDraft',
  tags: ['config'],
  summary: 'What publishing the draft would change',
  description: 'The draft against the live full release; secrets masked.',
  access: operationsAccess,
  request: { params: TargetParamsSchema },
  responses: {
    200: jsonResponse(DiffSchema, 'Live (from) against the draft (to).'),
    ...errorResponses('not_found'),
  },
});

export function registerDiffDraft(app: ServiceApp<ConfigDeps>) {
  app.openapi(diffDraftRoute, async (c) => {
    const { deps, target } = await openTarget(c);
    const [schema, draft, live] = await Promise.all([
      findSchema(deps.db, target.service),
      currentDraft(deps, target),
      openLiveState(deps.cipher, deps.db, target),
    ]);
    const opened = await openValues(deps.cipher, target.service, draft.stored);
    const before = live.base?.opened ?? { values: {}, secretKeys: [] };
    return c.json(
      {
        fromRevision: live.base?.row.revision ?? 0,
        toRevision: null,
        changes: diffValues(before.values, opened.values, [
          ...(schema?.secretKeys ?? []),
          ...before.secretKeys,
          ...opened.secretKeys,
        ]),
      },
      200,
    );
  });
}
