import { createRoute, errorResponses, jsonResponse, type ServiceApp } from '@trellis/kit';
import { listApplied } from '../../config/repository.ts';
import type { ConfigDeps } from '../../deps.ts';
import { presentApplied } from './present.ts';
import { InstanceStatusListSchema, TargetParamsSchema } from './schema.ts';
import { bearerSecurity, openTarget } from './scope.ts';

export const listInstancesRoute = createRoute({
  method: 'get',
  path: '/v1/config/{namespace}/{service}/instances',
  operationId: 'config.listInstances',
  tags: ['config'],
  summary: 'What each instance applied or rejected',
  security: bearerSecurity,
  request: { params: TargetParamsSchema },
  responses: {
    200: jsonResponse(InstanceStatusListSchema, 'The last report of every instance.'),
    ...errorResponses('unauthorized', 'not_found'),
  },
});

export function registerListInstances(app: ServiceApp<ConfigDeps>) {
  app.openapi(listInstancesRoute, async (c) => {
    const { deps, target } = await openTarget(c);
    const rows = await listApplied(deps.db, target);
    return c.json({ items: rows.map(presentApplied) }, 200);
  });
}
