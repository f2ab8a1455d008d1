import { may, type Permission } from './permissions';
import type { ConsoleRole } from './session-token';

export type OrderAction = 'pay' | 'cancel' | 'fulfill' | 'refund';
type OrderStatus = 'pending_payment' | 'paid' | 'fulfilled' | 'cancelled' | 'refunded';

/** The orders service's state machine, as far as the buttons need it. */
const allowedFrom: Record<OrderStatus, OrderAction[]> = {
  pending_payment: ['pay', 'cancel'],
  paid: ['fulfill', 'refund'],
  fulfilled: [],
  cancelled: [],
  refunded: [],
};

export const orderActionLabels: Record<OrderAction, string> = {
  pay: 'Mark as paid',
  cancel: 'Cancel order',
  fulfill: 'Mark as fulfilled',
  refund: 'Refund',
};

/** The transitions to offer: those the status allows and the role may perform. */
export function offeredOrderActions(status: OrderStatus, role: ConsoleRole): OrderAction[] {
  return allowedFrom[status].filter((action) => may(role, `orders.${action}` as Permission));
}
