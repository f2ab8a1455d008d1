import {
  ApiError,
  assertIfMatch,
  createRoute,
  errorResponses,
  etagOf,
  jsonBody,
  jsonResponse,
  propagationHeaders,
  type ServiceApp,
} from '@trellis/kit';
import type { UsersDeps } from '../../deps.ts';
import { normalizeEmail, normalizeRoles, UserNotFound } from '../../domain.ts';
import { findUserById, updateUser } from '../../repository.ts';
import { presentUser, userEvent } from './present.ts';
import { IfMatchHeaderSchema, UpdateUserSchema, UserParamsSchema, UserSchema } from './schema.ts';

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
    200: jsonResponse(UserSchema, 'The updated user.'),
    ...errorResponses('not_found', 'conflict', 'precondition_failed'),
  },
});

export function registerUpdateUser(app: ServiceApp<UsersDeps>) {
  app.openapi(updateUserRoute, async (c) => {
    const { db, now } = c.get('deps');
    const { id } = c.req.valid('param');
    const body = c.req.valid('json');
    const current = await findUserById(db, id);
    if (!current) {
      throw new UserNotFound(id);
    }
    assertIfMatch(c.req.valid('header')['if-match'], etagOf(current.id, current.version));
    const headers = propagationHeaders();
    const updated = await updateUser(
      db,
      id,
      current.version,
      {
        ...(body.email ? { email: normalizeEmail(body.email) } : {}),
        ...(body.name ? { name: body.name } : {}),
        ...(body.roles ? { roles: normalizeRoles(body.roles) } : {}),
      },
      (row) => userEvent('user.updated')(row, headers),
      now(),
    );
    if (!updated) {
      throw new ApiError('precondition_failed', {
        detail: 'The user changed while this update was being applied; read it again and retry.',
      });
    }
    c.header('etag', etagOf(updated.id, updated.version));
    return c.json(presentUser(updated), 200);
  });
}
