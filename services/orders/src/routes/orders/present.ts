import type { Tx } from '@trellis/db';
import { publish } from '@trellis/kit';
import type { OrderWithItems } from '../../repository.ts';
import type { OrderCancelledPayload, OrderTopic } from '../../topics.ts';
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

/** Publishes `topic` about the order, on the transaction that changed it. */
export function orderEvent(topic: OrderTopic, extra: Omit<OrderCancelledPayload, 'order'> = {}) {
  return (tx: Tx, order: OrderWithItems) =>
    publish(tx, topic, { order: presentOrder(order), ...extra });
}
