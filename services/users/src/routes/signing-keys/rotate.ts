import { createRoute, errorResponses, jsonResponse, type ServiceApp } from '@trellis/kit';
import { originOf, recordSecurityEvent } from '../../audit.ts';
import type { UsersDeps } from '../../deps.ts';
import { SigningKeySchema } from './schema.ts';

export const rotateSigningKeyRoute = createRoute({
  method: 'post',
  path: '/v1/signing-keys/rotate',
  operationId: 'signingkeys.rotate',
  tags: ['signing-keys'],
  summary: 'Make a new key sign access tokens, at once',
  description:
    'The key it replaces stays in the JWKS until every token it signed has expired, so tokens ' +
    'already issued keep working.',
  access: { role: 'admin' },
  responses: {
    201: jsonResponse(SigningKeySchema, 'The new signing key.'),
    ...errorResponses(),
  },
});

export function registerRotateSigningKey(app: ServiceApp<UsersDeps>) {
  app.openapi(rotateSigningKeyRoute, async (c) => {
    const { tokens, now } = c.get('deps');
    const origin = originOf(c);
    const { signer, retired } = await tokens.keys.rotate((tx, rotated) =>
      recordSecurityEvent(
        tx,
        origin,
        {
          action: 'signing_key.rotated',
          outcome: 'ok',
          subject: rotated.signer.kid,
          detail: { retired: rotated.retired ?? null },
        },
        now(),
      ),
    );
    return c.json(
      {
        kid: signer.kid,
        activatedAt: signer.activatedAt.toISOString(),
        retiredKid: retired ?? null,
      },
      201,
    );
  });
}
