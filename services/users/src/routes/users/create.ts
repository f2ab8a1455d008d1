import {
  actingUser,
  callerOfRequest,
  describeCaller,
  holdsRole,
  type ServiceApp,
} from '@trellis/kit';
import { createdRoute, createOnce } from '@trellis/kit/idempotency';
import type { Context } from 'hono';
import { originOf, recordSecurityEvent } from '../../audit.ts';
import type { UsersDeps } from '../../deps.ts';
import {
  assertStrongPassword,
  normalizeEmail,
  normalizeRoles,
  RolesNeedAdmin,
} from '../../domain.ts';
import { hashPassword } from '../../password.ts';
import { insertUser } from '../../repository/users.ts';
import { userCreated } from '../../topics.ts';
import { presentUser, userEvent } from './present.ts';
import { CreateUserSchema, UserSchema } from './schema.ts';

export const createUserRoute = createdRoute({
  path: '/v1/users',
  operationId: 'users.create',
  tags: ['users'],
  summary: 'Create a user (sign up)',
  access: { public: true },
  description:
    'Anyone may sign up, as a member; `roles` is honoured only from an admin (403 naming ' +
    '`roles` from anyone else). While the live config `requireStrongPasswords` is on, a ' +
    'password shorter than 12 characters or made only of letters is refused with 422 naming ' +
    '`password`.',
  body: CreateUserSchema,
  created: { schema: UserSchema, description: 'The user was created, or this is a replay of it.' },
});

function assertMayGrant(c: Context, roles: unknown): void {
  if (roles !== undefined && !holdsRole(actingUser(c)?.roles ?? [], 'admin')) {
    throw new RolesNeedAdmin();
  }
}

export function registerCreateUser(app: ServiceApp<UsersDeps>) {
  app.openapi(createUserRoute, async (c) => {
    const { db, now, passwordIterations, config, digestSecret } = c.get('deps');
    const body = c.req.valid('json');
    assertMayGrant(c, body.roles);
    const password = body.password && (await digestSecret(body.password));
    const roles = normalizeRoles(body.roles ?? ['member']);
    const user = await createOnce(c, db, now(), {
      operation: createUserRoute.operationId,
      caller: describeCaller(callerOfRequest(c)),
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
          { email: normalizeEmail(body.email), name: body.name, passwordHash, roles },
          userEvent(userCreated),
          now(),
        );
        if (body.roles) {
          await recordSecurityEvent(
            tx,
            originOf(c),
            {
              action: 'user.roles_changed',
              outcome: 'ok',
              subject: row.id,
              detail: { from: [], to: roles },
            },
            now(),
          );
        }
        return { id: row.id, body: presentUser(row) };
      },
    });
    return c.json(user, 201);
  });
}
