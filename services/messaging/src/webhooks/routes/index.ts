import { createRouter } from '@trellis/kit';
import type { PushDeps } from '../deps.ts';
import { registerCreateEndpoint } from './create.ts';
import { registerDeleteEndpoint } from './delete.ts';
import { registerListDeliveries } from './deliveries.ts';
import { registerGetEndpoint } from './get.ts';
import { registerListEndpoints } from './list.ts';
import { registerReplayDelivery } from './replay.ts';
import { registerRotateSecret } from './rotate.ts';
import { registerUpdateEndpoint } from './update.ts';

/** `/v1/webhook-endpoints…` and `/v1/webhook-deliveries/{id}/replay`. */
export function createWebhooksRouter() {
  const router = createRouter<PushDeps>();
  registerCreateEndpoint(router);
  registerListEndpoints(router);
  registerGetEndpoint(router);
  registerUpdateEndpoint(router);
  registerDeleteEndpoint(router);
  registerRotateSecret(router);
  registerListDeliveries(router);
  registerReplayDelivery(router);
  return router;
}
