import {
  changeVersioned,
  createRoute,
  errorResponses,
  etagOf,
  IfMatchHeaderSchema,
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
    request: { params: OrderParamsSchema, headers: IfMatchHeaderSchema },
    responses: {
      200: {
        ...jsonResponse(OrderSchema, 'The order in its new status.'),
        headers: { ETag: { description: 'Its new version tag.', schema: { type: 'string' } } },
      },
      ...errorResponses(
        'not_found',
        { conflict: TransitionConflictExtensions },
        'precondition_failed',
      ),
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
    { id: order.id, version: order.version, from: order.status, to: 'cancelled' },
    (next) => orderEvent(actions.cancel.event)(next, headers),
    deps.now(),
  );
  if (!cancelled) {
    const latest = await findOrderById(deps.db, order.id);
    throw new IllegalTransition(latest?.status ?? order.status, 'pay');
  }
  throw new PaymentWindowExpired(order.id, deadline);
}

/** Applies `action` to the order as read; undefined when another request changed it first. */
async function applyAction(
  deps: OrdersDeps,
  current: OrderWithItems,
  action: OrderAction,
  headers: Record<string, string>,
): Promise<OrderWithItems | undefined> {
  const to = nextStatus(current.status, action);
  if (action === 'pay') {
    // Read per request: a new timeout applies at once, to orders already waiting too.
    const { paymentTimeoutMinutes } = deps.config.get();
    if (paymentTooLate(current.createdAt, deps.now(), paymentTimeoutMinutes)) {
      await expirePayment(deps, current, paymentDeadline(current.createdAt, paymentTimeoutMinutes));
    }
  }
  return transitionOrder(
    deps.db,
    { id: current.id, version: current.version, from: current.status, to },
    (order) => orderEvent(actions[action].event)(order, headers),
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
      const headers = propagationHeaders();
      const updated = await changeVersioned({
        ifMatch: c.req.valid('header')['if-match'],
        read: () => findOrderById(deps.db, id),
        notFound: () => new OrderNotFound(id),
        write: (current) => applyAction(deps, current, action, headers),
        // Another request moved the order first; report where it is now.
        lostRace: (latest, current) =>
          new IllegalTransition(latest?.status ?? current.status, action),
      });
      c.header('etag', etagOf(updated.id, updated.version));
      return c.json(presentOrder(updated), 200);
    });
  }
}
