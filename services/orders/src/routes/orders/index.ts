import { createRouter } from '@trellis/kit';
import type { OrdersDeps } from '../../deps.ts';
import { registerCreateOrder } from './create.ts';
import { registerGetOrder } from './get.ts';
import { registerListOrders } from './list.ts';
import { registerOrderTransitions } from './transition.ts';

export function createOrdersRouter() {
  const router = createRouter<OrdersDeps>();
  registerCreateOrder(router);
  registerListOrders(router);
  registerGetOrder(router);
  registerOrderTransitions(router);
  return router;
}
