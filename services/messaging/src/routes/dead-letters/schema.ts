import { CursorSchema, LimitSchema, utcDateTime, z } from '@trellis/kit';

const statuses = ['dead', 'replayed', 'discarded'] as const;

export const DeadLetterStatusSchema = z.enum(statuses).openapi('DeadLetterStatus', {
  description: '`dead`: waiting for an operator; `replayed` or `discarded` by one.',
  example: 'dead',
});

export const DeadLetterAttemptSchema = z
  .object({
    attempt: z.number().int().openapi({ description: 'Which attempt, from 1.', example: 1 }),
    at: z
      .string()
      .openapi({ description: 'When it ran (UTC).', example: '2026-11-26T10:00:00.000Z' }),
    durationMs: z.number().openapi({ description: 'How long the handler ran.', example: 12.5 }),
    error: z.string().openapi({ description: 'What it threw.', example: 'order not found' }),
  })
  .openapi('DeadLetterAttempt');

export const DeadLetterSchema = z
  .object({
    id: z.string().openapi({
      description: 'The dead letter.',
      example: 'dlq_0193a5b2c4d87e1f9a0b1c2d3e4f5a6b',
    }),
    subscription: z
      .string()
      .openapi({ description: 'The subscription that gave up.', example: 'orders/user.suspended' }),
    eventId: z.string().openapi({
      description: 'The event: kept on replay, so idempotent handlers stay correct.',
      example: 'evt_0193a5b2c4d87e1f9a0b1c2d3e4f5a6b',
    }),
    topic: z.string().openapi({ description: 'Its topic.', example: 'user.suspended' }),
    topicVersion: z.number().int().openapi({ description: 'Its schema version.', example: 1 }),
    key: z.string().nullable().openapi({ description: 'Its ordering key.', example: 'usr_0193' }),
    status: DeadLetterStatusSchema,
    lastError: z.string().openapi({ description: 'The last attempt’s error.', example: 'timeout' }),
    attemptCount: z.number().int().openapi({ description: 'Attempts made.', example: 16 }),
    createdAt: z.iso.datetime().openapi({
      description: 'When it was dead-lettered (UTC).',
      example: '2026-11-26T10:00:00.000Z',
    }),
    editedAt: z.iso.datetime().nullable().openapi({
      description: 'When an operator edited its payload, if one did.',
      example: null,
    }),
    resolvedAt: z.iso.datetime().nullable().openapi({
      description: 'When it was replayed or discarded.',
      example: null,
    }),
    resolvedBy: z
      .string()
      .nullable()
      .openapi({ description: 'Who replayed or discarded it.', example: null }),
  })
  .openapi('DeadLetter');

export const DeadLetterDetailSchema = DeadLetterSchema.extend({
  payload: z.record(z.string(), z.unknown()).openapi({
    description: 'The event’s payload, as it will be resent.',
    example: { id: 'usr_0193' },
  }),
  headers: z.record(z.string(), z.string()).openapi({
    description: 'Trace context and request id of the request that caused the event.',
    example: { traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01' },
  }),
  attempts: z.array(DeadLetterAttemptSchema).openapi({ description: 'Every attempt, in order.' }),
}).openapi('DeadLetterDetail');

export type DeadLetter = z.infer<typeof DeadLetterSchema>;
export type DeadLetterDetail = z.infer<typeof DeadLetterDetailSchema>;

const subscriptionFilter = z.string().trim().min(1).max(300).openapi({
  description: 'Only this subscription’s.',
  example: 'orders/user.suspended',
});
const topicFilter = z
  .string()
  .trim()
  .min(1)
  .max(200)
  .openapi({ description: 'Only this topic’s.', example: 'user.suspended' });

export const ListDeadLettersQuerySchema = z.object({
  subscription: subscriptionFilter.optional(),
  topic: topicFilter.optional(),
  status: DeadLetterStatusSchema.optional(),
  limit: LimitSchema,
  cursor: CursorSchema,
});

export const DeadLetterPageSchema = z
  .object({
    items: z.array(DeadLetterSchema).openapi({ description: 'The dead letters, newest first.' }),
    nextCursor: z
      .string()
      .nullable()
      .openapi({ description: 'Cursor of the next page; null on the last.', example: null }),
  })
  .openapi('DeadLetterPage');

export const DeadLetterParamsSchema = z.object({
  id: z
    .string()
    .min(1)
    .max(100)
    .regex(/^[A-Za-z0-9_-]+$/, 'must be a dead letter id')
    .openapi({
      param: { name: 'id', in: 'path' },
      description: 'The dead letter.',
      example: 'dlq_0193a5b2c4d87e1f9a0b1c2d3e4f5a6b',
    }),
});

export const ResendDeadLetterSchema = z
  .object({
    payload: z.record(z.string(), z.unknown()).openapi({
      description:
        'The payload to send instead, validated against the topic’s schema when the topic is known.',
      example: { id: 'usr_0193' },
    }),
  })
  .strict()
  .openapi('ResendDeadLetter');

export const ReplayDeadLettersSchema = z
  .object({
    subscription: subscriptionFilter.optional(),
    topic: topicFilter.optional(),
    createdFrom: utcDateTime().optional().openapi({
      description: 'Only those dead-lettered at or after this time (UTC).',
      example: '2026-11-26T00:00:00.000Z',
    }),
    createdTo: utcDateTime().optional().openapi({
      description: 'Only those dead-lettered at or before this time (UTC).',
      example: '2026-11-27T00:00:00.000Z',
    }),
    limit: z.number().int().min(1).max(1000).default(100).openapi({
      description: 'At most this many, oldest first; send again for the rest.',
      example: 100,
    }),
  })
  .strict()
  .refine(
    (body) =>
      !body.createdFrom ||
      !body.createdTo ||
      new Date(body.createdFrom) <= new Date(body.createdTo),
    {
      path: ['createdTo'],
      message: 'must not be before createdFrom',
    },
  )
  .openapi('ReplayDeadLetters');

export const ReplayedDeadLettersSchema = z
  .object({
    replayed: z.number().int().openapi({ description: 'How many were replayed.', example: 2 }),
    items: z.array(DeadLetterSchema).openapi({ description: 'The replayed dead letters.' }),
  })
  .openapi('ReplayedDeadLetters');
