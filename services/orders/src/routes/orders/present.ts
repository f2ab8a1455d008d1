import type { DomainEvent } from '@trellis/db';
import type { OrderWithItems } from '../../repository.ts';
import type { Order } from './schema.ts';

/** The public shape of an order; milestone times appear once reached. */
export function presentOrder(order: OrderWithItems): Order {
  return {
    id: order.id,
    userId: order.userId,
    currency: order.currency,
    status: order.status,
    totalCents: order.totalCents,
    items: order.items.map((item) => ({
      sku: item.sku,
      quantity: item.quantity,
      unitPriceCents: item.unitPriceCents,
      lineTotalCents: item.lineTotalCents,
    })),
    version: order.version,
    createdAt: order.createdAt.toISOString(),
    updatedAt: order.updatedAt.toISOString(),
    ...(order.paidAt ? { paidAt: order.paidAt.toISOString() } : {}),
    ...(order.fulfilledAt ? { fulfilledAt: order.fulfilledAt.toISOString() } : {}),
    ...(order.cancelledAt ? { cancelledAt: order.cancelledAt.toISOString() } : {}),
    ...(order.refundedAt ? { refundedAt: order.refundedAt.toISOString() } : {}),
  };
}

export function orderEvent(eventType: string) {
  return (order: OrderWithItems, headers: Record<string, string>): DomainEvent => ({
    aggregateType: 'order',
    aggregateId: order.id,
    eventType,
    payload: { order: presentOrder(order) },
    headers,
  });
}
