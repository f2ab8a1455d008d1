import { createRoute, errorResponses, jsonResponse, type ServiceApp } from '@trellis/kit';
import { operationsAccess } from '../../config/access.ts';
import { NamespaceNotFound } from '../../config/domain.ts';
import { listServiceSummaries } from '../../config/repository.ts';
import type { ConfigDeps } from '../../deps.ts';
import { NamespaceParamsSchema, ServiceStateListSchema } from './schema.ts';

export const listServicesRoute = createRoute({
  method: 'get',
  path: '/v1/config/{namespace}/services',
  operationId: 'config.listServices',
  tags: ['config'],
  summary: 'List services with their live revision, gray release and pending approvals',
  access: operationsAccess,
  request: { params: NamespaceParamsSchema },
  responses: {
    200: jsonResponse(ServiceStateListSchema, 'Services known in this namespace.'),
    ...errorResponses('not_found'),
  },
});

export function registerListServices(app: ServiceApp<ConfigDeps>) {
  app.openapi(listServicesRoute, async (c) => {
    const deps = c.get('deps');
    const { namespace } = c.req.valid('param');
    if (!(await deps.namespace(namespace))) {
      throw new NamespaceNotFound(namespace);
    }
    const rows = await listServiceSummaries(deps.db, namespace);
    return c.json(
      {
        items: rows.map((row) => ({
          ...row,
          draftUpdatedAt: row.draftUpdatedAt?.toISOString() ?? null,
        })),
      },
      200,
    );
  });
}
