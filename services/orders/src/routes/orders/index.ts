import { createRouter } from '@trellis/kit';
import type { OrdersDeps } from '../../deps.ts';
import { registerCreateOrder } from './create.ts';
import { registerGetOrder } from './get.ts';
import { registerListOrders } from './list.ts';
import { registerOrderStats } from './stats.ts';
import { registerOrderTransitions } from './transition.ts';

export function createOrdersRouter() {
  const router = createRouter<OrdersDeps>();
  registerCreateOrder(router);
  registerListOrders(router);
  // stats before {id} so `/v1/orders/stats` is never read as an id
  registerOrderStats(router);
  registerGetOrder(router);
  registerOrderTransitions(router);
  return router;
}
