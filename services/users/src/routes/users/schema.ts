import { CursorSchema, LimitSchema, z } from '@trellis/kit';
import { initialUserStatus, userRoles, userStatuses } from '../../lifecycle.ts';

export const UserIdSchema = z
  .string()
  .regex(/^usr_[0-9a-f]{32}$/, 'must be a user id (usr_ followed by 32 hex digits)')
  .openapi({ description: 'User id.', example: 'usr_0193a5b2c4d87e1f9a0b1c2d3e4f5a6b' });

export const RoleSchema = z
  .enum(userRoles)
  .openapi('Role', { description: 'What the user may do in Trellis.', example: 'member' });

export const UserStatusSchema = z.enum(userStatuses).openapi('UserStatus', {
  description: 'Suspended users cannot sign in or order.',
  example: initialUserStatus,
});

export const UserSchema = z
  .object({
    id: UserIdSchema,
    email: z
      .email()
      .openapi({ description: 'Unique, compared case-insensitively.', example: 'ada@example.com' }),
    name: z.string().openapi({ description: 'Display name.', example: 'Ada Lovelace' }),
    status: UserStatusSchema,
    roles: z.array(RoleSchema).openapi({ description: 'Granted roles.', example: ['member'] }),
    version: z
      .number()
      .int()
      .openapi({ description: 'Bumped on every change; the ETag carries it.', example: 1 }),
    createdAt: z.iso.datetime().openapi({
      description: 'When the user was created (UTC).',
      example: '2026-11-26T09:30:00.000Z',
    }),
    updatedAt: z.iso.datetime().openapi({
      description: 'When the user last changed (UTC).',
      example: '2026-11-26T09:30:00.000Z',
    }),
  })
  .openapi('User');

export type User = z.infer<typeof UserSchema>;

const PasswordSchema = z.string().min(8, 'must be at least 8 characters').max(200).openapi({
  description: 'Sign-in password, 8 to 200 characters. Never returned.',
  example: 'correct horse battery',
});

export const CreateUserSchema = z
  .object({
    email: z
      .email('must be an email address')
      .max(254)
      .openapi({ description: 'Unique email.', example: 'ada@example.com' }),
    name: z
      .string()
      .trim()
      .min(1)
      .max(120)
      .openapi({ description: 'Display name.', example: 'Ada Lovelace' }),
    password: PasswordSchema.optional(),
    roles: z
      .array(RoleSchema)
      .min(1)
      .max(3)
      .optional()
      .openapi({ description: 'Defaults to member.', example: ['member'] }),
  })
  .strict()
  .openapi('CreateUser');

export const UpdateUserSchema = z
  .object({
    email: z
      .email('must be an email address')
      .max(254)
      .optional()
      .openapi({ description: 'New email.', example: 'ada@example.org' }),
    name: z
      .string()
      .trim()
      .min(1)
      .max(120)
      .optional()
      .openapi({ description: 'New display name.', example: 'Ada King' }),
    roles: z
      .array(RoleSchema)
      .min(1)
      .max(3)
      .optional()
      .openapi({ description: 'Replaces the roles.', example: ['member', 'operator'] }),
  })
  .strict()
  .refine((value) => Object.keys(value).length > 0, {
    message: 'must change at least one field',
    path: [],
  })
  .openapi('UpdateUser');

export const UserParamsSchema = z.object({
  id: UserIdSchema.openapi({ param: { name: 'id', in: 'path' } }),
});

export const ListUsersQuerySchema = z.object({
  q: z
    .string()
    .trim()
    .max(100)
    .optional()
    .openapi({ description: 'Matches name or email, case-insensitively.', example: 'ada' }),
  status: UserStatusSchema.optional(),
  limit: LimitSchema,
  cursor: CursorSchema,
});

export const UserPageSchema = z
  .object({
    items: z.array(UserSchema).openapi({ description: 'The users on this page, newest first.' }),
    nextCursor: z
      .string()
      .nullable()
      .openapi({ description: 'Cursor of the next page; null on the last.', example: null }),
  })
  .openapi('UserPage');

export const LookupUsersSchema = z
  .object({
    ids: z
      .array(UserIdSchema)
      .min(1)
      .max(100)
      .openapi({
        description: '1 to 100 user ids.',
        example: ['usr_0193a5b2c4d87e1f9a0b1c2d3e4f5a6b'],
      }),
  })
  .strict()
  .openapi('LookupUsers');

export const LookupResultSchema = z
  .object({
    items: z.array(UserSchema).openapi({ description: 'The users found, in the order asked.' }),
    missing: z.array(z.string()).openapi({ description: 'Ids with no user.', example: [] }),
  })
  .openapi('UserLookupResult');
