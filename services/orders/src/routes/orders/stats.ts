import { createRoute, errorResponses, jsonResponse, type ServiceApp } from '@trellis/kit';
import type { OrdersDeps } from '../../deps.ts';
import { dailyFigures, utcDayRange } from '../../domain.ts';
import { countOrdersPerDay, summarizePendingPayment, sumRevenuePerDay } from '../../repository.ts';
import { OrderStatsQuerySchema, OrderStatsSchema } from './schema.ts';

export const orderStatsRoute = createRoute({
  method: 'get',
  path: '/v1/orders/stats',
  operationId: 'orders.stats',
  tags: ['orders'],
  summary: 'Orders and revenue per UTC day, and what awaits payment',
  access: { role: 'operator' },
  description:
    'Figures for dashboards: orders placed and revenue per day for the last `days` UTC days ' +
    '(today last), and the orders waiting for payment now. Revenue counts an order on the ' +
    'day it was paid, unless it was refunded since.',
  request: { query: OrderStatsQuerySchema },
  responses: {
    200: jsonResponse(OrderStatsSchema, 'The figures.'),
    ...errorResponses(),
  },
});

export function registerOrderStats(app: ServiceApp<OrdersDeps>) {
  app.openapi(orderStatsRoute, async (c) => {
    const { db, now } = c.get('deps');
    const range = utcDayRange(now(), c.req.valid('query').days);
    const [placed, revenue, pendingPayment] = await Promise.all([
      countOrdersPerDay(db, range),
      sumRevenuePerDay(db, range),
      summarizePendingPayment(db),
    ]);
    return c.json(
      {
        timeZone: 'UTC' as const,
        days: dailyFigures(range.dates, placed, revenue),
        pendingPayment,
      },
      200,
    );
  });
}
