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

export const RefreshTokenRequestSchema = z
  .object({
    refreshToken: z.string().min(1).max(200).openapi({
      description: 'The refresh token of the session, as the last sign-in or refresh gave it.',
      example: 'q3Jr0cD9yH1m4xK2vQeW7tZsB8nLpU5aF6gYoI0jRkE',
    }),
  })
  .strict()
  .openapi('RefreshTokenRequest');

export const SessionSchema = z
  .object({
    accessToken: z.string().openapi({
      description:
        'EdDSA JWT (`iss: trellis-users`, `aud: trellis`, `sub`, `email`, `roles`, `sid`), ' +
        'verified against `GET /.well-known/jwks.json`.',
      example: 'eyJhbGciOiJFZERTQSIsInR5cCI6IkpXVCIsImtpZCI6Ii4uLiJ9.e30.sig',
    }),
    refreshToken: z.string().openapi({
      description:
        'Opaque; spent by its one use at `POST /v1/sessions/refresh`, which gives the next one. ' +
        'Presenting a spent one again ends the session.',
      example: 'q3Jr0cD9yH1m4xK2vQeW7tZsB8nLpU5aF6gYoI0jRkE',
    }),
    tokenType: z
      .literal('Bearer')
      .openapi({ description: 'Send as `Authorization: Bearer <token>`.', example: 'Bearer' }),
    expiresIn: z
      .number()
      .int()
      .openapi({ description: 'Seconds until the access token expires.', example: 900 }),
    refreshExpiresIn: z
      .number()
      .int()
      .openapi({ description: 'Seconds until the refresh token expires.', example: 2_592_000 }),
    user: UserSchema,
  })
  .openapi('Session');
