import { propagationHeaders, type ServiceApp } from '@trellis/kit';
import { createdRoute, createOnce, secretDigest } from '@trellis/kit/idempotency';
import type { UsersDeps } from '../../deps.ts';
import { assertStrongPassword, normalizeEmail, normalizeRoles } from '../../domain.ts';
import { hashPassword } from '../../password.ts';
import { insertUser } from '../../repository/users.ts';
import { presentUser, userEvent } from './present.ts';
import { CreateUserSchema, UserSchema } from './schema.ts';

export const createUserRoute = createdRoute({
  path: '/v1/users',
  operationId: 'users.create',
  tags: ['users'],
  summary: 'Create a user',
  description:
    'While the live config `requireStrongPasswords` is on, a password shorter than 12 ' +
    'characters or made only of letters is refused with 422 naming `password`.',
  body: CreateUserSchema,
  created: { schema: UserSchema, description: 'The user was created, or this is a replay of it.' },
});

export function registerCreateUser(app: ServiceApp<UsersDeps>) {
  app.openapi(createUserRoute, async (c) => {
    const { db, now, passwordIterations, config, tokens } = c.get('deps');
    const body = c.req.valid('json');
    const password = body.password && (await secretDigest(tokens.secret, body.password));
    const headers = propagationHeaders();
    const user = await createOnce(c, db, now(), {
      operation: createUserRoute.operationId,
      // Never the password itself: a digest of the body is kept beside the key.
      body: { ...body, password },
      async prepare() {
        if (body.password && config.get().requireStrongPasswords) {
          assertStrongPassword(body.password);
        }
        return body.password ? await hashPassword(body.password, passwordIterations) : null;
      },
      async write(tx, passwordHash) {
        const row = await insertUser(
          tx,
          {
            email: normalizeEmail(body.email),
            name: body.name,
            passwordHash,
            roles: normalizeRoles(body.roles ?? ['member']),
          },
          (created) => userEvent('user.created')(created, headers),
          now(),
        );
        return { id: row.id, body: presentUser(row) };
      },
    });
    return c.json(user, 201);
  });
}
