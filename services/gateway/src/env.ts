import { serviceEnvSchema, type z } from '@trellis/kit';

export const gatewayEnvSchema = serviceEnvSchema(4000, {});

export type GatewayEnv = z.infer<typeof gatewayEnvSchema>;
