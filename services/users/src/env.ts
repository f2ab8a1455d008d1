import { decodeEncryptionKey, serviceEnvSchema, z } from '@trellis/kit';

const seconds = (min: number, max: number, fallback: number) =>
  z.coerce.number().int().min(min).max(max).default(fallback);

export const usersEnvSchema = serviceEnvSchema(4101, {
  /** Seals the private parts of the token signing keys in Postgres; only users holds it. */
  TOKEN_KEY_ENCRYPTION_KEY: z
    .string()
    .refine((value) => decodeEncryptionKey(value) !== undefined, 'must be 32 bytes in base64'),
  JWT_ISSUER: z.string().default('trellis-users'),
  ACCESS_TOKEN_TTL_SECONDS: seconds(1, 86_400, 900),
  REFRESH_TOKEN_TTL_SECONDS: seconds(1, 365 * 86_400, 30 * 86_400),
  PASSWORD_ITERATIONS: z.coerce.number().int().min(1000).default(600_000),
});

export type UsersEnv = z.infer<typeof usersEnvSchema>;
