import { z } from '@trellis/kit';

export const TopicSchema = z
  .object({
    name: z.string().openapi({ description: 'The topic: the event type.', example: 'order.paid' }),
    version: z.number().int().openapi({ description: 'Its schema’s version.', example: 1 }),
    description: z
      .string()
      .openapi({ description: 'What the event says happened.', example: 'An order was paid.' }),
    pushable: z.boolean().openapi({
      description: 'Whether outside consumers may receive it (webhooks, streams).',
      example: true,
    }),
    schema: z.record(z.string(), z.unknown()).openapi({
      description: 'The payload’s JSON Schema (draft 2020-12).',
      example: { type: 'object', properties: { id: { type: 'string' } }, required: ['id'] },
    }),
    publishedPerSecond: z.number().openapi({
      description: 'Events written to the outbox per second over the last minute.',
      example: 0.5,
    }),
  })
  .openapi('Topic');

export type TopicView = z.infer<typeof TopicSchema>;

export const TopicListSchema = z
  .object({ items: z.array(TopicSchema).openapi({ description: 'The topics, by name.' }) })
  .openapi('TopicList');
