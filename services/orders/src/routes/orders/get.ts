import { readRoute, registerRead, type ServiceApp } from '@trellis/kit';
import type { OrdersDeps } from '../../deps.ts';
import { OrderNotFound } from '../../domain.ts';
import { findOrderById } from '../../repository.ts';
import { presentOrder } from './present.ts';
import { OrderParamsSchema, OrderSchema } from './schema.ts';

export const getOrderRoute = readRoute({
  operationId: 'orders.get',
  summary: 'Get an order with its lines',
  params: OrderParamsSchema,
  answer: { schema: OrderSchema, description: 'The order; the ETag header carries its version.' },
});

export function registerGetOrder(app: ServiceApp<OrdersDeps>) {
  registerRead(app, getOrderRoute, {
    read: ({ db }, id) => findOrderById(db, id),
    notFound: (id) => new OrderNotFound(id),
    present: presentOrder,
  });
}
