import { z } from '@trellis/kit';

export const SubscriptionSchema = z
  .object({
    id: z.string().openapi({
      description: 'The subscription: `<group>/<topic>`, `/<instance>` added for broadcast.',
      example: 'orders/user.suspended',
    }),
    topic: z.string().openapi({ description: 'The topic it takes.', example: 'user.suspended' }),
    group: z.string().openapi({ description: 'The consumer group.', example: 'orders' }),
    service: z
      .string()
      .openapi({ description: 'The service that declared it.', example: 'orders' }),
    mode: z.enum(['cluster', 'broadcast']).openapi({
      description:
        '`cluster`: one instance of the group handles each event; `broadcast`: every one.',
      example: 'cluster',
    }),
    ordered: z.boolean().openapi({
      description: 'Whether one key’s events are handled one at a time in commit order.',
      example: false,
    }),
    queue: z
      .string()
      .openapi({ description: 'Its BullMQ queue.', example: '{orders/user.suspended}' }),
    options: z.record(z.string(), z.unknown()).openapi({
      description: 'Its options as declared (retry policy, concurrency).',
      example: { concurrency: 10 },
    }),
    seenAt: z.iso.datetime().openapi({
      description: 'When a consumer last declared or refreshed it (UTC).',
      example: '2026-11-26T10:00:00.000Z',
    }),
    waiting: z.number().int().nullable().openapi({
      description: 'Jobs waiting; null when the queues are not reachable.',
      example: 3,
    }),
    active: z.number().int().nullable().openapi({ description: 'Jobs being handled.', example: 1 }),
    delayed: z
      .number()
      .int()
      .nullable()
      .openapi({ description: 'Jobs waiting for a retry or a delivery time.', example: 0 }),
    failed: z
      .number()
      .int()
      .nullable()
      .openapi({ description: 'Jobs BullMQ keeps as failed (bounded).', example: 0 }),
    lagSeconds: z.number().nullable().openapi({
      description: 'Age of the oldest waiting job, in seconds; 0 when none waits.',
      example: 0.2,
    }),
    deadLetters: z
      .number()
      .int()
      .openapi({ description: 'Dead letters waiting for an operator.', example: 0 }),
    processedPerSecond: z.number().openapi({
      description: 'Events handled per second over the last minute.',
      example: 12.5,
    }),
    failedPerSecond: z.number().openapi({
      description: 'Failed attempts per second over the last minute.',
      example: 0,
    }),
  })
  .openapi('Subscription');

export type SubscriptionView = z.infer<typeof SubscriptionSchema>;

export const SubscriptionListSchema = z
  .object({
    items: z.array(SubscriptionSchema).openapi({ description: 'Every subscription, by id.' }),
  })
  .openapi('SubscriptionList');
