import { z } from '@trellis/kit';

export const PublicJwkSchema = z
  .object({
    kty: z.string().openapi({ description: 'Key type: `OKP`.', example: 'OKP' }),
    crv: z.string().optional().openapi({ description: 'Curve: `Ed25519`.', example: 'Ed25519' }),
    x: z.string().optional().openapi({
      description: 'The public key, base64url.',
      example: '11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo',
    }),
    kid: z.string().openapi({
      description: 'Key id (its RFC 7638 thumbprint), named by the tokens it signed.',
      example: 'kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k',
    }),
    alg: z.string().openapi({ description: 'Always `EdDSA`.', example: 'EdDSA' }),
    use: z.string().openapi({ description: 'Always `sig`.', example: 'sig' }),
  })
  .openapi('PublicJwk');

export const JwksSchema = z
  .object({
    keys: z.array(PublicJwkSchema).openapi({
      description: 'The signing key first, then retired keys whose tokens may still be alive.',
    }),
  })
  .openapi('Jwks');

export const SigningKeySchema = z
  .object({
    kid: z.string().openapi({
      description: 'The new signing key.',
      example: 'kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k',
    }),
    activatedAt: z.iso.datetime().openapi({
      description: 'When it started signing (UTC).',
      example: '2026-11-26T09:30:00.000Z',
    }),
    retiredKid: z.string().nullable().openapi({
      description: 'The key it replaced, published until the tokens it signed have expired.',
      example: 'NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs',
    }),
  })
  .openapi('SigningKey');
