import { createRouter } from '@trellis/kit';
import type { GatewayDeps } from '../../deps.ts';
import { registerCreateGreeting } from './create.ts';

export function createGreetingsRouter() {
  const router = createRouter<GatewayDeps>();
  registerCreateGreeting(router);
  return router;
}
