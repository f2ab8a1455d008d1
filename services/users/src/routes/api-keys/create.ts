import { createRoute, errorResponses, jsonBody, type ServiceApp } from '@trellis/kit';
import { createdResponse } from '@trellis/kit/idempotency';
import { apiKeyScopes, newApiKey } from '../../api-keys.ts';
import { originOf, recordSecurityEvent } from '../../audit.ts';
import type { UsersDeps } from '../../deps.ts';
import { insertApiKey } from '../../repository/api-keys.ts';
import { presentApiKey } from './present.ts';
import { CreateApiKeySchema, CreatedApiKeySchema } from './schema.ts';

export const createApiKeyRoute = createRoute({
  method: 'post',
  path: '/v1/api-keys',
  operationId: 'apikeys.create',
  tags: ['api-keys'],
  summary: 'Create an API key for an outside consumer',
  description:
    'The answer holds the key itself, shown this once: only its SHA-256 is kept. Takes no ' +
    '`Idempotency-Key`, since a replay could not show the secret again; revoke a key whose ' +
    'answer was lost and create another.',
  access: { role: 'admin' },
  request: { body: jsonBody(CreateApiKeySchema) },
  responses: {
    201: createdResponse(CreatedApiKeySchema, 'The key, with its secret, shown once.'),
    ...errorResponses(),
  },
});

export function registerCreateApiKey(app: ServiceApp<UsersDeps>) {
  app.openapi(createApiKeyRoute, async (c) => {
    const { db, now } = c.get('deps');
    const { name, scopes } = c.req.valid('json');
    const origin = originOf(c);
    const made = await newApiKey();
    const row = await db.transaction(async (tx) => {
      const inserted = await insertApiKey(
        tx,
        {
          id: made.id,
          name,
          scopes: apiKeyScopes.filter((scope) => scopes.includes(scope)),
          secretHash: made.hash,
          createdBy: origin.actor,
        },
        now(),
      );
      await recordSecurityEvent(
        tx,
        origin,
        {
          action: 'api_key.created',
          outcome: 'ok',
          subject: inserted.id,
          detail: { name, scopes: inserted.scopes },
        },
        now(),
      );
      return inserted;
    });
    c.header('location', `/v1/api-keys/${row.id}`);
    c.header('cache-control', 'no-store');
    return c.json({ ...presentApiKey(row), key: made.key }, 201);
  });
}
