import {
  createRoute,
  decodeCursor,
  errorResponses,
  jsonResponse,
  type ServiceApp,
  toPage,
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
    const query = c.req.valid('query');
    const after = decodeCursor(query.cursor, ['id']);
    const rows = await listOrders(c.get('deps').db, {
      ...(query.userId ? { userId: query.userId } : {}),
      ...(query.status ? { status: query.status } : {}),
      limit: query.limit,
      ...(after ? { afterId: after.id } : {}),
    });
    const page = toPage(rows, query.limit, (row) => ({ id: row.id }));
    return c.json({ items: page.items.map(presentOrder), nextCursor: page.nextCursor }, 200);
  });
}
