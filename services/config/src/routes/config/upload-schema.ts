import { createRoute, errorResponses, jsonBody, jsonResponse, type ServiceApp } from '@trellis/kit';
import { assertServiceItself, serviceItselfAccess } from '../../config/access.ts';
import { upsertSchema } from '../../config/repository.ts';
import type { ConfigDeps } from '../../deps.ts';
import { presentSchema } from './present.ts';
import { ConfigSchemaSchema, ServiceParamsSchema, UploadSchemaSchema } from './schema.ts';

export const uploadSchemaRoute = createRoute({
  method: 'put',
  path: '/v1/config/schemas/{service}',
  operationId: 'config.uploadSchema',
  tags: ['config'],
  summary: "Upload a service's config schema",
  description:
    'The kit calls this when a service starts, with `z.toJSONSchema` of its config and its secret keys. Needs the token of that service itself (403 otherwise).',
  access: serviceItselfAccess,
  request: { params: ServiceParamsSchema, body: jsonBody(UploadSchemaSchema) },
  responses: {
    200: jsonResponse(ConfigSchemaSchema, 'The schema as stored.'),
    ...errorResponses('unprocessable'),
  },
});

async function hashOf(value: unknown): Promise<string> {
  const digest = await crypto.subtle.digest(
    'SHA-256',
    new TextEncoder().encode(JSON.stringify(value)),
  );
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

export function registerUploadSchema(app: ServiceApp<ConfigDeps>) {
  app.openapi(uploadSchemaRoute, async (c) => {
    const deps = c.get('deps');
    const { service } = c.req.valid('param');
    assertServiceItself(c.get('caller'), service);
    const { jsonSchema, secretKeys } = c.req.valid('json');
    const keys = [...new Set(secretKeys)].sort();
    const schemaHash = await hashOf([jsonSchema, keys]);
    deps.validators.compile(schemaHash, jsonSchema);
    const row = await upsertSchema(
      deps.db,
      { service, jsonSchema, secretKeys: keys, schemaHash },
      deps.now(),
    );
    return c.json(presentSchema(row), 200);
  });
}
