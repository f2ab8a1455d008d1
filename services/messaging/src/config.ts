import { defineConfig, logLevelSchema, resilienceConfig, z } from '@trellis/kit';
import { messagingResilienceDefaults } from './resilience.ts';

/** Svix's schedule: at once, 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h (about 27.5 hours). */
export const defaultWebhookRetrySeconds = [0, 5, 300, 1800, 7200, 18_000, 36_000, 36_000];

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
    webhooks: z
      .object({
        retrySchedule: z
          .array(
            z
              .number()
              .int()
              .min(0)
              .max(7 * 24 * 3600),
          )
          .min(1)
          .max(20)
          .default(defaultWebhookRetrySeconds)
          .describe(
            'Seconds to wait before each attempt of a delivery, the first included (0: at once).',
          ),
        allowPrivateTargets: z
          .boolean()
          .default(false)
          .describe(
            'Whether endpoints may resolve to loopback, private, link-local or metadata ' +
              'addresses. Off in production (SSRF); tests turn it on for 127.0.0.1.',
          ),
        disableAfterHours: z
          .number()
          .min(0.001)
          .max(24 * 90)
          .default(120)
          .describe('An endpoint failing every delivery for this long is disabled, in hours.'),
        disableAfterExhausted: z
          .number()
          .int()
          .min(1)
          .max(1000)
          .default(20)
          .describe(
            'An endpoint is disabled after this many deliveries in a row ran out of attempts.',
          ),
      })
      .default({
        retrySchedule: defaultWebhookRetrySeconds,
        allowPrivateTargets: false,
        disableAfterHours: 120,
        disableAfterExhausted: 20,
      })
      .describe('Webhook deliveries to outside consumers.'),
  }),
);

export type MessagingConfig = z.output<typeof messagingConfig.schema>;
