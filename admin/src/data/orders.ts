import 'server-only';
import type { OrdersComponents } from '@trellis/client';
import { type Outcome, outcomeOf } from '@/lib/problem';
import { asOperator, type Caller, serviceClient } from '@/lib/services';

export type Order = OrdersComponents['schemas']['Order'];
export type OrderPage = OrdersComponents['schemas']['OrderPage'];
export type OrderStatus = OrdersComponents['schemas']['OrderStatus'];
export type OrderStats = OrdersComponents['schemas']['OrderStats'];
export type CurrencyAmount = OrdersComponents['schemas']['CurrencyAmount'];

export { orderStatuses } from '@trellis/orders/lifecycle';

export interface OrderQuery {
  userId?: string;
  status?: OrderStatus;
  cursor?: string;
}

export function listOrders(caller: Caller, query: OrderQuery): Promise<Outcome<OrderPage>> {
  return outcomeOf(
    serviceClient('orders').GET('/v1/orders', {
      headers: asOperator(caller),
      params: {
        query: {
          limit: 20,
          ...(query.userId ? { userId: query.userId } : {}),
          ...(query.status ? { status: query.status } : {}),
          ...(query.cursor ? { cursor: query.cursor } : {}),
        },
      },
    }),
  );
}

export function getOrder(caller: Caller, id: string): Promise<Outcome<Order>> {
  return outcomeOf(
    serviceClient('orders').GET('/v1/orders/{id}', {
      headers: asOperator(caller),
      params: { path: { id } },
    }),
  );
}

export function getOrderStats(caller: Caller, days = 30): Promise<Outcome<OrderStats>> {
  return outcomeOf(
    serviceClient('orders').GET('/v1/orders/stats', {
      headers: asOperator(caller),
      params: { query: { days } },
    }),
  );
}
