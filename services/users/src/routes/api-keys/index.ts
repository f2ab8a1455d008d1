import { createRouter } from '@trellis/kit';
import type { UsersDeps } from '../../deps.ts';
import { registerCreateApiKey } from './create.ts';
import { registerListApiKeys } from './list.ts';
import { registerRevokeApiKey } from './revoke.ts';
import { registerVerifyApiKey } from './verify.ts';

export function createApiKeysRouter() {
  const router = createRouter<UsersDeps>();
  // verify before {id} routes, as a literal path segment
  registerVerifyApiKey(router);
  registerCreateApiKey(router);
  registerListApiKeys(router);
  registerRevokeApiKey(router);
  return router;
}
