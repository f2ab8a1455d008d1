import { idCursor, listRoute, registerList, type ServiceApp } from '@trellis/kit';
import type { UsersDeps } from '../../deps.ts';
import { listUsers } from '../../repository/users.ts';
import { presentUser } from './present.ts';
import { ListUsersQuerySchema, UserPageSchema } from './schema.ts';

export const listUsersRoute = listRoute({
  operationId: 'users.list',
  summary: 'List and search users, newest first',
  access: { role: 'operator' },
  request: { query: ListUsersQuerySchema },
  page: { schema: UserPageSchema, description: 'One page of users.' },
});

export function registerListUsers(app: ServiceApp<UsersDeps>) {
  registerList(app, listUsersRoute, {
    cursor: idCursor,
    rows: ({ db }, query) => listUsers(db, query),
    present: presentUser,
  });
}
