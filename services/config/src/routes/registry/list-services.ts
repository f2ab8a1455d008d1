import { jsonResponse, type ServiceApp } from '@trellis/kit';
import type { RegistryDeps } from '../../registry/deps.ts';
import { summarizeServices } from '../../registry/domain.ts';
import { loadRecentInstances } from './present.ts';
import { RegistryServiceListSchema } from './schema.ts';
import { registryReaders, registryRoute } from './scope.ts';

export const listServicesRoute = registryRoute({
  method: 'get',
  path: '/v1/registry/services',
  operationId: 'registry.listServices',
  summary: 'List registered services',
  description: 'Every service with a recently seen instance, with healthy and total counts.',
  access: registryReaders,
  responses: {
    200: jsonResponse(RegistryServiceListSchema, 'The services, by name.'),
  },
});

export function registerListServices(app: ServiceApp<RegistryDeps>) {
  app.openapi(listServicesRoute, async (c) => {
    const deps = c.get('deps');
    const { rows, at } = await loadRecentInstances(deps);
    return c.json({ items: summarizeServices(rows, at, deps.registry.policy) }, 200);
  });
}
