import {
  createRoute,
  errorResponses,
  idCursor,
  jsonResponse,
  listPage,
  type ServiceApp,
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
    const { db } = c.get('deps');
    const page = await listPage(c.req.valid('query'), idCursor, (query) => listUsers(db, query));
    return c.json({ ...page, items: page.items.map(presentUser) }, 200);
  });
}
