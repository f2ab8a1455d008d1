import { z } from '@trellis/kit';
import { UserSchema } from '../users/schema.ts';

export const CreateSessionSchema = z
  .object({
    email: z
      .email('must be an email address')
      .max(254)
      .openapi({ description: "The account's email.", example: 'admin@trellis.local' }),
    password: z
      .string()
      .min(1)
      .max(200)
      .openapi({ description: "The account's password.", example: 'trellis-admin' }),
  })
  .strict()
  .openapi('CreateSession');

export const SessionSchema = z
  .object({
    accessToken: z.string().openapi({
      description: 'HS256 JWT naming the user and roles.',
      example: 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.e30.sig',
    }),
    tokenType: z
      .literal('Bearer')
      .openapi({ description: 'Send as `Authorization: Bearer <token>`.', example: 'Bearer' }),
    expiresIn: z
      .number()
      .int()
      .openapi({ description: 'Seconds until the token expires.', example: 900 }),
    user: UserSchema,
  })
  .openapi('Session');
