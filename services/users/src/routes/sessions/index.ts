import { createRouter } from '@trellis/kit';
import type { UsersDeps } from '../../deps.ts';
import { registerCreateSession } from './create.ts';
import { registerRefreshSession } from './refresh.ts';
import { registerSignOut } from './sign-out.ts';

export function createSessionsRouter() {
  const router = createRouter<UsersDeps>();
  registerCreateSession(router);
  registerRefreshSession(router);
  registerSignOut(router);
  return router;
}
