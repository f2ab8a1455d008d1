import { createRouter } from '@trellis/kit';
import type { MessagingDeps } from '../../deps.ts';
import { registerListTopics } from './list.ts';

export function createTopicsRouter() {
  const router = createRouter<MessagingDeps>();
  registerListTopics(router);
  return router;
}
