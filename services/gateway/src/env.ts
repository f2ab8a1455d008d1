import { serviceEnvSchema, upstreamEnvShape, type z } from '@trellis/kit';

export const gatewayEnvSchema = serviceEnvSchema(4000, {
  ...upstreamEnvShape('users', 'http://127.0.0.1:4101'),
  ...upstreamEnvShape('orders', 'http://127.0.0.1:4102'),
  ...upstreamEnvShape('meetings', 'http://127.0.0.1:4103'),
  ...upstreamEnvShape('messaging', 'http://127.0.0.1:4120'),
});

export type GatewayEnv = z.infer<typeof gatewayEnvSchema>;
