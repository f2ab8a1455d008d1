import { createRoute, errorResponses, jsonResponse, type ServiceApp } from '@trellis/kit';
import { operationsAccess } from '../../config/access.ts';
import { diffValues } from '../../config/diff.ts';
import { openLiveState } from '../../config/releases.ts';
import { findSchema, listChangeRequests } from '../../config/repository.ts';
import { openValues } from '../../config/secrets.ts';
import type { ConfigDeps } from '../../deps.ts';
import { presentChangeRequest } from './present.ts';
import { ChangeRequestListSchema, ChangeRequestQuerySchema, TargetParamsSchema } from './schema.ts';
import { openTarget } from './scope.ts';

export const listChangeRequestsRoute = createRoute({
  method: 'get',
  path: '/v1/config/{namespace}/{service}/change-requests',
  operationId: 'config.listChangeRequests',
  tags: ['config'],
  summary: 'Change requests waiting for (or given) approval',
  access: operationsAccess,
  request: { params: TargetParamsSchema, query: ChangeRequestQuerySchema },
  responses: {
    200: jsonResponse(
      ChangeRequestListSchema,
      'Newest first, each with what it would change against the live release now.',
    ),
    ...errorResponses('not_found'),
  },
});

export function registerListChangeRequests(app: ServiceApp<ConfigDeps>) {
  app.openapi(listChangeRequestsRoute, async (c) => {
    const { deps, target } = await openTarget(c);
    const { status } = c.req.valid('query');
    const [rows, live, schema] = await Promise.all([
      listChangeRequests(deps.db, target, status),
      openLiveState(deps.cipher, deps.db, target),
      findSchema(deps.db, target.service),
    ]);
    const before = live.base?.opened ?? { values: {}, secretKeys: [] };
    const secretKeys = schema?.secretKeys ?? [];
    const items = await Promise.all(
      rows.map(async (row) => {
        const after = await openValues(deps.cipher, target.service, row.values);
        const changes = diffValues(before.values, after.values, [
          ...secretKeys,
          ...before.secretKeys,
          ...after.secretKeys,
        ]);
        return presentChangeRequest(row, changes, secretKeys);
      }),
    );
    return c.json({ items }, 200);
  });
}
