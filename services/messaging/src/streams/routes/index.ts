import { createRouter } from '@trellis/kit';
import type { PushDeps } from '../../webhooks/deps.ts';
import { registerStreamMe } from './me.ts';

/** `GET /v1/streams/me`. */
export function createStreamsRouter() {
  const router = createRouter<PushDeps>();
  registerStreamMe(router);
  return router;
}
