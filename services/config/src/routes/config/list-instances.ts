import { createRoute, errorResponses, jsonResponse, type ServiceApp } from '@trellis/kit';
import { operationsAccess } from '../../config/access.ts';
import { listApplied } from '../../config/repository.ts';
import type { ConfigDeps } from '../../deps.ts';
import { presentApplied } from './present.ts';
import { InstanceStatusListSchema, TargetParamsSchema } from './schema.ts';
import { openTarget } from './scope.ts';

export const listInstancesRoute = createRoute({
  method: 'get',
  path: '/v1/config/{namespace}/{service}/instances',
  operationId: 'config.listInstances',
  tags: ['config'],
  summary: 'What each instance applied or rejected',
  access: operationsAccess,
  request: { params: TargetParamsSchema },
  responses: {
    200: jsonResponse(InstanceStatusListSchema, 'The last report of every instance.'),
    ...errorResponses('not_found'),
  },
});

export function registerListInstances(app: ServiceApp<ConfigDeps>) {
  app.openapi(listInstancesRoute, async (c) => {
    const { deps, target } = await openTarget(c);
    const rows = await listApplied(deps.db, target);
    return c.json({ items: rows.map(presentApplied) }, 200);
  });
}
