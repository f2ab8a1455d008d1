import { CursorSchema, LimitSchema, z } from '@trellis/kit';

const exampleTime = '2026-11-26T09:30:00.000Z';
const exampleEndpointId = 'whep_0193a5b2c4d87e1f9a0b1c2d3e4f';
const exampleDeliveryId = 'whdl_0193a5b2c4d87e1f9a0b1c2d3e4f';

export const EndpointIdSchema = z
  .string()
  .regex(/^whep_[0-9a-f]{32}$/, 'must be a webhook endpoint id (whep_ and 32 hex digits)')
  .openapi({ description: 'Webhook endpoint id.', example: exampleEndpointId });

export const DeliveryIdSchema = z
  .string()
  .regex(/^whdl_[0-9a-f]{32}$/, 'must be a webhook delivery id (whdl_ and 32 hex digits)')
  .openapi({ description: 'Webhook delivery id.', example: exampleDeliveryId });

export const EndpointParamsSchema = z.object({
  id: EndpointIdSchema.openapi({ param: { name: 'id', in: 'path' } }),
});

export const DeliveryParamsSchema = z.object({
  id: DeliveryIdSchema.openapi({ param: { name: 'id', in: 'path' } }),
});

const UrlSchema = z
  .string()
  .min(1)
  .max(2048)
  .openapi({
    description:
      'Where deliveries are POSTed (http or https). Its host must not resolve to a loopback, ' +
      'private, link-local, unique-local or metadata address unless config allows it.',
    example: 'https://hooks.example.com/trellis',
  });

const EventTypesSchema = z
  .array(z.string().min(1).max(100))
  .max(100)
  .openapi({
    description: 'Topics delivered (see `GET /v1/topics`); empty for every pushable topic.',
    example: ['order.paid', 'meeting.scheduled'],
  });

const DescriptionSchema = z
  .string()
  .max(500)
  .openapi({ description: 'What the endpoint is for.', example: 'Shop back office' });

export const EndpointScopeSchema = z.enum(['own', 'all']).openapi('WebhookEndpointScope', {
  description:
    '`own`: the events concerning the owner; `all`: every event of the types (admins only).',
  example: 'own',
});

export const WebhookEndpointSchema = z
  .object({
    id: EndpointIdSchema,
    ownerId: z.string().openapi({
      description: 'The user the endpoint belongs to.',
      example: 'usr_0193a5b2c4d87e1f9a0b1c2d3e4f5a6b',
    }),
    scope: EndpointScopeSchema,
    url: UrlSchema,
    description: DescriptionSchema,
    eventTypes: EventTypesSchema,
    status: z.enum(['enabled', 'disabled']).openapi({
      description: 'Disabled endpoints get nothing; one failing persistently is disabled.',
      example: 'enabled',
    }),
    disabledReason: z.string().nullable().openapi({
      description: 'Why it was disabled, when it was.',
      example: null,
    }),
    failingSince: z.iso.datetime().nullable().openapi({
      description: 'Since when every attempt has failed; null while deliveries succeed.',
      example: null,
    }),
    signingSecrets: z.number().int().openapi({
      description: 'How many secrets sign deliveries now: 2 during a rotation overlap.',
      example: 1,
    }),
    createdAt: z.iso.datetime().openapi({ description: 'When it was made.', example: exampleTime }),
    updatedAt: z.iso.datetime().openapi({ description: 'Last change.', example: exampleTime }),
    version: z.number().int().openapi({ description: 'Bumped on every change.', example: 1 }),
  })
  .openapi('WebhookEndpoint');

export type WebhookEndpoint = z.infer<typeof WebhookEndpointSchema>;

const SecretSchema = z.string().openapi({
  description:
    'The signing secret (Standard Webhooks `whsec_…`): shown this once, stored sealed. Verify ' +
    'deliveries with it (`new Webhook(secret).verify(body, headers)`).',
  example: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
});

export const WebhookEndpointWithSecretSchema = WebhookEndpointSchema.extend({
  secret: SecretSchema,
}).openapi('WebhookEndpointWithSecret');

export const CreateWebhookEndpointSchema = z
  .object({
    url: UrlSchema,
    description: DescriptionSchema.default(''),
    eventTypes: EventTypesSchema.default([]),
    scope: EndpointScopeSchema.default('own'),
  })
  .openapi('CreateWebhookEndpoint');

export const UpdateWebhookEndpointSchema = z
  .object({
    url: UrlSchema.optional(),
    description: DescriptionSchema.optional(),
    eventTypes: EventTypesSchema.optional(),
    status: z.enum(['enabled', 'disabled']).optional().openapi({
      description: 'Enabling a disabled endpoint clears its failure record.',
      example: 'enabled',
    }),
  })
  .openapi('UpdateWebhookEndpoint');

export const ListEndpointsQuerySchema = z.object({
  limit: LimitSchema,
  cursor: CursorSchema,
  ownerId: z.string().max(100).optional().openapi({
    description: "Only this user's endpoints (a member sees only their own anyway).",
    example: 'usr_0193a5b2c4d87e1f9a0b1c2d3e4f5a6b',
  }),
});

export const WebhookEndpointPageSchema = z
  .object({
    items: z.array(WebhookEndpointSchema).openapi({ description: 'The endpoints, newest first.' }),
    nextCursor: z
      .string()
      .nullable()
      .openapi({ description: 'Cursor of the next page; null on the last.', example: null }),
  })
  .openapi('WebhookEndpointPage');

export const WebhookAttemptSchema = z
  .object({
    attempt: z.number().int().openapi({ description: 'Attempt number, from 1.', example: 1 }),
    at: z.iso.datetime().openapi({ description: 'When it was made.', example: exampleTime }),
    statusCode: z.number().int().nullable().openapi({
      description: 'The HTTP status answered; null when none came.',
      example: 200,
    }),
    latencyMs: z.number().nullable().openapi({ description: 'Round trip.', example: 42.5 }),
    responseExcerpt: z.string().nullable().openapi({
      description: 'The first KiB of the answer.',
      example: 'ok',
    }),
    error: z.string().nullable().openapi({
      description: 'Why no answer came (timeout, refused address, connection error).',
      example: null,
    }),
  })
  .openapi('WebhookAttempt');

export const WebhookDeliverySchema = z
  .object({
    id: DeliveryIdSchema,
    endpointId: EndpointIdSchema,
    eventId: z.string().openapi({
      description: 'The event id, sent as `webhook-id` on every attempt and replay.',
      example: 'evt_0193a5b2c4d87e1f9a0b1c2d3e4f5a6b',
    }),
    topic: z.string().openapi({ description: 'The event type.', example: 'order.paid' }),
    payload: z.record(z.string(), z.unknown()).openapi({
      description: 'The event payload (`data` of the body).',
      example: { orderId: 'ord_0193a5b2c4d87e1f9a0b1c2d3e4f5a6b' },
    }),
    status: z.enum(['pending', 'succeeded', 'failed']).openapi({
      description: 'pending while attempts remain; failed once the schedule is exhausted.',
      example: 'succeeded',
    }),
    attempts: z.number().int().openapi({ description: 'Attempts made.', example: 1 }),
    nextAttemptAt: z.iso.datetime().nullable().openapi({
      description: 'When the next attempt is due, while pending.',
      example: null,
    }),
    lastStatusCode: z
      .number()
      .int()
      .nullable()
      .openapi({ description: 'Last status.', example: 200 }),
    lastLatencyMs: z.number().nullable().openapi({ description: 'Last latency.', example: 42.5 }),
    lastResponse: z.string().nullable().openapi({ description: 'Last excerpt.', example: 'ok' }),
    lastError: z.string().nullable().openapi({ description: 'Last error.', example: null }),
    attemptLog: z.array(WebhookAttemptSchema).openapi({
      description: 'Every attempt, newest first (the last 20).',
      example: [],
    }),
    createdAt: z.iso.datetime().openapi({ description: 'When it was made.', example: exampleTime }),
    updatedAt: z.iso.datetime().openapi({ description: 'Last change.', example: exampleTime }),
  })
  .openapi('WebhookDelivery');

export type WebhookDelivery = z.infer<typeof WebhookDeliverySchema>;

export const ListDeliveriesQuerySchema = z.object({
  limit: LimitSchema,
  cursor: CursorSchema,
  status: z.enum(['pending', 'succeeded', 'failed']).optional().openapi({
    description: 'Only deliveries in this status.',
    example: 'failed',
  }),
});

export const WebhookDeliveryPageSchema = z
  .object({
    items: z.array(WebhookDeliverySchema).openapi({ description: 'The deliveries, newest first.' }),
    nextCursor: z
      .string()
      .nullable()
      .openapi({ description: 'Cursor of the next page; null on the last.', example: null }),
  })
  .openapi('WebhookDeliveryPage');
