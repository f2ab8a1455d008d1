import { defineConfig, logLevelSchema, resilienceConfig, z } from '@trellis/kit';
import { messagingResilienceDefaults } from './resilience.ts';
import { webhooksConfig } from './webhooks/config.ts';

/** The messaging service's live config, edited in the config center and applied without a restart. */
export const messagingConfig = defineConfig(
  z.object({
    logLevel: logLevelSchema
      .optional()
      .describe('Level of the service’s log lines; unset keeps the LOG_LEVEL it started with.'),
    resilience: resilienceConfig(messagingResilienceDefaults),
    relay: z
      .object({
        batchSize: z
          .number()
          .int()
          .min(1)
          .max(10_000)
          .default(500)
          .describe('Outbox rows the relay moves per transaction.'),
        retentionHours: z
          .number()
          .int()
          .min(1)
          .max(24 * 365)
          .default(168)
          .describe(
            'How long relayed outbox rows, processed-event ids and trace rows are kept, in hours.',
          ),
      })
      .default({ batchSize: 500, retentionHours: 168 })
      .describe('The outbox relay.'),
    webhooks: webhooksConfig.describe('Webhook deliveries and live streams to outside consumers.'),
  }),
);

export type MessagingConfig = z.output<typeof messagingConfig.schema>;
