import {
  createRoute,
  decodeCursor,
  errorResponses,
  jsonResponse,
  type ServiceApp,
  toPage,
} from '@trellis/kit';
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
    const after = decodeCursor(query.cursor, ['id']);
    const rows = await listUsers(c.get('deps').db, {
      ...(query.q ? { q: query.q } : {}),
      ...(query.status ? { status: query.status } : {}),
      limit: query.limit,
      ...(after ? { afterId: after.id } : {}),
    });
    const page = toPage(rows, query.limit, (row) => ({ id: row.id }));
    return c.json({ items: page.items.map(presentUser), nextCursor: page.nextCursor }, 200);
  });
}
