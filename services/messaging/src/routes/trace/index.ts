import { createRouter } from '@trellis/kit';
import type { MessagingDeps } from '../../deps.ts';
import { registerGetTrace } from './get.ts';

export function createTraceRouter() {
  const router = createRouter<MessagingDeps>();
  registerGetTrace(router);
  return router;
}
