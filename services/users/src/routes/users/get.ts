import { assertOwns, readRoute, registerRead, type ServiceApp } from '@trellis/kit';
import type { UsersDeps } from '../../deps.ts';
import { UserNotFound } from '../../domain.ts';
import { findUserById } from '../../repository/users.ts';
import { presentUser } from './present.ts';
import { UserParamsSchema, UserSchema } from './schema.ts';

export const getUserRoute = readRoute({
  operationId: 'users.get',
  summary: 'Get a user',
  // Orders and meetings check the people they are given, whoever they act for.
  access: { owner: true, role: 'operator', services: ['orders', 'meetings'] },
  params: UserParamsSchema,
  answer: { schema: UserSchema, description: 'The user; the ETag header carries its version.' },
});

export function registerGetUser(app: ServiceApp<UsersDeps>) {
  registerRead(app, getUserRoute, {
    read: ({ db }, id, c) => {
      assertOwns(c, id, 'an account');
      return findUserById(db, id);
    },
    notFound: (id) => new UserNotFound(id),
    present: presentUser,
  });
}
