import { createRoute, errorResponses, jsonResponse, type ServiceApp } from '@trellis/kit';
import { operationsAccess } from '../../config/access.ts';
import { diffValues } from '../../config/diff.ts';
import { ReleaseNotFound } from '../../config/domain.ts';
import { findRelease, findSchema } from '../../config/repository.ts';
import { type OpenedValues, openValues } from '../../config/secrets.ts';
import type { ConfigDeps } from '../../deps.ts';
import { DiffQuerySchema, DiffSchema, TargetParamsSchema } from './schema.ts';
import { openTarget } from './scope.ts';

export const diffReleasesRoute = createRoute({
  method: 'get',
  path: '/v1/config/{namespace}/{service}/diff',
  operationId: 'config.diff',
  tags: ['config'],
  summary: 'Diff two releases',
  description:
    'What changed from revision `from` to revision `to`; `from=0` diffs against nothing.',
  access: operationsAccess,
  request: { params: TargetParamsSchema, query: DiffQuerySchema },
  responses: {
    200: jsonResponse(DiffSchema, 'The changes, secrets masked.'),
    ...errorResponses('not_found'),
  },
});

export function registerDiffReleases(app: ServiceApp<ConfigDeps>) {
  app.openapi(diffReleasesRoute, async (c) => {
    const { deps, target } = await openTarget(c);
    const { from, to } = c.req.valid('query');
    const side = async (revision: number, field: 'from' | 'to'): Promise<OpenedValues> => {
      if (revision === 0) {
        return { values: {}, secretKeys: [] };
      }
      const row = await findRelease(deps.db, target, revision);
      if (!row) {
        throw new ReleaseNotFound(target.service, revision, {
          in: 'query',
          path: field,
          message: 'does not exist',
        });
      }
      return openValues(deps.cipher, target.service, row.values);
    };
    const [before, after, schema] = await Promise.all([
      side(from, 'from'),
      side(to, 'to'),
      findSchema(deps.db, target.service),
    ]);
    return c.json(
      {
        fromRevision: from,
        toRevision: to,
        changes: diffValues(before.values, after.values, [
          ...(schema?.secretKeys ?? []),
          ...before.secretKeys,
          ...after.secretKeys,
        ]),
      },
      200,
    );
  });
}
