import { baseEnvSchema, portSchema, z } from '@trellis/kit';
import { decodeEncryptionKey } from './config/secrets.ts';

export const configEnvSchema = baseEnvSchema.extend({
  PORT: portSchema.default(4110),
  /** Signs and verifies the platform's service tokens. */
  SERVICE_TOKEN_SECRET: z.string().min(32, 'must be at least 32 characters'),
  /** The users service's JWT secret, to verify operators' access tokens. */
  JWT_SECRET: z.string().min(32, 'must be at least 32 characters'),
  JWT_ISSUER: z.string().default('trellis-users'),
  CONFIG_ENCRYPTION_KEY: z
    .string()
    .refine((value) => decodeEncryptionKey(value) !== undefined, 'must be 32 bytes in base64'),
});

export type ConfigEnv = z.infer<typeof configEnvSchema>;
