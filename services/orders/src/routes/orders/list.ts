import {
  createRoute,
  errorResponses,
  idCursor,
  jsonResponse,
  listPage,
  type ServiceApp,
} from '@trellis/kit';
import type { OrdersDeps } from '../../deps.ts';
import { listOrders } from '../../repository.ts';
import { presentOrder } from './present.ts';
import { ListOrdersQuerySchema, OrderPageSchema } from './schema.ts';

export const listOrdersRoute = createRoute({
  method: 'get',
  path: '/v1/orders',
  operationId: 'orders.list',
  tags: ['orders'],
  summary: 'List orders, newest first, by user and status',
  request: { query: ListOrdersQuerySchema },
  responses: {
    200: jsonResponse(OrderPageSchema, 'One page of orders.'),
    ...errorResponses(),
  },
});

export function registerListOrders(app: ServiceApp<OrdersDeps>) {
  app.openapi(listOrdersRoute, async (c) => {
    const { db } = c.get('deps');
    const page = await listPage(c.req.valid('query'), idCursor, (query) => listOrders(db, query));
    return c.json({ ...page, items: page.items.map(presentOrder) }, 200);
  });
}
