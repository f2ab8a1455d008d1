/**
 * The order lifecycle, the one definition of an order's statuses and the actions that move it:
 * the contract's enum, the console's filters and buttons and the state machine all read it,
 * and a test holds the database's `order_status` enum to it. It imports nothing, so the
 * console can take it without the service.
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
export const orderTransitions = {
  pay: { from: 'pending_payment', to: 'paid' },
  cancel: { from: 'pending_payment', to: 'cancelled' },
  fulfill: { from: 'paid', to: 'fulfilled' },
  refund: { from: 'paid', to: 'refunded' },
} as const satisfies Record<string, { from: OrderStatus; to: ReachedStatus }>;

export type OrderAction = keyof typeof orderTransitions;

export const orderActions = Object.keys(orderTransitions) as OrderAction[];

/** The actions an order in `status` allows, in the order of `orderActions`. */
export function orderActionsFrom(status: OrderStatus): OrderAction[] {
  return orderActions.filter((action) => orderTransitions[action].from === status);
}
