import {
  changeVersioned,
  createRoute,
  errorResponses,
  etagOf,
  IfMatchHeaderSchema,
  jsonBody,
  jsonResponse,
  propagationHeaders,
  type ServiceApp,
} from '@trellis/kit';
import type { UsersDeps } from '../../deps.ts';
import {
  normalizeEmail,
  normalizeRoles,
  UserChangedMeanwhile,
  UserNotFound,
} from '../../domain.ts';
import { findUserById, updateUser } from '../../repository.ts';
import { presentUser, userEvent } from './present.ts';
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
    200: jsonResponse(UserSchema, 'The updated user.'),
    ...errorResponses('not_found', 'conflict', 'precondition_failed'),
  },
});

export function registerUpdateUser(app: ServiceApp<UsersDeps>) {
  app.openapi(updateUserRoute, async (c) => {
    const { db, now } = c.get('deps');
    const { id } = c.req.valid('param');
    const body = c.req.valid('json');
    const headers = propagationHeaders();
    const updated = await changeVersioned({
      ifMatch: c.req.valid('header')['if-match'],
      read: () => findUserById(db, id),
      notFound: () => new UserNotFound(id),
      write: (current) =>
        updateUser(
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
        ),
      lostRace: () => new UserChangedMeanwhile(id, 'update'),
    });
    c.header('etag', etagOf(updated.id, updated.version));
    return c.json(presentUser(updated), 200);
  });
}
