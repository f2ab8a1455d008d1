import { serviceEnvSchema, z } from '@trellis/kit';

export const usersEnvSchema = serviceEnvSchema(4101, {
  JWT_SECRET: z.string().min(32, 'must be at least 32 characters'),
  JWT_ISSUER: z.string().default('trellis-users'),
  JWT_TTL_SECONDS: z.coerce.number().int().min(60).max(86_400).default(900),
  PASSWORD_ITERATIONS: z.coerce.number().int().min(1000).default(600_000),
});

export type UsersEnv = z.infer<typeof usersEnvSchema>;
