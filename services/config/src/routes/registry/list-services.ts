import {
  createRoute,
  errorResponses,
  jsonResponse,
  type ServiceApp,
  verifyBearer,
} from '@trellis/kit';
import type { RegistryDeps } from '../../registry/deps.ts';
import { recentSince, summarizeServices } from '../../registry/domain.ts';
import { listRecentInstances } from '../../registry/repository.ts';
import { RegistryServiceListSchema } from './schema.ts';

export const listServicesRoute = createRoute({
  method: 'get',
  path: '/v1/registry/services',
  operationId: 'registry.listServices',
  tags: ['registry'],
  summary: 'List registered services',
  description: 'Every service with a recently seen instance, with healthy and total counts.',
  security: [{ bearerAuth: [] }],
  responses: {
    200: jsonResponse(RegistryServiceListSchema, 'The services, by name.'),
    ...errorResponses('unauthorized'),
  },
});

export function registerListServices(app: ServiceApp<RegistryDeps>) {
  app.openapi(listServicesRoute, async (c) => {
    await verifyBearer(c.req.header('authorization'), c.get('deps').tokens);
    const { db, now, registry } = c.get('deps');
    const at = now();
    const rows = await listRecentInstances(db, recentSince(at, registry.policy));
    return c.json({ items: summarizeServices(rows, at, registry.policy) }, 200);
  });
}
