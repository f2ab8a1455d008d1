import { ApiError, createRoute, errorResponses, jsonResponse, type ServiceApp } from '@trellis/kit';
import { originOf, recordSecurityEvent } from '../../audit.ts';
import type { UsersDeps } from '../../deps.ts';
import { revokeApiKey } from '../../repository/api-keys.ts';
import { presentApiKey } from './present.ts';
import { ApiKeyParamsSchema, ApiKeySchema } from './schema.ts';

export const revokeApiKeyRoute = createRoute({
  method: 'post',
  path: '/v1/api-keys/{id}/revoke',
  operationId: 'apikeys.revoke',
  tags: ['api-keys'],
  summary: 'Revoke an API key: it verifies no more',
  description: 'Revoking a revoked key answers it as it is.',
  access: { role: 'admin' },
  request: { params: ApiKeyParamsSchema },
  responses: {
    200: jsonResponse(ApiKeySchema, 'The key, revoked.'),
    ...errorResponses('not_found'),
  },
});

export function registerRevokeApiKey(app: ServiceApp<UsersDeps>) {
  app.openapi(revokeApiKeyRoute, async (c) => {
    const { db, now } = c.get('deps');
    const { id } = c.req.valid('param');
    const origin = originOf(c);
    const result = await db.transaction(async (tx) => {
      const outcome = await revokeApiKey(tx, id, now());
      if (outcome?.revoked) {
        await recordSecurityEvent(
          tx,
          origin,
          {
            action: 'api_key.revoked',
            outcome: 'ok',
            subject: id,
            detail: { name: outcome.row.name },
          },
          now(),
        );
      }
      return outcome;
    });
    if (!result) {
      throw new ApiError('not_found', { detail: `No API key with id ${id}.` });
    }
    return c.json(presentApiKey(result.row), 200);
  });
}
