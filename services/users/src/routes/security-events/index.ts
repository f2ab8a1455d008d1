import { createRouter } from '@trellis/kit';
import type { UsersDeps } from '../../deps.ts';
import { registerListSecurityEvents } from './list.ts';

export function createSecurityEventsRouter() {
  const router = createRouter<UsersDeps>();
  registerListSecurityEvents(router);
  return router;
}
