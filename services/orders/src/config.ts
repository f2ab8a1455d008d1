import { defineConfig, logLevelSchema, resilienceConfig, z } from '@trellis/kit';
import { ordersResilienceDefaults } from './resilience.ts';

/** The orders service's live config, edited in the config center and applied without a restart. */
export const ordersConfig = defineConfig(
  z.object({
    logLevel: logLevelSchema
      .optional()
      .describe('Level of the service’s log lines; unset keeps the LOG_LEVEL it started with.'),
    resilience: resilienceConfig(ordersResilienceDefaults),
    paymentTimeoutMinutes: z
      .number()
      .int()
      .min(1)
      .max(10_080)
      .default(30)
      .describe('Minutes an order may wait for payment; paying later cancels it instead (409).'),
    maxItemsPerOrder: z
      .number()
      .int()
      .min(1)
      .max(100)
      .default(100)
      .describe('Most lines a new order may hold; more is refused with 422 naming items.'),
    paymentProviderApiKey: z
      .string()
      .max(500)
      .default('')
      .describe('API key of the payment provider; a secret, delivered only to orders.'),
  }),
  { secrets: ['paymentProviderApiKey'] },
);

export type OrdersConfig = z.output<typeof ordersConfig.schema>;
