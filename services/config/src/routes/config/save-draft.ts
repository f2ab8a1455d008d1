import { createRoute, errorResponses, jsonBody, jsonResponse, type ServiceApp } from '@trellis/kit';
import { actorOf, editorAccess } from '../../config/access.ts';
import { saveDraft } from '../../config/drafts.ts';
import { requireSchema } from '../../config/releases.ts';
import { findSchema } from '../../config/repository.ts';
import { maskValues } from '../../config/secrets.ts';
import type { ConfigDeps } from '../../deps.ts';
import { DraftSchema, SaveDraftSchema, TargetParamsSchema } from './schema.ts';
import { openTarget } from './scope.ts';

export const saveDraftRoute = createRoute({
  method: 'put',
  path: '/v1/config/{namespace}/{service}/draft',
  operationId: 'config.saveDraft',
  tags: ['config'],
  summary: 'Save the draft',
  description:
    "Replaces the draft after validating it against the service's schema (422 naming each offending key). Needs the operator or admin role.",
  access: editorAccess,
  request: { params: TargetParamsSchema, body: jsonBody(SaveDraftSchema) },
  responses: {
    200: jsonResponse(DraftSchema, 'The saved draft, secrets masked.'),
    ...errorResponses('not_found', 'conflict', 'unprocessable'),
  },
});

export function registerSaveDraft(app: ServiceApp<ConfigDeps>) {
  app.openapi(saveDraftRoute, async (c) => {
    const { deps, caller, target } = await openTarget(c);
    const schema = requireSchema(await findSchema(deps.db, target.service), target.service);
    const row = await saveDraft(deps, target, schema, c.req.valid('json').values, actorOf(caller));
    return c.json(
      {
        ...target,
        values: maskValues(row.values, schema.secretKeys),
        baseRevision: row.baseRevision,
        updatedBy: row.updatedBy,
        updatedAt: row.updatedAt.toISOString(),
      },
      200,
    );
  });
}
