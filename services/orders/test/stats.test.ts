import { ProblemSchema } from '@trellis/kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dailyFigures, utcDayRange } from '../src/domain.ts';
import { OrderSchema, OrderStatsSchema } from '../src/routes/orders/schema.ts';
import { createOrdersHarness, type OrdersHarness } from './harness.ts';

let h: OrdersHarness;
let buyer: string;

beforeAll(async () => {
  h = await createOrdersHarness();
  buyer = await h.createUser();
});
afterAll(async () => {
  await h.close();
});

async function placeAt(at: string, currency: string, unitPriceCents: number, actions: string[]) {
  h.clock.now = new Date(at);
  const res = await h.request('/v1/orders', {
    method: 'POST',
    json: { userId: buyer, currency, items: [{ sku: 'SKU-1', quantity: 1, unitPriceCents }] },
  });
  expect(res.status).toBe(201);
  const order = OrderSchema.parse(await res.json());
  for (const action of actions) {
    const moved = await h.request(`/v1/orders/${order.id}/${action}`, { method: 'POST' });
    expect(moved.status).toBe(200);
  }
  return order;
}

async function stats(query = '') {
  const res = await h.request(`/v1/orders/stats${query}`);
  expect(res.status).toBe(200);
  return OrderStatsSchema.parse(await res.json());
}

describe('utcDayRange', () => {
  it('ends with the UTC day of now and starts days - 1 days before it', () => {
    const range = utcDayRange(new Date('2026-11-26T23:59:00+01:00'), 3);
    expect(range.dates).toEqual(['2026-11-24', '2026-11-25', '2026-11-26']);
    expect(range.from.toISOString()).toBe('2026-11-24T00:00:00.000Z');
    expect(range.to.toISOString()).toBe('2026-11-27T00:00:00.000Z');
  });
});

describe('dailyFigures', () => {
  it('fills days without orders with zeros and sorts amounts by currency', () => {
    const figures = dailyFigures(
      ['2026-11-25', '2026-11-26'],
      [{ date: '2026-11-26', orders: 2 }],
      [
        { date: '2026-11-26', currency: 'USD', amountCents: 5 },
        { date: '2026-11-26', currency: 'EUR', amountCents: 7 },
      ],
    );
    expect(figures).toEqual([
      { date: '2026-11-25', orders: 0, revenue: [] },
      {
        date: '2026-11-26',
        orders: 2,
        revenue: [
          { currency: 'EUR', amountCents: 7 },
          { currency: 'USD', amountCents: 5 },
        ],
      },
    ]);
  });
});

describe('GET /v1/orders/stats', () => {
  it('counts orders per day placed, revenue per day paid and currency, and pending payment', async () => {
    await placeAt('2026-11-24T10:00:00Z', 'EUR', 1000, ['pay']);
    await placeAt('2026-11-25T23:30:00Z', 'EUR', 2000, []);
    await placeAt('2026-11-26T00:10:00Z', 'EUR', 400, ['pay', 'fulfill']);
    await placeAt('2026-11-26T08:00:00Z', 'USD', 300, ['pay']);
    await placeAt('2026-11-26T09:00:00Z', 'EUR', 5000, ['pay', 'refund']);
    await placeAt('2026-11-26T10:00:00Z', 'USD', 700, []);
    await placeAt('2026-11-26T11:00:00Z', 'EUR', 800, ['cancel']);
    // Placed in the future of the clock below: not counted yet.
    await placeAt('2026-11-27T01:00:00Z', 'EUR', 900, ['pay']);
    h.clock.now = new Date('2026-11-26T12:00:00Z');

    const figures = await stats('?days=3');
    expect(figures.timeZone).toBe('UTC');
    expect(figures.days).toEqual([
      { date: '2026-11-24', orders: 1, revenue: [{ currency: 'EUR', amountCents: 1000 }] },
      { date: '2026-11-25', orders: 1, revenue: [] },
      {
        date: '2026-11-26',
        orders: 5,
        revenue: [
          { currency: 'EUR', amountCents: 400 },
          { currency: 'USD', amountCents: 300 },
        ],
      },
    ]);
    expect(figures.pendingPayment).toEqual({
      orders: 2,
      amounts: [
        { currency: 'EUR', amountCents: 2000 },
        { currency: 'USD', amountCents: 700 },
      ],
    });
  });

  it('reports 30 days by default, today last', async () => {
    const figures = await stats();
    expect(figures.days).toHaveLength(30);
    expect(figures.days.at(-1)?.date).toBe('2026-11-26');
  });

  it('refuses a day count outside 1 to 90 with a 400 naming days', async () => {
    for (const days of ['0', '91', 'many']) {
      const res = await h.request(`/v1/orders/stats?days=${days}`);
      expect(res.status).toBe(400);
      const problem = ProblemSchema.parse(await res.json());
      expect(problem.errors.map((e) => e.path)).toContain('days');
    }
  });
});
