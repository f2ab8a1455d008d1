import { defineTopic, type Topic, z } from '@trellis/kit';
import { OrderSchema } from './routes/orders/schema.ts';

/** Every order event carries the order as it is after the change. */
export const OrderEventSchema = z.object({ order: OrderSchema });

export type OrderEventPayload = z.infer<typeof OrderEventSchema>;

export const cancellationReasons = ['payment_window_expired', 'user_suspended'] as const;

export const OrderCancelledSchema = OrderEventSchema.extend({
  reason: z
    .enum(cancellationReasons)
    .optional()
    .openapi({
      description:
        'Why the platform cancelled it: the payment came after the payment window, or the user ' +
        'was suspended. Absent when the user or an operator cancelled it.',
      example: 'user_suspended',
    }),
});

export type OrderCancelledPayload = z.infer<typeof OrderCancelledSchema>;

// The order's user hears of every change to it.
const aboutTheOrder = {
  key: (payload: OrderEventPayload) => payload.order.id,
  audience: (payload: OrderEventPayload) => [payload.order.userId],
};

export const orderCreated = defineTopic('order.created', OrderEventSchema, {
  description: 'An order was placed and waits for payment.',
  ...aboutTheOrder,
});

export const orderPaid = defineTopic('order.paid', OrderEventSchema, {
  description: 'An order was paid.',
  ...aboutTheOrder,
});

export const orderCancelled = defineTopic('order.cancelled', OrderCancelledSchema, {
  description: 'An order was cancelled before payment; `reason` says why when the platform did it.',
  ...aboutTheOrder,
});

export const orderFulfilled = defineTopic('order.fulfilled', OrderEventSchema, {
  description: 'A paid order was fulfilled.',
  ...aboutTheOrder,
});

export const orderRefunded = defineTopic('order.refunded', OrderEventSchema, {
  description: 'A paid order was refunded.',
  ...aboutTheOrder,
});

export type OrderTopic = Topic<typeof OrderEventSchema> | Topic<typeof OrderCancelledSchema>;

/** The topics orders publishes, for the messaging service and the console. */
export const ordersTopics: readonly OrderTopic[] = [
  orderCreated,
  orderPaid,
  orderCancelled,
  orderFulfilled,
  orderRefunded,
];
