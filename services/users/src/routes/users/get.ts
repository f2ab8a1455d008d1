import { readRoute, registerRead, type ServiceApp } from '@trellis/kit';
import type { UsersDeps } from '../../deps.ts';
import { UserNotFound } from '../../domain.ts';
import { findUserById } from '../../repository/users.ts';
import { presentUser } from './present.ts';
import { UserParamsSchema, UserSchema } from './schema.ts';

export const getUserRoute = readRoute({
  operationId: 'users.get',
  summary: 'Get a user',
  params: UserParamsSchema,
  answer: { schema: UserSchema, description: 'The user; the ETag header carries its version.' },
});

export function registerGetUser(app: ServiceApp<UsersDeps>) {
  registerRead(app, getUserRoute, {
    read: ({ db }, id) => findUserById(db, id),
    notFound: (id) => new UserNotFound(id),
    present: presentUser,
  });
}
