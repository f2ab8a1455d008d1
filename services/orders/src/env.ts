import { serviceEnvSchema, upstreamEnvShape, type z } from '@trellis/kit';

export const ordersEnvSchema = serviceEnvSchema(4102, {
  ...upstreamEnvShape('users', 'http://127.0.0.1:4101'),
});

export type OrdersEnv = z.infer<typeof ordersEnvSchema>;
