import { createRoute, errorResponses, jsonResponse, type ServiceApp } from '@trellis/kit';
import { operationsAccess } from '../../config/access.ts';
import { SchemaNotFound } from '../../config/domain.ts';
import { findSchema } from '../../config/repository.ts';
import type { ConfigDeps } from '../../deps.ts';
import { presentSchema } from './present.ts';
import { ConfigSchemaSchema, ServiceParamsSchema } from './schema.ts';

export const getSchemaRoute = createRoute({
  method: 'get',
  path: '/v1/config/schemas/{service}',
  operationId: 'config.getSchema',
  tags: ['config'],
  summary: "Get a service's config schema, for forms",
  access: operationsAccess,
  request: { params: ServiceParamsSchema },
  responses: {
    200: jsonResponse(ConfigSchemaSchema, 'The schema the service uploaded last.'),
    ...errorResponses('not_found'),
  },
});

export function registerGetSchema(app: ServiceApp<ConfigDeps>) {
  app.openapi(getSchemaRoute, async (c) => {
    const deps = c.get('deps');
    const { service } = c.req.valid('param');
    const row = await findSchema(deps.db, service);
    if (!row) {
      throw new SchemaNotFound(service);
    }
    return c.json(presentSchema(row), 200);
  });
}
