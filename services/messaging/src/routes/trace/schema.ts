import { schema } from '@trellis/db';
import { utcDateTime, z } from '@trellis/kit';

const { messageTrace } = schema;

export const TraceQuerySchema = z
  .object({
    eventId: z.string().trim().min(1).max(100).optional().openapi({
      description: 'One event’s life.',
      example: 'evt_0193a5b2c4d87e1f9a0b1c2d3e4f5a6b',
    }),
    key: z.string().trim().min(1).max(200).optional().openapi({
      description: 'The events of one ordering key in the range.',
      example: 'ord_0193a5b2c4d87e1f9a0b1c2d3e4f5a6b',
    }),
    topic: z.string().trim().min(1).max(200).optional().openapi({
      description: 'The events of one topic in the range.',
      example: 'order.paid',
    }),
    from: utcDateTime().optional().openapi({
      description: 'Start of the range (UTC); an hour before `to` by default.',
      example: '2026-11-26T09:00:00.000Z',
    }),
    to: utcDateTime().optional().openapi({
      description: 'End of the range (UTC); now by default.',
      example: '2026-11-26T10:00:00.000Z',
    }),
    limit: z.coerce.number().int().min(1).max(200).default(50).openapi({
      description: 'At most this many events, newest first.',
      example: 50,
    }),
  })
  .refine((query) => query.eventId || query.key || query.topic, {
    path: ['eventId'],
    message: 'give eventId, key or topic',
  })
  .refine((query) => !query.from || !query.to || new Date(query.from) <= new Date(query.to), {
    path: ['to'],
    message: 'must not be before from',
  });

export const TraceStageSchema = z
  .object({
    stage: z
      // The stages the trace table takes, so a new one cannot be left out of the contract.
      .enum(messageTrace.stage.enumValues)
      .openapi({ description: 'What happened.', example: 'handled' }),
    subscription: z.string().nullable().openapi({
      description: 'Which subscription; null before any (committed, relayed).',
      example: 'orders/user.suspended',
    }),
    attempt: z.number().int().nullable().openapi({ description: 'Which attempt.', example: 1 }),
    at: z.iso
      .datetime()
      .openapi({ description: 'When (UTC).', example: '2026-11-26T10:00:00.012Z' }),
    durationMs: z.number().nullable().openapi({ description: 'How long it took.', example: 3.2 }),
    error: z
      .string()
      .nullable()
      .openapi({ description: 'The error, if it failed.', example: null }),
    actor: z.string().nullable().openapi({
      description: 'Who did it, for an operator’s replay, edit or discard.',
      example: null,
    }),
  })
  .openapi('TraceStage');

export const TracedEventSchema = z
  .object({
    eventId: z.string().openapi({ description: 'The event.', example: 'evt_0193a5b2c4d8' }),
    topic: z.string().openapi({ description: 'Its topic.', example: 'order.paid' }),
    key: z.string().nullable().openapi({ description: 'Its ordering key.', example: 'ord_0193' }),
    committedAt: z.iso.datetime().nullable().openapi({
      description: 'When its transaction wrote it; null once retention removed the outbox row.',
      example: '2026-11-26T10:00:00.000Z',
    }),
    relayedAt: z.iso.datetime().nullable().openapi({
      description: 'When the relay moved it to the subscriptions; null while pending.',
      example: '2026-11-26T10:00:00.004Z',
    }),
    stages: z.array(TraceStageSchema).openapi({ description: 'Every stage, in order.' }),
  })
  .openapi('TracedEvent');

export type TracedEvent = z.infer<typeof TracedEventSchema>;

export const TraceSchema = z
  .object({
    items: z.array(TracedEventSchema).openapi({ description: 'The events found, newest first.' }),
  })
  .openapi('Trace');
