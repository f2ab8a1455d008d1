import {
  baseEnvSchema,
  platformEnvShape,
  portSchema,
  requireTokenSecretWithConfigUrl,
  z,
} from '@trellis/kit';

export const ordersEnvSchema = baseEnvSchema
  .extend({
    PORT: portSchema.default(4102),
    /** Where users is when the registry lists no instance of it, or without CONFIG_URL. */
    USERS_URL: z
      .url({ protocol: /^https?$/, error: 'must be an http(s):// URL' })
      .default('http://127.0.0.1:4101'),
    USERS_TIMEOUT_MS: z.coerce.number().int().min(50).max(60_000).default(2000),
    ...platformEnvShape,
  })
  .superRefine(requireTokenSecretWithConfigUrl);

export type OrdersEnv = z.infer<typeof ordersEnvSchema>;
