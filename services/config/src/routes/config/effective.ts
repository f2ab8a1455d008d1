import { createRoute, errorResponses, jsonResponse, type ServiceApp } from '@trellis/kit';
import { assertOwnIfService, operationsAccess, revealsSecrets } from '../../config/access.ts';
import { presentEffective } from '../../config/domain.ts';
import { parseLabels } from '../../config/gray.ts';
import { readEffective } from '../../config/watch.ts';
import type { ConfigDeps } from '../../deps.ts';
import { EffectiveSchema, InstanceQuerySchema, TargetParamsSchema } from './schema.ts';
import { openTarget } from './scope.ts';

export const getEffectiveRoute = createRoute({
  method: 'get',
  path: '/v1/config/{namespace}/{service}/effective',
  operationId: 'config.getEffective',
  tags: ['config'],
  summary: 'The config one instance runs',
  description:
    "The newest live gray release matching the instance, else the live full release, else the schema defaults. Operators and admins read any service's, masked; a service reads only its own (403 otherwise), and only it gets the secrets decrypted.",
  access: operationsAccess,
  request: { params: TargetParamsSchema, query: InstanceQuerySchema },
  responses: {
    200: jsonResponse(EffectiveSchema, 'The effective config.'),
    ...errorResponses('not_found'),
  },
});

export function registerGetEffective(app: ServiceApp<ConfigDeps>) {
  app.openapi(getEffectiveRoute, async (c) => {
    assertOwnIfService(c.get('grant'), c.req.valid('param').service);
    const { deps, caller, target } = await openTarget(c);
    const { instanceId, labels } = c.req.valid('query');
    const effective = await readEffective(deps, target, {
      instanceId,
      labels: parseLabels(labels),
    });
    c.header('cache-control', 'no-store');
    return c.json(presentEffective(effective, revealsSecrets(caller, target.service)), 200);
  });
}
