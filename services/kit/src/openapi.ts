import { z } from '@hono/zod-openapi';
import { problemType } from './errors.ts';

export const FieldErrorSchema = z
  .object({
    in: z.enum(['body', 'query', 'path', 'header']).optional().openapi({
      description: 'Where the offending field is.',
      example: 'body',
    }),
    path: z
      .string()
      .openapi({ description: 'The field, as `items[0].quantity`.', example: 'email' }),
    message: z.string().openapi({ description: 'What is wrong with it.', example: 'is required' }),
  })
  .openapi('FieldError');

export const ProblemSchema = z
  .object({
    type: z.string().openapi({
      description: 'URI naming the kind of problem.',
      example: problemType('bad_request'),
    }),
    title: z
      .string()
      .openapi({ description: 'Short summary of the kind.', example: 'Bad request' }),
    status: z.number().int().openapi({ description: 'The HTTP status.', example: 400 }),
    detail: z.string().openapi({
      description: 'What went wrong in this occurrence.',
      example: 'The request body is invalid: email.',
    }),
    instance: z.string().optional().openapi({
      description: 'The request path.',
      example: '/v1/users',
    }),
    errors: z.array(FieldErrorSchema).openapi({ description: 'Field-level errors, if any.' }),
    traceId: z.string().optional().openapi({
      description: 'W3C trace id of the request, for finding it in logs and traces.',
      example: '4bf92f3577b34da6a3ce929d0e0e4736',
    }),
  })
  .catchall(z.unknown())
  .openapi('Problem', { description: 'An RFC 9457 problem document.' });

export type ProblemBody = z.infer<typeof ProblemSchema>;

/** A JSON response spec, for brevity in route definitions. */
export function jsonResponse<T extends z.ZodType>(schema: T, description: string) {
  return { description, content: { 'application/json': { schema } } };
}

/** A required JSON request body: a missing or non-JSON body is a 400, never an empty object. */
export function jsonBody<T extends z.ZodType>(schema: T, description?: string) {
  return {
    required: true,
    ...(description ? { description } : {}),
    content: { 'application/json': { schema } },
  };
}

export const IdempotencyKeyHeaderSchema = z.object({
  'idempotency-key': z
    .string()
    .min(8)
    .max(200)
    .regex(/^[\x21-\x7e]+$/, 'must be printable ASCII without spaces')
    .optional()
    .openapi({
      description:
        'Makes the request safe to retry: the same key with the same body returns the first result.',
      example: '5b0f2d6e-4c1a-4a49-9a53-3c2a0f3b8a7e',
    }),
});
