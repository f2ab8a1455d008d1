import { CursorSchema, LimitSchema, z } from '@trellis/kit';
import { apiKeyScopes } from '../../api-keys.ts';

const ApiKeyIdSchema = z
  .string()
  .regex(/^key_[0-9a-f]{32}$/, 'must be an API key id (key_ followed by 32 hex digits)')
  .openapi({ description: 'API key id.', example: 'key_0193a5b2c4d87e1f9a0b1c2d3e4f5a6b' });

export const ApiKeyScopeSchema = z.enum(apiKeyScopes).openapi('ApiKeyScope', {
  description: '`<service>:read` allows GET and HEAD on the service, `<service>:write` the rest.',
  example: 'orders:read',
});

const timestamp = (description: string) =>
  z.iso.datetime().openapi({ description, example: '2026-11-26T09:30:00.000Z' });

export const ApiKeySchema = z
  .object({
    id: ApiKeyIdSchema,
    name: z.string().openapi({ description: 'What it is for.', example: 'Mobile app (iOS)' }),
    scopes: z
      .array(ApiKeyScopeSchema)
      .openapi({ description: 'What it may call.', example: ['orders:read', 'orders:write'] }),
    prefix: z.string().openapi({
      description: 'How the key begins, to recognise it; the secret is never shown again.',
      example: 'trk_live_key_0193a5b2c4d87e1f9a0b1c2d3e4f5a6b_…',
    }),
    status: z
      .enum(['active', 'revoked'])
      .openapi({ description: 'Revoked keys verify no more.', example: 'active' }),
    createdBy: z
      .string()
      .nullable()
      .openapi({ description: 'Who created it.', example: 'usr_0193a5b2c4d87e1f9a0b1c2d3e4f5a6b' }),
    createdAt: timestamp('When it was created (UTC).'),
    lastUsedAt: timestamp(
      'When it was last verified (UTC), to the minute; null if never.',
    ).nullable(),
    revokedAt: timestamp('When it was revoked (UTC); null while active.').nullable(),
  })
  .openapi('ApiKey');

export type ApiKey = z.infer<typeof ApiKeySchema>;

export const CreatedApiKeySchema = ApiKeySchema.extend({
  key: z.string().openapi({
    description: 'The key itself, `trk_live_<id>_<secret>`: shown this once, stored only hashed.',
    example:
      'trk_live_key_0193a5b2c4d87e1f9a0b1c2d3e4f5a6b_q3Jr0cD9yH1m4xK2vQeW7tZsB8nLpU5aF6gYoI0jRkE',
  }),
}).openapi('CreatedApiKey');

export const CreateApiKeySchema = z
  .object({
    name: z
      .string()
      .trim()
      .min(1)
      .max(100)
      .openapi({ description: 'What it is for.', example: 'Mobile app (iOS)' }),
    scopes: z
      .array(ApiKeyScopeSchema)
      .min(1)
      .max(apiKeyScopes.length)
      .openapi({ description: 'What it may call.', example: ['orders:read', 'orders:write'] }),
  })
  .strict()
  .openapi('CreateApiKey');

export const ApiKeyParamsSchema = z.object({
  id: ApiKeyIdSchema.openapi({ param: { name: 'id', in: 'path' } }),
});

export const ListApiKeysQuerySchema = z.object({ limit: LimitSchema, cursor: CursorSchema });

export const ApiKeyPageSchema = z
  .object({
    items: z.array(ApiKeySchema).openapi({ description: 'The keys on this page, newest first.' }),
    nextCursor: z
      .string()
      .nullable()
      .openapi({ description: 'Cursor of the next page; null on the last.', example: null }),
  })
  .openapi('ApiKeyPage');

export const VerifyApiKeySchema = z
  .object({
    key: z.string().min(1).max(300).openapi({
      description: 'The key a consumer presented.',
      example:
        'trk_live_key_0193a5b2c4d87e1f9a0b1c2d3e4f5a6b_q3Jr0cD9yH1m4xK2vQeW7tZsB8nLpU5aF6gYoI0jRkE',
    }),
  })
  .strict()
  .openapi('VerifyApiKey');

export const VerifiedApiKeySchema = ApiKeySchema.pick({
  id: true,
  name: true,
  scopes: true,
}).openapi('VerifiedApiKey');
