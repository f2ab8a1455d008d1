import { z } from '@trellis/kit';

export const CreateGreetingSchema = z
  .object({
    name: z.string().min(1).max(100).openapi({ description: 'Who to greet.', example: 'Ada' }),
  })
  .strict()
  .openapi('CreateGreeting');

export const GreetingSchema = z
  .object({
    message: z.string().openapi({ description: 'The greeting.', example: 'Hello, Ada!' }),
    greetedAt: z.iso.datetime().openapi({
      description: 'When the greeting was made, in UTC.',
      example: '2026-11-26T10:00:00.000Z',
    }),
  })
  .openapi('Greeting');

export type Greeting = z.infer<typeof GreetingSchema>;
