import {
  createRoute,
  errorResponses,
  etagOf,
  jsonResponse,
  propagationHeaders,
  type ServiceApp,
} from '@trellis/kit';
import type { OrdersDeps } from '../../deps.ts';
import {
  IllegalTransition,
  nextStatus,
  type OrderAction,
  OrderNotFound,
  PaymentWindowExpired,
  paymentDeadline,
  paymentTooLate,
} from '../../domain.ts';
import { findOrderById, type OrderWithItems, transitionOrder } from '../../repository.ts';
import { orderEvent, presentOrder } from './present.ts';
import { TransitionConflictExtensions } from './problems.ts';
import { OrderParamsSchema, OrderSchema } from './schema.ts';

const actions = {
  pay: { event: 'order.paid', summary: 'Mark a pending order as paid' },
  cancel: { event: 'order.cancelled', summary: 'Cancel an order that is not paid yet' },
  fulfill: { event: 'order.fulfilled', summary: 'Mark a paid order as fulfilled' },
  refund: { event: 'order.refunded', summary: 'Refund a paid order that is not fulfilled' },
} as const satisfies Record<OrderAction, { event: string; summary: string }>;

function transitionRoute(action: OrderAction) {
  return createRoute({
    method: 'post',
    path: `/v1/orders/{id}/${action}`,
    operationId: `orders.${action}`,
    tags: ['orders'],
    summary: actions[action].summary,
    description:
      'Answers 409 with the current status in `currentStatus` when the order is not in a ' +
      'state this action applies to.' +
      (action === 'pay'
        ? ' An order not paid within `paymentTimeoutMinutes` of its creation (live config) is ' +
          'cancelled by the late payment, which answers 409 saying the payment window expired.'
        : ''),
    request: { params: OrderParamsSchema },
    responses: {
      200: jsonResponse(OrderSchema, 'The order in its new status.'),
      ...errorResponses('not_found', { conflict: TransitionConflictExtensions }),
    },
  });
}

export const payOrderRoute = transitionRoute('pay');
export const cancelOrderRoute = transitionRoute('cancel');
export const fulfillOrderRoute = transitionRoute('fulfill');
export const refundOrderRoute = transitionRoute('refund');

/**
 * Cancels an order whose payment came too late, then refuses the payment. Should another
 * request have moved the order first, that one's outcome is reported instead.
 */
async function expirePayment(
  deps: OrdersDeps,
  order: OrderWithItems,
  deadline: Date,
): Promise<never> {
  const headers = propagationHeaders();
  const cancelled = await transitionOrder(
    deps.db,
    { id: order.id, from: order.status, to: 'cancelled' },
    (next) => orderEvent(actions.cancel.event)(next, headers),
    deps.now(),
  );
  if (!cancelled) {
    const latest = await findOrderById(deps.db, order.id);
    throw new IllegalTransition(latest?.status ?? order.status, 'pay');
  }
  throw new PaymentWindowExpired(order.id, deadline);
}

export function registerOrderTransitions(app: ServiceApp<OrdersDeps>) {
  for (const [action, route] of [
    ['pay', payOrderRoute],
    ['cancel', cancelOrderRoute],
    ['fulfill', fulfillOrderRoute],
    ['refund', refundOrderRoute],
  ] as const) {
    app.openapi(route, async (c) => {
      const deps = c.get('deps');
      const { db, now } = deps;
      const { id } = c.req.valid('param');
      const current = await findOrderById(db, id);
      if (!current) {
        throw new OrderNotFound(id);
      }
      const to = nextStatus(current.status, action);
      if (action === 'pay') {
        // Read per request: a new timeout applies at once, to orders already waiting too.
        const { paymentTimeoutMinutes } = deps.config.get();
        if (paymentTooLate(current.createdAt, now(), paymentTimeoutMinutes)) {
          const deadline = paymentDeadline(current.createdAt, paymentTimeoutMinutes);
          await expirePayment(deps, current, deadline);
        }
      }
      const headers = propagationHeaders();
      const updated = await transitionOrder(
        db,
        { id, from: current.status, to },
        (order) => orderEvent(actions[action].event)(order, headers),
        now(),
      );
      if (!updated) {
        // Another request moved the order first; report where it is now.
        const latest = await findOrderById(db, id);
        throw new IllegalTransition(latest?.status ?? current.status, action);
      }
      c.header('etag', etagOf(updated.id, updated.version));
      return c.json(presentOrder(updated), 200);
    });
  }
}
