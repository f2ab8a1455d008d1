import { createRouter } from '@trellis/kit';
import type { UsersDeps } from '../../deps.ts';
import { registerCreateSession } from './create.ts';

export function createSessionsRouter() {
  const router = createRouter<UsersDeps>();
  registerCreateSession(router);
  return router;
}
