import { defineConfig, logLevelSchema, resilienceConfig, z } from '@trellis/kit';
import { gatewayResilienceDefaults } from './resilience.ts';

/** The gateway service's live config, edited in the config center and applied without a restart. */
export const gatewayConfig = defineConfig(
  z.object({
    logLevel: logLevelSchema
      .optional()
      .describe('Level of the service’s log lines; unset keeps the LOG_LEVEL it started with.'),
    resilience: resilienceConfig(gatewayResilienceDefaults),
    greeting: z
      .string()
      .min(1)
      .max(40)
      .default('Hello')
      .describe('The word a greeting starts with.'),
  }),
);

export type GatewayConfig = z.output<typeof gatewayConfig.schema>;
