import { readRoute, registerRead, type ServiceApp } from '@trellis/kit';
import type { OrdersDeps } from '../../deps.ts';
import { OrderNotFound } from '../../domain.ts';
import { findOrderFor, ownerOrOperator } from './access.ts';
import { presentOrder } from './present.ts';
import { OrderParamsSchema, OrderSchema } from './schema.ts';

export const getOrderRoute = readRoute({
  operationId: 'orders.get',
  summary: 'Get an order with its lines',
  access: ownerOrOperator,
  params: OrderParamsSchema,
  answer: { schema: OrderSchema, description: 'The order; the ETag header carries its version.' },
});

export function registerGetOrder(app: ServiceApp<OrdersDeps>) {
  registerRead(app, getOrderRoute, {
    read: ({ db }, id, c) => findOrderFor(c, db, id),
    notFound: (id) => new OrderNotFound(id),
    present: presentOrder,
  });
}
