import { createRoute, errorResponses, jsonResponse, type ServiceApp } from '@trellis/kit';
import { operationsAccess } from '../../config/access.ts';
import { ReleaseNotFound } from '../../config/domain.ts';
import { findRelease } from '../../config/repository.ts';
import type { ConfigDeps } from '../../deps.ts';
import { presentRelease } from './present.ts';
import { ReleaseSchema, RevisionParamsSchema } from './schema.ts';
import { openTarget } from './scope.ts';

export const getReleaseRoute = createRoute({
  method: 'get',
  path: '/v1/config/{namespace}/{service}/releases/{revision}',
  operationId: 'config.getRelease',
  tags: ['config'],
  summary: 'Get one release',
  access: operationsAccess,
  request: { params: RevisionParamsSchema },
  responses: {
    200: jsonResponse(ReleaseSchema, 'The release, secrets masked.'),
    ...errorResponses('not_found'),
  },
});

export function registerGetRelease(app: ServiceApp<ConfigDeps>) {
  app.openapi(getReleaseRoute, async (c) => {
    const { deps, target } = await openTarget(c);
    const { revision } = c.req.valid('param');
    const row = await findRelease(deps.db, target, revision);
    if (!row) {
      throw new ReleaseNotFound(target.service, revision, {
        in: 'path',
        path: 'revision',
        message: 'does not exist',
      });
    }
    return c.json(presentRelease(row), 200);
  });
}
