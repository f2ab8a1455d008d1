import { jsonResponse, type ServiceApp } from '@trellis/kit';
import type { RegistryDeps } from '../../registry/deps.ts';
import { loadInstanceList } from './present.ts';
import { RegistryInstanceListSchema, ServiceParamsSchema } from './schema.ts';
import { registryReaders, registryRoute } from './scope.ts';

export const listInstancesRoute = registryRoute({
  method: 'get',
  path: '/v1/registry/services/{service}/instances',
  operationId: 'registry.listInstances',
  summary: "List a service's instances",
  description:
    'The healthy instances; when fewer than the protection threshold (default half) of the recently seen ones are healthy, the expired ones too, flagged `healthy: false`. An unknown service has an empty list.',
  request: { params: ServiceParamsSchema },
  access: registryReaders,
  responses: {
    200: jsonResponse(RegistryInstanceListSchema, 'The instances to call.'),
  },
});

export function registerListInstances(app: ServiceApp<RegistryDeps>) {
  app.openapi(listInstancesRoute, async (c) => {
    const { service } = c.req.valid('param');
    const { db, now, registry } = c.get('deps');
    return c.json(await loadInstanceList(db, service, now(), registry.policy), 200);
  });
}
