import {
  createRoute,
  errorResponses,
  IfMatchHeaderSchema,
  jsonBody,
  type ServiceApp,
  versionedResponse,
} from '@trellis/kit';
import type { UsersDeps } from '../../deps.ts';
import { normalizeEmail, normalizeRoles } from '../../domain.ts';
import { changeUser } from './change.ts';
import { presentUser } from './present.ts';
import { UpdateUserSchema, UserParamsSchema, UserSchema } from './schema.ts';

export const updateUserRoute = createRoute({
  method: 'patch',
  path: '/v1/users/{id}',
  operationId: 'users.update',
  tags: ['users'],
  summary: "Change a user's name, email or roles",
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

export function registerUpdateUser(app: ServiceApp<UsersDeps>) {
  app.openapi(updateUserRoute, async (c) => {
    const { id } = c.req.valid('param');
    const { email, name, roles } = c.req.valid('json');
    const changes = () => ({
      ...(email ? { email: normalizeEmail(email) } : {}),
      ...(name ? { name } : {}),
      ...(roles ? { roles: normalizeRoles(roles) } : {}),
    });
    const updated = await changeUser(c, id, 'update', changes, 'user.updated');
    return c.json(presentUser(updated), 200);
  });
}
