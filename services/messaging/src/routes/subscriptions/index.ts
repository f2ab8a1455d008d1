import { createRouter } from '@trellis/kit';
import type { MessagingDeps } from '../../deps.ts';
import { registerListSubscriptions } from './list.ts';

export function createSubscriptionsRouter() {
  const router = createRouter<MessagingDeps>();
  registerListSubscriptions(router);
  return router;
}
