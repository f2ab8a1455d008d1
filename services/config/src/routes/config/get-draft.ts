import { createRoute, errorResponses, jsonResponse, type ServiceApp } from '@trellis/kit';
import { operationsAccess } from '../../config/access.ts';
import { currentDraft } from '../../config/drafts.ts';
import { maskValues } from '../../config/secrets.ts';
import type { ConfigDeps } from '../../deps.ts';
import { DraftSchema, TargetParamsSchema } from './schema.ts';
import { openTarget } from './scope.ts';

export const getDraftRoute = createRoute({
  method: 'get',
  path: '/v1/config/{namespace}/{service}/draft',
  operationId: 'config.getDraft',
  tags: ['config'],
  summary: 'Get the draft',
  description: 'The saved draft, or the live values when nobody has saved one. Secrets masked.',
  access: operationsAccess,
  request: { params: TargetParamsSchema },
  responses: {
    200: jsonResponse(DraftSchema, 'The draft.'),
    ...errorResponses('not_found'),
  },
});

export function registerGetDraft(app: ServiceApp<ConfigDeps>) {
  app.openapi(getDraftRoute, async (c) => {
    const { deps, target } = await openTarget(c);
    const draft = await currentDraft(deps, target);
    return c.json(
      {
        ...target,
        values: maskValues(draft.stored),
        baseRevision: draft.baseRevision,
        updatedBy: draft.updatedBy,
        updatedAt: draft.updatedAt?.toISOString() ?? null,
      },
      200,
    );
  });
}
