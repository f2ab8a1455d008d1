import {
  createRoute,
  errorResponses,
  jsonBody,
  jsonResponse,
  propagationHeaders,
  type ServiceApp,
} from '@trellis/kit';
import type { UsersDeps } from '../../deps.ts';
import { assertStrongPassword, normalizeEmail, normalizeRoles } from '../../domain.ts';
import { hashPassword } from '../../password.ts';
import { insertUser } from '../../repository.ts';
import { presentUser, userEvent } from './present.ts';
import { CreateUserSchema, UserSchema } from './schema.ts';

export const createUserRoute = createRoute({
  method: 'post',
  path: '/v1/users',
  operationId: 'users.create',
  tags: ['users'],
  summary: 'Create a user',
  description:
    'While the live config `requireStrongPasswords` is on, a password shorter than 12 ' +
    'characters or made only of letters is refused with 422 naming `password`.',
  request: { body: jsonBody(CreateUserSchema) },
  responses: {
    201: jsonResponse(UserSchema, 'The user was created.'),
    ...errorResponses('conflict', 'unprocessable'),
  },
});

export function registerCreateUser(app: ServiceApp<UsersDeps>) {
  app.openapi(createUserRoute, async (c) => {
    const { db, now, passwordIterations, config } = c.get('deps');
    const body = c.req.valid('json');
    if (body.password && config.get().requireStrongPasswords) {
      assertStrongPassword(body.password);
    }
    const passwordHash = body.password
      ? await hashPassword(body.password, passwordIterations)
      : null;
    const headers = propagationHeaders();
    const row = await insertUser(
      db,
      {
        email: normalizeEmail(body.email),
        name: body.name,
        passwordHash,
        roles: normalizeRoles(body.roles ?? ['member']),
      },
      (user) => userEvent('user.created')(user, headers),
      now(),
    );
    c.header('location', `/v1/users/${row.id}`);
    return c.json(presentUser(row), 201);
  });
}
