import { createRoute, jsonResponse, type ServiceApp } from '@trellis/kit';
import { operationsAccess } from '../../config/access.ts';
import { listNamespaces } from '../../config/repository.ts';
import type { ConfigDeps } from '../../deps.ts';
import { NamespaceListSchema } from './schema.ts';

export const listNamespacesRoute = createRoute({
  method: 'get',
  path: '/v1/config/namespaces',
  operationId: 'config.listNamespaces',
  tags: ['config'],
  summary: 'List namespaces (environments)',
  access: operationsAccess,
  responses: {
    200: jsonResponse(NamespaceListSchema, 'Every namespace.'),
  },
});

export function registerListNamespaces(app: ServiceApp<ConfigDeps>) {
  app.openapi(listNamespacesRoute, async (c) => {
    const deps = c.get('deps');
    const rows = await listNamespaces(deps.db);
    return c.json(
      {
        items: rows.map((row) => ({
          name: row.name,
          description: row.description,
          protected: row.protected,
        })),
      },
      200,
    );
  });
}
