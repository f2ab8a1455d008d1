import { defineStateMachine } from '@trellis/kit/state-machine';

/**
 * The order lifecycle, the one definition of an order's statuses and the actions that move it: the
 * contract's enum, the console's filters and buttons and the state machine all read it, and a test
 * holds the database's `order_status` enum to it. It imports only the dependency-free kit state
 * machine, so the console can take it without the service.
 */

/** Every status an order can be in, the first being the one it is placed in. */
export const orderStatuses = [
  'pending_payment',
  'paid',
  'fulfilled',
  'cancelled',
  'refunded',
] as const;

export type OrderStatus = (typeof orderStatuses)[number];

export const initialOrderStatus = orderStatuses[0];

/** Every status but the initial one is reached by a transition. */
export type ReachedStatus = Exclude<OrderStatus, typeof initialOrderStatus>;

/** `pending_payment → paid → fulfilled`, `pending_payment → cancelled`, `paid → refunded`. */
export const orderLifecycle = defineStateMachine(orderStatuses, {
  pay: { from: 'pending_payment', to: 'paid' },
  cancel: { from: 'pending_payment', to: 'cancelled' },
  fulfill: { from: 'paid', to: 'fulfilled' },
  refund: { from: 'paid', to: 'refunded' },
} satisfies Record<string, { from: OrderStatus; to: ReachedStatus }>);

export const { actions: orderActions, actionsFrom: orderActionsFrom } = orderLifecycle;

export type OrderAction = (typeof orderActions)[number];
