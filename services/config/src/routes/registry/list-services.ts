import {
  bearerSecurity,
  createRoute,
  errorResponses,
  jsonResponse,
  type ServiceApp,
  verifyBearer,
} from '@trellis/kit';
import type { RegistryDeps } from '../../registry/deps.ts';
import { summarizeServices } from '../../registry/domain.ts';
import { loadRecentInstances } from './present.ts';
import { RegistryServiceListSchema } from './schema.ts';

export const listServicesRoute = createRoute({
  method: 'get',
  path: '/v1/registry/services',
  operationId: 'registry.listServices',
  tags: ['registry'],
  summary: 'List registered services',
  description: 'Every service with a recently seen instance, with healthy and total counts.',
  security: bearerSecurity,
  responses: {
    200: jsonResponse(RegistryServiceListSchema, 'The services, by name.'),
    ...errorResponses('unauthorized'),
  },
});

export function registerListServices(app: ServiceApp<RegistryDeps>) {
  app.openapi(listServicesRoute, async (c) => {
    await verifyBearer(c.req.header('authorization'), c.get('deps').tokens);
    const deps = c.get('deps');
    const { rows, at } = await loadRecentInstances(deps);
    return c.json({ items: summarizeServices(rows, at, deps.registry.policy) }, 200);
  });
}
