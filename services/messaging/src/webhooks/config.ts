import { z } from '@trellis/kit';

/** Svix's schedule: at once, then 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h (≈ 27.5 h). */
export const defaultRetrySchedule = [
  0, 5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 36_000_000,
];

/** The `webhooks` section of the messaging service's live config. */
export const webhooksConfig = z
  .object({
    retrySchedule: z
      .array(
        z
          .number()
          .int()
          .min(0)
          .max(7 * 24 * 3_600_000),
      )
      .min(1)
      .max(30)
      .default(defaultRetrySchedule)
      .describe(
        'Delay in ms before each attempt of a delivery, the first included; its length is the ' +
          'number of attempts.',
      ),
    timeoutMs: z
      .number()
      .int()
      .min(100)
      .max(60_000)
      .default(10_000)
      .describe('How long one attempt waits for the answer.'),
    allowPrivateTargets: z
      .array(z.string().max(64))
      .max(100)
      .default([])
      .describe(
        'Addresses or CIDR ranges (`127.0.0.1`, `10.0.0.0/8`, `::1/128`) endpoints may reach ' +
          'although they are loopback, private, link-local, unique-local or metadata; `*` allows ' +
          'every address. Empty refuses them all (SSRF).',
      ),
    disableAfterHours: z
      .number()
      .min(0)
      .max(720)
      .default(120)
      .describe('An endpoint failing every delivery for longer than this is disabled.'),
    disableAfterFailedDeliveries: z
      .number()
      .int()
      .min(1)
      .max(1000)
      .default(20)
      .describe('An endpoint whose last this many deliveries all failed is disabled.'),
    rotationOverlapHours: z
      .number()
      .min(0)
      .max(720)
      .default(24)
      .describe('How long the previous secret still signs after a rotation.'),
    streamHeartbeatSeconds: z
      .number()
      .min(1)
      .max(300)
      .default(15)
      .describe('Interval of the `: ping` comment on `GET /v1/streams/me`.'),
  })
  .default({
    retrySchedule: defaultRetrySchedule,
    timeoutMs: 10_000,
    allowPrivateTargets: [],
    disableAfterHours: 120,
    disableAfterFailedDeliveries: 20,
    rotationOverlapHours: 24,
    streamHeartbeatSeconds: 15,
  });

export type WebhooksConfig = z.output<typeof webhooksConfig>;
