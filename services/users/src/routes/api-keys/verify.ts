import {
  ApiError,
  createRoute,
  errorResponses,
  jsonBody,
  jsonResponse,
  type ServiceApp,
} from '@trellis/kit';
import { type ApiKeyScope, apiKeyIdOf, sameDigest } from '../../api-keys.ts';
import type { UsersDeps } from '../../deps.ts';
import { tokenHash } from '../../opaque-secrets.ts';
import { findApiKey, touchApiKey } from '../../repository/api-keys.ts';
import { VerifiedApiKeySchema, VerifyApiKeySchema } from './schema.ts';

export const verifyApiKeyRoute = createRoute({
  method: 'post',
  path: '/v1/api-keys/verify',
  operationId: 'apikeys.verify',
  tags: ['api-keys'],
  summary: 'Check an API key a consumer presented (for the gateway)',
  description:
    'Answers the key’s id, name and scopes, or 401 alike for a malformed, unknown, wrong or ' +
    'revoked key. Records the use, at most once a minute per key.',
  access: { services: ['gateway'] },
  request: { body: jsonBody(VerifyApiKeySchema) },
  responses: {
    200: jsonResponse(VerifiedApiKeySchema, 'The key is valid.'),
    ...errorResponses(),
  },
});

const lastUseEveryMs = 60_000;

const invalidKey = () => new ApiError('unauthorized', { detail: 'The API key is not valid.' });

export function registerVerifyApiKey(app: ServiceApp<UsersDeps>) {
  app.openapi(verifyApiKeyRoute, async (c) => {
    const { db, now } = c.get('deps');
    const { key } = c.req.valid('json');
    const id = apiKeyIdOf(key);
    const row = id ? await findApiKey(db, id) : undefined;
    if (!row || row.revokedAt || !sameDigest(await tokenHash(key), row.secretHash)) {
      throw invalidKey();
    }
    const at = now();
    if (!row.lastUsedAt || at.getTime() - row.lastUsedAt.getTime() >= lastUseEveryMs) {
      await touchApiKey(db, row.id, at, lastUseEveryMs);
    }
    return c.json({ id: row.id, name: row.name, scopes: row.scopes as ApiKeyScope[] }, 200);
  });
}
