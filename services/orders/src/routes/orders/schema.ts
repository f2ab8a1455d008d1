import { CursorSchema, LimitSchema, z } from '@trellis/kit';
import { initialOrderStatus, orderStatuses } from '../../lifecycle.ts';

const exampleOrderId = 'ord_0193a5b2c4d87e1f9a0b1c2d3e4f5a6b';
const exampleUserId = 'usr_0193a5b2c4d87e1f9a0b1c2d3e4f5a6b';
const exampleTime = '2026-11-26T09:30:00.000Z';

export const OrderIdSchema = z
  .string()
  .regex(/^ord_[0-9a-f]{32}$/, 'must be an order id (ord_ followed by 32 hex digits)')
  .openapi({ description: 'Order id.', example: exampleOrderId });

export const UserIdSchema = z
  .string()
  .regex(/^usr_[0-9a-f]{32}$/, 'must be a user id (usr_ followed by 32 hex digits)')
  .openapi({ description: 'Id of the user who placed the order.', example: exampleUserId });

export const CurrencySchema = z
  .string()
  .regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code: three upper-case letters')
  .openapi('Currency', {
    description: 'ISO 4217 currency code; every amount of the order is in its minor unit.',
    example: 'EUR',
  });

export const OrderStatusSchema = z.enum(orderStatuses).openapi('OrderStatus', {
  description: 'pending_payment → paid → fulfilled; pending_payment → cancelled; paid → refunded.',
  example: initialOrderStatus,
});

const SkuSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'must be letters, digits, dots, dashes or underscores')
  .openapi({ description: 'Stock keeping unit of the product.', example: 'TEA-EARL-GREY-100G' });

const QuantitySchema = z.number().int().min(1).max(10_000).openapi({
  description: 'How many units, 1 to 10,000.',
  example: 2,
});

const UnitPriceSchema = z.number().int().min(0).max(1_000_000_000).openapi({
  description: 'Price of one unit in minor units of the currency (cents), 0 to 10^9.',
  example: 1250,
});

export const NewOrderItemSchema = z
  .object({ sku: SkuSchema, quantity: QuantitySchema, unitPriceCents: UnitPriceSchema })
  .strict()
  .openapi('NewOrderItem', { description: 'One line of a new order.' });

export const CreateOrderSchema = z
  .object({
    userId: UserIdSchema.openapi({
      description: 'The user placing the order; must exist and be active.',
      example: exampleUserId,
    }),
    currency: CurrencySchema,
    items: z
      .array(NewOrderItemSchema)
      .min(1)
      .max(100)
      .openapi({
        description: '1 to 100 lines; totals are computed by the server.',
        example: [{ sku: 'TEA-EARL-GREY-100G', quantity: 2, unitPriceCents: 1250 }],
      }),
  })
  .strict()
  .openapi('CreateOrder');

export type CreateOrder = z.infer<typeof CreateOrderSchema>;

export const OrderItemSchema = z
  .object({
    sku: SkuSchema,
    quantity: QuantitySchema,
    unitPriceCents: UnitPriceSchema,
    lineTotalCents: z.number().int().openapi({
      description: 'quantity × unitPriceCents, computed by the server.',
      example: 2500,
    }),
  })
  .openapi('OrderItem', { description: 'One line of an order.' });

export type OrderItem = z.infer<typeof OrderItemSchema>;

function timestamp(description: string) {
  return z.iso.datetime().openapi({ description, example: exampleTime });
}

export const OrderSchema = z
  .object({
    id: OrderIdSchema,
    userId: UserIdSchema,
    currency: CurrencySchema,
    status: OrderStatusSchema,
    totalCents: z.number().int().openapi({
      description: 'Sum of the line totals in minor units, computed by the server.',
      example: 2500,
    }),
    items: z.array(OrderItemSchema).openapi({
      description: 'The lines, in the order they were given.',
      example: [
        { sku: 'TEA-EARL-GREY-100G', quantity: 2, unitPriceCents: 1250, lineTotalCents: 2500 },
      ],
    }),
    version: z
      .number()
      .int()
      .openapi({ description: 'Bumped on every change; the ETag carries it.', example: 1 }),
    createdAt: timestamp('When the order was placed (UTC).'),
    updatedAt: timestamp('When the order last changed (UTC).'),
    paidAt: timestamp('When the order was paid (UTC); absent until then.').optional(),
    fulfilledAt: timestamp('When the order was fulfilled (UTC); absent until then.').optional(),
    cancelledAt: timestamp('When the order was cancelled (UTC); absent unless it was.').optional(),
    refundedAt: timestamp('When the order was refunded (UTC); absent unless it was.').optional(),
  })
  .openapi('Order');

export type Order = z.infer<typeof OrderSchema>;

export const OrderParamsSchema = z.object({
  id: OrderIdSchema.openapi({ param: { name: 'id', in: 'path' } }),
});

export const ListOrdersQuerySchema = z.object({
  userId: UserIdSchema.optional().openapi({
    description: 'Only the orders of this user.',
    example: exampleUserId,
  }),
  status: OrderStatusSchema.optional(),
  limit: LimitSchema,
  cursor: CursorSchema,
});

export const OrderPageSchema = z
  .object({
    items: z.array(OrderSchema).openapi({ description: 'The orders of this page, newest first.' }),
    nextCursor: z
      .string()
      .nullable()
      .openapi({ description: 'Cursor of the next page; null on the last.', example: null }),
  })
  .openapi('OrderPage');

export const OrderStatsQuerySchema = z.object({
  days: z.coerce.number().int().min(1).max(90).default(30).openapi({
    description: 'How many UTC days to report, today included: 1 to 90.',
    example: 30,
  }),
});

const UtcDateSchema = z.iso
  .date()
  .openapi({ description: 'A calendar day in UTC.', example: '2026-11-26' });

export const CurrencyAmountSchema = z
  .object({
    currency: CurrencySchema,
    amountCents: z
      .number()
      .int()
      .openapi({ description: 'The amount in minor units of the currency.', example: 125_000 }),
  })
  .openapi('CurrencyAmount', {
    description: 'A sum of money in one currency; amounts in different currencies never mix.',
  });

export const DailyOrderStatsSchema = z
  .object({
    date: UtcDateSchema,
    orders: z
      .number()
      .int()
      .openapi({ description: 'Orders placed that day, whatever became of them.', example: 7 }),
    revenue: z.array(CurrencyAmountSchema).openapi({
      description:
        'Totals of the orders paid that day that are still paid or fulfilled (refunds are ' +
        'not revenue), per currency, by currency code; empty when nothing was paid.',
      example: [{ currency: 'EUR', amountCents: 125_000 }],
    }),
  })
  .openapi('DailyOrderStats', { description: 'What happened to orders on one UTC day.' });

export const OrderStatsSchema = z
  .object({
    timeZone: z
      .literal('UTC')
      .openapi({ description: 'The time zone the days are cut in.', example: 'UTC' }),
    days: z.array(DailyOrderStatsSchema).openapi({
      description:
        'One entry per day, oldest first, days without orders included; the last is today.',
    }),
    pendingPayment: z
      .object({
        orders: z
          .number()
          .int()
          .openapi({ description: 'Orders waiting for payment right now.', example: 24 }),
        amounts: z.array(CurrencyAmountSchema).openapi({
          description: 'What those orders are worth, per currency, by currency code.',
          example: [{ currency: 'EUR', amountCents: 48_200 }],
        }),
      })
      .openapi({
        description: 'Orders in pending_payment, whenever they were placed.',
        example: { orders: 24, amounts: [{ currency: 'EUR', amountCents: 48_200 }] },
      }),
  })
  .openapi('OrderStats');

export type OrderStats = z.infer<typeof OrderStatsSchema>;
