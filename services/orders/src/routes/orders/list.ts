import {
  assertOwns,
  idCursor,
  listRoute,
  ownerFilter,
  registerList,
  type ServiceApp,
} from '@trellis/kit';
import type { OrdersDeps } from '../../deps.ts';
import { listOrders } from '../../repository.ts';
import { ownerOrOperator } from './access.ts';
import { presentOrder } from './present.ts';
import { ListOrdersQuerySchema, OrderPageSchema } from './schema.ts';

export const listOrdersRoute = listRoute({
  operationId: 'orders.list',
  summary: 'List orders, newest first, by user and status',
  description:
    "A member sees only their own orders (asking for another user's is a 403); operators " +
    "and admins see everyone's.",
  access: ownerOrOperator,
  request: { query: ListOrdersQuerySchema },
  page: { schema: OrderPageSchema, description: 'One page of orders.' },
});

export function registerListOrders(app: ServiceApp<OrdersDeps>) {
  registerList(app, listOrdersRoute, {
    cursor: idCursor,
    rows: ({ db }, { userId, ...query }, c) => {
      if (userId) {
        assertOwns(c, userId, 'orders');
      }
      return listOrders(db, { ...query, userId: userId ?? ownerFilter(c) });
    },
    present: presentOrder,
  });
}
