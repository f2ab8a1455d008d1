import { createRoute, errorResponses, jsonResponse, type ServiceApp } from '@trellis/kit';
import { SchemaNotFound } from '../../config/domain.ts';
import { findSchema } from '../../config/repository.ts';
import type { ConfigDeps } from '../../deps.ts';
import { presentSchema } from './present.ts';
import { ConfigSchemaSchema, ServiceParamsSchema } from './schema.ts';
import { authenticate, bearerSecurity } from './scope.ts';

export const getSchemaRoute = createRoute({
  method: 'get',
  path: '/v1/config/schemas/{service}',
  operationId: 'config.getSchema',
  tags: ['config'],
  summary: "Get a service's config schema, for forms",
  security: bearerSecurity,
  request: { params: ServiceParamsSchema },
  responses: {
    200: jsonResponse(ConfigSchemaSchema, 'The schema the service uploaded last.'),
    ...errorResponses('unauthorized', 'not_found'),
  },
});

export function registerGetSchema(app: ServiceApp<ConfigDeps>) {
  app.openapi(getSchemaRoute, async (c) => {
    const deps = c.get('deps');
    await authenticate(deps, c.req.header('authorization'));
    const { service } = c.req.valid('param');
    const row = await findSchema(deps.db, service);
    if (!row) {
      throw new SchemaNotFound(service);
    }
    return c.json(presentSchema(row), 200);
  });
}
