import { baseEnvSchema, platformEnvShape, portSchema, z } from '@trellis/kit';
import { decodeEncryptionKey } from './config/secrets.ts';

/**
 * The center verifies callers and holds no key that signs for anyone: users' tokens against
 * users' JWKS, services' tokens against the platform's trust set of public keys.
 */
export const configEnvSchema = baseEnvSchema.extend({
  PORT: portSchema.default(4110),
  /** Users' JWKS (`…/.well-known/jwks.json`): operators' and admins' access tokens. */
  JWKS_URL: platformEnvShape.JWKS_URL.unwrap(),
  /** The services' public keys, `{ "orders": <JWK> | [<JWK>, …] }`: whose tokens to trust. */
  SERVICE_PUBLIC_KEYS: platformEnvShape.SERVICE_PUBLIC_KEYS.unwrap(),
  /** The bearer Prometheus sends for `/metrics` and the registry's `prometheus-sd`. */
  METRICS_TOKEN: platformEnvShape.METRICS_TOKEN,
  CONFIG_ENCRYPTION_KEY: z
    .string()
    .refine((value) => decodeEncryptionKey(value) !== undefined, 'must be 32 bytes in base64'),
});

export type ConfigEnv = z.infer<typeof configEnvSchema>;
