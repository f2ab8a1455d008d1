import { createRoute, errorResponses, jsonResponse, listPage, type ServiceApp } from '@trellis/kit';
import type { UsersDeps } from '../../deps.ts';
import { listUsers } from '../../repository.ts';
import { presentUser } from './present.ts';
import { ListUsersQuerySchema, UserPageSchema } from './schema.ts';

export const listUsersRoute = createRoute({
  method: 'get',
  path: '/v1/users',
  operationId: 'users.list',
  tags: ['users'],
  summary: 'List and search users, newest first',
  request: { query: ListUsersQuerySchema },
  responses: {
    200: jsonResponse(UserPageSchema, 'One page of users.'),
    ...errorResponses(),
  },
});

export function registerListUsers(app: ServiceApp<UsersDeps>) {
  app.openapi(listUsersRoute, async (c) => {
    const query = c.req.valid('query');
    const page = await listPage({
      query,
      cursorKeys: ['id'],
      fetch: (limit, after) =>
        listUsers(c.get('deps').db, {
          ...(query.q ? { q: query.q } : {}),
          ...(query.status ? { status: query.status } : {}),
          limit,
          ...(after ? { afterId: after.id } : {}),
        }),
      positionOf: (row) => ({ id: row.id }),
      present: presentUser,
    });
    return c.json(page, 200);
  });
}
