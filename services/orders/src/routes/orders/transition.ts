import { type Access, changeRequested, type ServiceApp, transitionRoute } from '@trellis/kit';
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
import { type OrderWithItems, transitionOrder } from '../../repository.ts';
import {
  type OrderTopic,
  orderCancelled,
  orderFulfilled,
  orderPaid,
  orderRefunded,
} from '../../topics.ts';
import { findOrderFor, ownerOrOperator } from './access.ts';
import { orderEvent, presentOrder } from './present.ts';
import { TransitionConflictExtensions } from './problems.ts';
import { OrderParamsSchema, OrderSchema } from './schema.ts';

// A member pays and cancels their own orders; fulfilment is the operators', refunds the admins'.
const actions = {
  pay: { event: orderPaid, summary: 'Mark a pending order as paid', access: ownerOrOperator },
  cancel: {
    event: orderCancelled,
    summary: 'Cancel an order that is not paid yet',
    access: ownerOrOperator,
  },
  fulfill: {
    event: orderFulfilled,
    summary: 'Mark a paid order as fulfilled',
    access: { role: 'operator' },
  },
  refund: {
    event: orderRefunded,
    summary: 'Refund a paid order that is not fulfilled',
    access: { role: 'admin' },
  },
} as const satisfies Record<OrderAction, { event: OrderTopic; summary: string; access: Access }>;

function orderTransitionRoute<Action extends OrderAction>(action: Action) {
  return transitionRoute({
    resource: 'orders',
    path: '/v1/orders/{id}',
    action,
    summary: actions[action].summary,
    access: actions[action].access,
    description:
      'Answers 409 with the current status in `currentStatus` when the order is not in a ' +
      'state this action applies to.' +
      (action === 'pay'
        ? ' An order not paid within `paymentTimeoutMinutes` of its creation (live config) is ' +
          'cancelled by the late payment, which answers 409 saying the payment window expired.'
        : ''),
    params: OrderParamsSchema,
    answer: { schema: OrderSchema, description: 'The order in its new status.' },
    conflict: TransitionConflictExtensions,
  });
}

export const payOrderRoute = orderTransitionRoute('pay');
export const cancelOrderRoute = orderTransitionRoute('cancel');
export const fulfillOrderRoute = orderTransitionRoute('fulfill');
export const refundOrderRoute = orderTransitionRoute('refund');

/**
 * Cancels an order whose payment came too late, then refuses the payment. Undefined when another
 * request moved the order first: the lost race is then answered as any other (412 or 409).
 */
async function expirePayment(
  deps: OrdersDeps,
  order: OrderWithItems,
  deadline: Date,
): Promise<undefined> {
  const cancelled = await transitionOrder(
    deps.db,
    { id: order.id, version: order.version, from: order.status, to: 'cancelled' },
    orderEvent(orderCancelled, { reason: 'payment_window_expired' }),
    deps.now(),
  );
  if (!cancelled) {
    return undefined;
  }
  throw new PaymentWindowExpired(order.id, deadline);
}

/** Applies `action` to the order as read; undefined when another request changed it first. */
async function applyAction(
  deps: OrdersDeps,
  current: OrderWithItems,
  action: OrderAction,
): Promise<OrderWithItems | undefined> {
  const to = nextStatus(current.status, action);
  if (action === 'pay') {
    // Read per request: a new timeout applies at once, to orders already waiting too.
    const { paymentTimeoutMinutes } = deps.config.get();
    if (paymentTooLate(current.createdAt, deps.now(), paymentTimeoutMinutes)) {
      return expirePayment(
        deps,
        current,
        paymentDeadline(current.createdAt, paymentTimeoutMinutes),
      );
    }
  }
  return transitionOrder(
    deps.db,
    { id: current.id, version: current.version, from: current.status, to },
    orderEvent(actions[action].event),
    deps.now(),
  );
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
      const { id } = c.req.valid('param');
      const updated = await changeRequested(c, {
        read: () => findOrderFor(c, deps.db, id),
        notFound: () => new OrderNotFound(id),
        write: (current) => applyAction(deps, current, action),
        // Another request moved the order first; report where it is now.
        lostRace: (latest, current) =>
          new IllegalTransition(latest?.status ?? current.status, action),
      });
      return c.json(presentOrder(updated), 200);
    });
  }
}
