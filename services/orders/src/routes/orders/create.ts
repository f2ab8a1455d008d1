import { requestHash } from '@trellis/db';
import {
  createRoute,
  errorResponses,
  IdempotencyKeyHeaderSchema,
  jsonBody,
  jsonResponse,
  propagationHeaders,
  type ServiceApp,
} from '@trellis/kit';
import type { OrdersDeps } from '../../deps.ts';
import { assertItemCount, assertMayOrder, priceLines } from '../../domain.ts';
import { findIdempotentResponse, insertOrder } from '../../repository.ts';
import { lookupUser } from '../../user-directory.ts';
import { orderEvent, presentOrder } from './present.ts';
import { TooManyItemsExtensions } from './problems.ts';
import { CreateOrderSchema, type Order, OrderSchema } from './schema.ts';

export const createOrderRoute = createRoute({
  method: 'post',
  path: '/v1/orders',
  operationId: 'orders.create',
  tags: ['orders'],
  summary: 'Place an order',
  description:
    'Totals are computed here from the lines. The user must exist and be active, and the ' +
    'order may hold at most `maxItemsPerOrder` lines (live config; 422 naming `items`). With an ' +
    '`Idempotency-Key`, a retry with the same body answers with the first result, even while ' +
    'the first request is still running; the same key with another body is refused with 422.',
  request: { headers: IdempotencyKeyHeaderSchema, body: jsonBody(CreateOrderSchema) },
  responses: {
    201: {
      ...jsonResponse(OrderSchema, 'The order was placed, or this is a replay of it.'),
      headers: {
        Location: { description: 'Path of the order.', schema: { type: 'string' } },
        'Idempotent-Replayed': {
          description: '`true` when this answer replays an earlier request with the same key.',
          schema: { type: 'string' },
        },
      },
    },
    ...errorResponses(
      'conflict',
      { unprocessable: TooManyItemsExtensions },
      'dependency_unavailable',
    ),
  },
});

export function registerCreateOrder(app: ServiceApp<OrdersDeps>) {
  app.openapi(createOrderRoute, async (c) => {
    const { db, now, users, config } = c.get('deps');
    const body = c.req.valid('json');
    const key = c.req.valid('header')['idempotency-key'];
    const idempotency = key
      ? { scope: 'orders.create', key, requestHash: await requestHash(body) }
      : undefined;
    const replay = (statusCode: number, response: unknown) => {
      c.header('idempotent-replayed', 'true');
      c.header('location', `/v1/orders/${(response as Order).id}`);
      return c.json(response as Order, statusCode as 201);
    };

    if (idempotency) {
      const stored = await findIdempotentResponse(db, idempotency, now());
      if (stored) {
        return replay(stored.statusCode, stored.response);
      }
    }
    assertItemCount(body.items.length, config.get().maxItemsPerOrder);
    const priced = priceLines(body.items);
    assertMayOrder(body.userId, await lookupUser(users, body.userId));
    const headers = propagationHeaders();
    const outcome = await insertOrder(
      db,
      { userId: body.userId, currency: body.currency, ...priced },
      {
        ...(idempotency ? { idempotency } : {}),
        event: (order) => orderEvent('order.created')(order, headers),
        present: presentOrder,
      },
      now(),
    );
    if (outcome.replayed) {
      return replay(outcome.statusCode, outcome.response);
    }
    c.header('location', `/v1/orders/${outcome.order.id}`);
    return c.json(presentOrder(outcome.order), 201);
  });
}
