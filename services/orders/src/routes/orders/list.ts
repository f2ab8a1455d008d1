import { idCursor, listRoute, registerList, type ServiceApp } from '@trellis/kit';
import type { OrdersDeps } from '../../deps.ts';
import { listOrders } from '../../repository.ts';
import { presentOrder } from './present.ts';
import { ListOrdersQuerySchema, OrderPageSchema } from './schema.ts';

export const listOrdersRoute = listRoute({
  operationId: 'orders.list',
  summary: 'List orders, newest first, by user and status',
  request: { query: ListOrdersQuerySchema },
  page: { schema: OrderPageSchema, description: 'One page of orders.' },
});

export function registerListOrders(app: ServiceApp<OrdersDeps>) {
  registerList(app, listOrdersRoute, {
    cursor: idCursor,
    rows: ({ db }, query) => listOrders(db, query),
    present: presentOrder,
  });
}
