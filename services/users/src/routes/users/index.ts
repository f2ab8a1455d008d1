import { createRouter } from '@trellis/kit';
import type { UsersDeps } from '../../deps.ts';
import { registerCreateUser } from './create.ts';
import { registerGetUser } from './get.ts';
import { registerListUsers } from './list.ts';
import { registerLookupUsers } from './lookup.ts';
import { registerUserTransitions } from './transition.ts';
import { registerUpdateUser } from './update.ts';

export function createUsersRouter() {
  const router = createRouter<UsersDeps>();
  // lookup before {id} so `/v1/users/lookup` is never read as an id
  registerLookupUsers(router);
  registerCreateUser(router);
  registerListUsers(router);
  registerGetUser(router);
  registerUpdateUser(router);
  registerUserTransitions(router);
  return router;
}
