import { createRouter } from '@trellis/kit';
import type { UsersDeps } from '../../deps.ts';
import { registerJwks } from './jwks.ts';
import { registerRotateSigningKey } from './rotate.ts';

export function createSigningKeysRouter() {
  const router = createRouter<UsersDeps>();
  registerJwks(router);
  registerRotateSigningKey(router);
  return router;
}
