import { createRoute, jsonResponse, type ServiceApp } from '@trellis/kit';
import type { UsersDeps } from '../../deps.ts';
import { JwksSchema } from './schema.ts';

export const jwksRoute = createRoute({
  method: 'get',
  path: '/.well-known/jwks.json',
  operationId: 'jwks.get',
  tags: ['signing-keys'],
  summary: 'The public keys access tokens are verified with (JWKS)',
  description:
    'Cacheable for a minute; a verifier that meets a `kid` it does not know reads it again, ' +
    'so a rotation fails no request.',
  access: { public: true },
  responses: { 200: jsonResponse(JwksSchema, 'The published keys.') },
});

export function registerJwks(app: ServiceApp<UsersDeps>) {
  app.openapi(jwksRoute, async (c) => {
    const keys = await c.get('deps').tokens.keys.published();
    c.header('cache-control', 'public, max-age=60');
    return c.json({ keys }, 200);
  });
}
