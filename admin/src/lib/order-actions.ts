import { type OrderAction, type OrderStatus, orderActionsFrom } from '@trellis/orders/lifecycle';
import { may, type Permission } from './permissions';
import type { ConsoleRole } from './session-token';

export type { OrderAction } from '@trellis/orders/lifecycle';

export const orderActionLabels: Record<OrderAction, string> = {
  pay: 'Mark as paid',
  cancel: 'Cancel order',
  fulfill: 'Mark as fulfilled',
  refund: 'Refund',
};

/** The transitions to offer: those the status allows and the role may perform. */
export function offeredOrderActions(status: OrderStatus, role: ConsoleRole): OrderAction[] {
  return orderActionsFrom(status).filter((action) => may(role, `orders.${action}` as Permission));
}
