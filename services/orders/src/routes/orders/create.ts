import { actingUser, assertOwns, type ServiceApp } from '@trellis/kit';
import { createdRoute, createOnce } from '@trellis/kit/idempotency';
import type { OrdersDeps } from '../../deps.ts';
import { assertItemCount, assertMayOrder, priceLines } from '../../domain.ts';
import { insertOrder } from '../../repository.ts';
import { orderCreated } from '../../topics.ts';
import { lookupUser } from '../../user-directory.ts';
import { ownerOrOperator } from './access.ts';
import { orderEvent, presentOrder } from './present.ts';
import { TooManyItemsExtensions } from './problems.ts';
import { CreateOrderSchema, OrderSchema } from './schema.ts';

export const createOrderRoute = createdRoute({
  path: '/v1/orders',
  operationId: 'orders.create',
  tags: ['orders'],
  summary: 'Place an order',
  access: ownerOrOperator,
  description:
    'Totals are computed here from the lines. A member orders only for themselves (403 ' +
    'otherwise); operators and admins for anyone. The user must exist and be active, and the ' +
    'order may hold at most `maxItemsPerOrder` lines (live config; 422 naming `items`). ' +
    'Keys are scoped to the signed-in user.',
  body: CreateOrderSchema,
  created: { schema: OrderSchema, description: 'The order was placed, or this is a replay of it.' },
  errors: [{ unprocessable: TooManyItemsExtensions }, 'dependency_unavailable'],
});

/** Asks the users service whether the user may order; unreachable users is a 503. */
export function registerCreateOrder(app: ServiceApp<OrdersDeps>) {
  app.openapi(createOrderRoute, async (c) => {
    const { db, now, users, config } = c.get('deps');
    const body = c.req.valid('json');
    // Before the key is looked up, so a stored answer is replayed only to whom it may go.
    assertOwns(c, body.userId, 'orders');
    const order = await createOnce(c, db, now(), {
      operation: createOrderRoute.operationId,
      caller: actingUser(c)?.id,
      body,
      async prepare() {
        assertItemCount(body.items.length, config.get().maxItemsPerOrder);
        const priced = priceLines(body.items);
        assertMayOrder(body.userId, await lookupUser(users, body.userId));
        return priced;
      },
      async write(tx, priced) {
        const created = await insertOrder(
          tx,
          { userId: body.userId, currency: body.currency, ...priced },
          orderEvent(orderCreated),
          now(),
        );
        return { id: created.id, body: presentOrder(created) };
      },
    });
    return c.json(order, 201);
  });
}
