import {
  createRoute,
  errorResponses,
  etagOf,
  type ServiceApp,
  versionedResponse,
} from '@trellis/kit';
import type { OrdersDeps } from '../../deps.ts';
import { OrderNotFound } from '../../domain.ts';
import { findOrderById } from '../../repository.ts';
import { presentOrder } from './present.ts';
import { OrderParamsSchema, OrderSchema } from './schema.ts';

export const getOrderRoute = createRoute({
  method: 'get',
  path: '/v1/orders/{id}',
  operationId: 'orders.get',
  tags: ['orders'],
  summary: 'Get an order with its lines',
  request: { params: OrderParamsSchema },
  responses: {
    200: versionedResponse(OrderSchema, 'The order; the ETag header carries its version.'),
    ...errorResponses('not_found'),
  },
});

export function registerGetOrder(app: ServiceApp<OrdersDeps>) {
  app.openapi(getOrderRoute, async (c) => {
    const { id } = c.req.valid('param');
    const order = await findOrderById(c.get('deps').db, id);
    if (!order) {
      throw new OrderNotFound(id);
    }
    c.header('etag', etagOf(order.id, order.version));
    return c.json(presentOrder(order), 200);
  });
}
