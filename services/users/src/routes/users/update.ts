import {
  actingUser,
  assertOwns,
  createRoute,
  errorResponses,
  holdsRole,
  IfMatchHeaderSchema,
  jsonBody,
  type ServiceApp,
  versionedResponse,
} from '@trellis/kit';
import { originOf, recordSecurityEvent } from '../../audit.ts';
import type { UsersDeps } from '../../deps.ts';
import { normalizeEmail, normalizeRoles, RolesNeedAdmin } from '../../domain.ts';
import { userUpdated } from '../../topics.ts';
import { changeUser } from './change.ts';
import { presentUser } from './present.ts';
import { UpdateUserSchema, UserParamsSchema, UserSchema } from './schema.ts';

export const updateUserRoute = createRoute({
  method: 'patch',
  path: '/v1/users/{id}',
  operationId: 'users.update',
  tags: ['users'],
  summary: "Change a user's name, email or roles",
  description:
    'A member changes their own account, operators anyone’s; only an admin changes `roles` ' +
    '(403 naming `roles` otherwise).',
  access: { owner: true, role: 'operator' },
  request: {
    params: UserParamsSchema,
    headers: IfMatchHeaderSchema,
    body: jsonBody(UpdateUserSchema),
  },
  responses: {
    200: versionedResponse(UserSchema, 'The updated user.'),
    ...errorResponses('not_found', 'conflict', 'precondition_failed'),
  },
});

const sameRoles = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((role, i) => role === b[i]);

export function registerUpdateUser(app: ServiceApp<UsersDeps>) {
  app.openapi(updateUserRoute, async (c) => {
    const { id } = c.req.valid('param');
    assertOwns(c, id, 'an account');
    const { email, name, roles } = c.req.valid('json');
    if (roles && !holdsRole(actingUser(c)?.roles ?? [], 'admin')) {
      throw new RolesNeedAdmin();
    }
    const origin = originOf(c);
    const { now } = c.get('deps');
    const updated = await changeUser(c, id, {
      action: 'update',
      event: userUpdated,
      changes: () => ({
        ...(email ? { email: normalizeEmail(email) } : {}),
        ...(name ? { name } : {}),
        ...(roles ? { roles: normalizeRoles(roles) } : {}),
      }),
      along: async (tx, before, after) => {
        if (!sameRoles(before.roles, after.roles)) {
          await recordSecurityEvent(
            tx,
            origin,
            {
              action: 'user.roles_changed',
              outcome: 'ok',
              subject: id,
              detail: { from: before.roles, to: after.roles },
            },
            now(),
          );
        }
      },
    });
    return c.json(presentUser(updated), 200);
  });
}
