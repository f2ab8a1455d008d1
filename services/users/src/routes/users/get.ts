import {
  createRoute,
  errorResponses,
  etagOf,
  IfNoneMatchHeaderSchema,
  type ServiceApp,
  versionedResponse,
} from '@trellis/kit';
import type { UsersDeps } from '../../deps.ts';
import { UserNotFound } from '../../domain.ts';
import { findUserById } from '../../repository.ts';
import { presentUser } from './present.ts';
import { UserParamsSchema, UserSchema } from './schema.ts';

export const getUserRoute = createRoute({
  method: 'get',
  path: '/v1/users/{id}',
  operationId: 'users.get',
  tags: ['users'],
  summary: 'Get a user',
  request: { params: UserParamsSchema, headers: IfNoneMatchHeaderSchema },
  responses: {
    200: versionedResponse(UserSchema, 'The user; the ETag header carries its version.'),
    304: { description: 'Unchanged since the ETag in If-None-Match.' },
    ...errorResponses('not_found'),
  },
});

export function registerGetUser(app: ServiceApp<UsersDeps>) {
  app.openapi(getUserRoute, async (c) => {
    const { id } = c.req.valid('param');
    const row = await findUserById(c.get('deps').db, id);
    if (!row) {
      throw new UserNotFound(id);
    }
    const etag = etagOf(row.id, row.version);
    c.header('etag', etag);
    c.header('cache-control', 'private, no-cache');
    if (c.req.valid('header')['if-none-match'] === etag) {
      return c.body(null, 304);
    }
    return c.json(presentUser(row), 200);
  });
}
