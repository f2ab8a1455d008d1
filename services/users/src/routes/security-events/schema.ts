import { CursorSchema, LimitSchema, z } from '@trellis/kit';
import { securityActions, securityOutcomes } from '../../audit.ts';

export const SecurityActionSchema = z.enum(securityActions).openapi('SecurityAction', {
  description: 'What happened, or was refused.',
  example: 'session.sign_in',
});

export const SecurityEventSchema = z
  .object({
    id: z.string().openapi({
      description: 'Event id, sortable by time.',
      example: 'sev_0193a5b2c4d87e1f9a0b1c2d3e4f5a6b',
    }),
    at: z.iso.datetime().openapi({
      description: 'When (UTC).',
      example: '2026-11-26T09:30:00.000Z',
    }),
    action: SecurityActionSchema,
    outcome: z
      .enum(securityOutcomes)
      .openapi({ description: 'Whether it happened or was refused.', example: 'ok' }),
    actor: z.string().nullable().openapi({
      description: 'Who: `usr_…`, `service:<name>`, `<service> for usr_…`, `anonymous`, `system`.',
      example: 'usr_0193a5b2c4d87e1f9a0b1c2d3e4f5a6b',
    }),
    subject: z.string().nullable().openapi({
      description: 'What it was done to: a user, an API key, a signing key.',
      example: 'usr_0193a5b2c4d87e1f9a0b1c2d3e4f5a6c',
    }),
    sourceAddress: z.string().nullable().openapi({
      description: "The address of the request's connection.",
      example: '203.0.113.7',
    }),
    userAgent: z.string().nullable().openapi({
      description: 'The request’s User-Agent, up to 512 characters.',
      example: 'Mozilla/5.0',
    }),
    detail: z.record(z.string(), z.unknown()).openapi({
      description: 'What else is known: the reason of a refusal, the roles before and after…',
      example: { reason: 'wrong_password' },
    }),
  })
  .openapi('SecurityEvent');

export type SecurityEvent = z.infer<typeof SecurityEventSchema>;

export const ListSecurityEventsQuerySchema = z.object({
  action: SecurityActionSchema.optional(),
  subject: z.string().trim().min(1).max(100).optional().openapi({
    description: 'Only events about this user, key or signing key.',
    example: 'usr_0193a5b2c4d87e1f9a0b1c2d3e4f5a6b',
  }),
  limit: LimitSchema,
  cursor: CursorSchema,
});

export const SecurityEventPageSchema = z
  .object({
    items: z.array(SecurityEventSchema).openapi({ description: 'The events, newest first.' }),
    nextCursor: z
      .string()
      .nullable()
      .openapi({ description: 'Cursor of the next page; null on the last.', example: null }),
  })
  .openapi('SecurityEventPage');
