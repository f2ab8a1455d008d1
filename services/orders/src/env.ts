import { baseEnvSchema, portSchema, z } from '@trellis/kit';

export const ordersEnvSchema = baseEnvSchema.extend({
  PORT: portSchema.default(4102),
  USERS_URL: z
    .url({ protocol: /^https?$/, error: 'must be an http(s):// URL' })
    .default('http://127.0.0.1:4101'),
  USERS_TIMEOUT_MS: z.coerce.number().int().min(50).max(60_000).default(2000),
});

export type OrdersEnv = z.infer<typeof ordersEnvSchema>;
