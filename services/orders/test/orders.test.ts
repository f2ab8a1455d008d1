import { idempotencyKeys, orders, outbox } from '@trellis/db/schema';
import { ProblemSchema } from '@trellis/kit';
import { closedUrl, expectIdempotentRace, expectProblem } from '@trellis/kit/testing';
import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OrderAction, OrderStatus } from '../src/domain.ts';
import { type Order, OrderPageSchema, OrderSchema } from '../src/routes/orders/schema.ts';
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

const tea = { sku: 'TEA-EARL-GREY-100G', quantity: 2, unitPriceCents: 1250 };
const cups = { sku: 'CUP-WHITE', quantity: 3, unitPriceCents: 799 };
const missingUser = `usr_${'0'.repeat(32)}`;
const missingOrder = `ord_${'0'.repeat(32)}`;

function orderBody(overrides: Record<string, unknown> = {}) {
  return { userId: buyer, currency: 'EUR', items: [tea, cups], ...overrides };
}

async function createOrder(body: Record<string, unknown> = orderBody(), key?: string) {
  const res = await h.request('/v1/orders', {
    method: 'POST',
    json: body,
    ...(key ? { headers: { 'idempotency-key': key } } : {}),
  });
  return res;
}

async function placeOrder(body?: Record<string, unknown>): Promise<Order> {
  const res = await createOrder(body);
  expect(res.status).toBe(201);
  return OrderSchema.parse(await res.json());
}

function act(id: string, action: OrderAction) {
  return h.request(`/v1/orders/${id}/${action}`, { method: 'POST' });
}

const pathTo: Record<OrderStatus, OrderAction[]> = {
  pending_payment: [],
  paid: ['pay'],
  fulfilled: ['pay', 'fulfill'],
  cancelled: ['cancel'],
  refunded: ['pay', 'refund'],
};

async function orderIn(status: OrderStatus): Promise<Order> {
  const order = await placeOrder();
  for (const action of pathTo[status]) {
    expect((await act(order.id, action)).status).toBe(200);
  }
  return order;
}

async function eventsOf(id: string) {
  return h.database.db
    .select()
    .from(outbox)
    .where(eq(outbox.aggregateId, id))
    .orderBy(asc(outbox.id));
}

describe('POST /v1/orders', () => {
  it('places a pending order whose line totals and total are computed by the server', async () => {
    const res = await createOrder();
    expect(res.status).toBe(201);
    const order = OrderSchema.parse(await res.json());
    expect(order.id).toMatch(/^ord_[0-9a-f]{32}$/);
    expect(order).toMatchObject({
      userId: buyer,
      currency: 'EUR',
      status: 'pending_payment',
      totalCents: 2 * 1250 + 3 * 799,
      version: 1,
      createdAt: h.clock.now.toISOString(),
    });
    expect(order.items).toEqual([
      { ...tea, lineTotalCents: 2500 },
      { ...cups, lineTotalCents: 2397 },
    ]);
    expect(order.paidAt).toBeUndefined();
    expect(res.headers.get('location')).toBe(`/v1/orders/${order.id}`);
  });

  it('writes order.created to the outbox with the order and the trace context', async () => {
    const traceparent = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
    const res = await h.request('/v1/orders', {
      method: 'POST',
      json: orderBody(),
      headers: { traceparent, 'x-request-id': 'req-create-order' },
    });
    const order = OrderSchema.parse(await res.json());
    const events = await eventsOf(order.id);
    expect(events).toHaveLength(1);
    expect(events[0]?.eventType).toBe('order.created');
    expect(events[0]?.aggregateType).toBe('order');
    expect(OrderSchema.parse(events[0]?.payload.order)).toEqual(order);
    expect(events[0]?.headers.traceparent).toMatch(
      /^00-0af7651916cd43dd8448eb211c80319c-[0-9a-f]{16}-01$/,
    );
    expect(events[0]?.headers['x-request-id']).toBe('req-create-order');
  });

  it('refuses a user the users service does not know with 422 naming userId', async () => {
    const problem = await expectProblem(
      await createOrder(orderBody({ userId: missingUser })),
      422,
      'userId',
    );
    expect(problem.detail).toContain(missingUser);
  });

  it('refuses a suspended user with 422 naming userId', async () => {
    const suspended = await h.createUser({ suspended: true });
    const problem = await expectProblem(
      await createOrder(orderBody({ userId: suspended })),
      422,
      'userId',
    );
    expect(problem.detail).toContain('suspended');
    const written = await h.database.db.select().from(orders).where(eq(orders.userId, suspended));
    expect(written).toHaveLength(0);
  });

  it('answers 503 problem+json, not 500, when the users service cannot be reached', async () => {
    const request = h.withUsersAt(await closedUrl());
    const lonely = `usr_${'9'.repeat(32)}`;
    const res = await request('/v1/orders', {
      method: 'POST',
      json: orderBody({ userId: lonely }),
    });
    const problem = await expectProblem(res, 503);
    expect(problem.detail).toContain('users');
    expect(res.headers.get('retry-after')).toBe('1');
    const written = await h.database.db.select().from(orders).where(eq(orders.userId, lonely));
    expect(written).toHaveLength(0);
  });

  it('refuses a client-supplied total as an unknown field', async () => {
    await expectProblem(await createOrder(orderBody({ totalCents: 1 })), 400, '');
  });

  it.each([
    ['a missing field', { currency: undefined }, 'currency'],
    ['a missing item field', { items: [{ sku: 'A', quantity: 1 }] }, 'items[0].unitPriceCents'],
    ['a missing list of items', { items: undefined }, 'items'],
    ['a wrong type', { items: [{ ...tea, quantity: '2' }] }, 'items[0].quantity'],
    ['a zero quantity', { items: [{ ...tea, quantity: 0 }] }, 'items[0].quantity'],
    ['a fractional quantity', { items: [{ ...tea, quantity: 1.5 }] }, 'items[0].quantity'],
    [
      'a negative price',
      { items: [tea, { ...cups, unitPriceCents: -1 }] },
      'items[1].unitPriceCents',
    ],
    ['a lower-case currency', { currency: 'eur' }, 'currency'],
    ['a four-letter currency', { currency: 'EURO' }, 'currency'],
    ['an empty list of items', { items: [] }, 'items'],
    ['an oversize list of 101 items', { items: Array.from({ length: 101 }, () => tea) }, 'items'],
    ['a malformed user id', { userId: 'bob' }, 'userId'],
    ['a blank sku', { items: [{ ...tea, sku: '' }] }, 'items[0].sku'],
  ])('answers %s with a 400 problem naming the field', async (_case, overrides, field) => {
    await expectProblem(await createOrder(orderBody(overrides)), 400, field);
  });

  it('answers a body that is not JSON with a 400 problem', async () => {
    const res = await h.request('/v1/orders', {
      method: 'POST',
      body: '{"userId":',
      headers: { 'content-type': 'application/json' },
    });
    await expectProblem(res, 400);
  });

  it('answers a malformed Idempotency-Key with a 400 problem naming the header', async () => {
    await expectProblem(await createOrder(orderBody(), 'short'), 400, 'idempotency-key');
  });

  it('accepts 100 items, the most an order may hold', async () => {
    const order = await placeOrder(orderBody({ items: Array.from({ length: 100 }, () => tea) }));
    expect(order.items).toHaveLength(100);
    expect(order.totalCents).toBe(250_000);
  });

  it('refuses more lines than the live maxItemsPerOrder with 422 naming items, until it rises', async () => {
    h.config.set({ maxItemsPerOrder: 2 });
    try {
      const problem = await expectProblem(
        await createOrder(orderBody({ items: [tea, cups, tea] })),
        422,
        'items',
      );
      expect(problem.detail).toBe('An order may hold at most 2 lines; this one has 3.');
      await placeOrder(orderBody({ items: [tea, cups] }));
    } finally {
      h.config.set({});
    }
    await placeOrder(orderBody({ items: [tea, cups, tea] }));
  });
});

describe('POST /v1/orders with an Idempotency-Key', () => {
  it('creates exactly one order when eight requests with one key race, all answered alike', async () => {
    const body = orderBody({ items: [{ sku: 'RACE', quantity: 1, unitPriceCents: 100 }] });
    const order = OrderSchema.parse(await expectIdempotentRace(h.request, '/v1/orders', body));
    const { id } = order;
    expect(order.totalCents).toBe(100);
    const rows = await h.database.db.select().from(orders).where(eq(orders.userId, buyer));
    expect(rows.filter((row) => row.totalCents === 100)).toHaveLength(1);
    expect(await eventsOf(id)).toHaveLength(1);
    const keys = await h.database.db
      .select()
      .from(idempotencyKeys)
      .where(eq(idempotencyKeys.resourceId, id));
    expect(keys).toHaveLength(1);
    expect(keys[0]).toMatchObject({
      scope: `orders.create@${h.admin.id}`,
      resourceId: id,
      statusCode: 201,
    });
    expect(keys[0]?.requestHash).toMatch(/^[0-9a-f]{64}$/);
    expect(keys[0]?.expiresAt.getTime()).toBe(h.clock.now.getTime() + 24 * 60 * 60 * 1000);
  });

  it('replays the stored 201 body after the order moved on, without asking the users service', async () => {
    const key = `replay-${crypto.randomUUID()}`;
    const first = OrderSchema.parse(await (await createOrder(orderBody(), key)).json());
    expect((await act(first.id, 'pay')).status).toBe(200);
    const request = h.withUsersAt(await closedUrl());
    const again = await request('/v1/orders', {
      method: 'POST',
      json: orderBody(),
      headers: { 'idempotency-key': key },
    });
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.headers.get('location')).toBe(`/v1/orders/${first.id}`);
    expect(OrderSchema.parse(await again.json())).toEqual(first);
  });

  it('treats the same body with its keys in another order as the same request', async () => {
    const key = `canon-${crypto.randomUUID()}`;
    const first = OrderSchema.parse(await (await createOrder(orderBody(), key)).json());
    const reordered = {
      items: [
        { unitPriceCents: tea.unitPriceCents, quantity: tea.quantity, sku: tea.sku },
        { quantity: cups.quantity, unitPriceCents: cups.unitPriceCents, sku: cups.sku },
      ],
      currency: 'EUR',
      userId: buyer,
    };
    const again = await createOrder(reordered, key);
    expect(OrderSchema.parse(await again.json()).id).toBe(first.id);
  });

  it('refuses the same key with another body with 422 naming the header', async () => {
    const key = `reuse-${crypto.randomUUID()}`;
    expect((await createOrder(orderBody(), key)).status).toBe(201);
    const problem = await expectProblem(
      await createOrder(orderBody({ currency: 'USD' }), key),
      422,
      'idempotency-key',
    );
    expect(problem.detail).toContain('different request body');
  });

  it('refuses another body with 422 even when the two requests race', async () => {
    const key = `race-reuse-${crypto.randomUUID()}`;
    const [a, b] = await Promise.all([
      createOrder(orderBody({ currency: 'EUR' }), key),
      createOrder(orderBody({ currency: 'GBP' }), key),
    ]);
    expect([a?.status, b?.status].sort()).toEqual([201, 422]);
  });

  it('lets a key be used afresh once it expired after 24 hours', async () => {
    const key = `expiry-${crypto.randomUUID()}`;
    const first = OrderSchema.parse(await (await createOrder(orderBody(), key)).json());
    const started = h.clock.now;
    h.clock.now = new Date(started.getTime() + 24 * 60 * 60 * 1000 + 1);
    try {
      const res = await createOrder(orderBody({ currency: 'USD' }), key);
      expect(res.status).toBe(201);
      const second = OrderSchema.parse(await res.json());
      expect(second.id).not.toBe(first.id);
      expect(second.currency).toBe('USD');
    } finally {
      h.clock.now = started;
    }
  });

  it('keeps keys of different requests apart', async () => {
    const a = OrderSchema.parse(
      await (await createOrder(orderBody(), `a-${crypto.randomUUID()}`)).json(),
    );
    const b = OrderSchema.parse(
      await (await createOrder(orderBody(), `b-${crypto.randomUUID()}`)).json(),
    );
    expect(a.id).not.toBe(b.id);
  });
});

describe('GET /v1/orders/{id}', () => {
  it('returns the order with its lines and an ETag carrying its version', async () => {
    const placed = await placeOrder();
    const res = await h.request(`/v1/orders/${placed.id}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('etag')).toBe(`"${placed.id}.v1"`);
    expect(OrderSchema.parse(await res.json())).toEqual(placed);
  });

  it('answers 304 while If-None-Match holds its ETag, and the order once it has moved on', async () => {
    const placed = await placeOrder();
    const etag = `"${placed.id}.v1"`;
    const unchanged = await h.request(`/v1/orders/${placed.id}`, {
      headers: { 'if-none-match': etag },
    });
    expect(unchanged.status).toBe(304);
    expect(await unchanged.text()).toBe('');
    await h.request(`/v1/orders/${placed.id}/pay`, { method: 'POST' });
    const moved = await h.request(`/v1/orders/${placed.id}`, {
      headers: { 'if-none-match': etag },
    });
    expect(moved.status).toBe(200);
    expect(moved.headers.get('etag')).toBe(`"${placed.id}.v2"`);
  });

  it('answers an unknown id with 404 and a malformed id with 400 naming it', async () => {
    const problem = await expectProblem(await h.request(`/v1/orders/${missingOrder}`), 404);
    expect(problem.detail).toContain(missingOrder);
    await expectProblem(await h.request('/v1/orders/nope'), 400, 'id');
  });
});

describe('GET /v1/orders', () => {
  it('filters by user and status and pages newest first with a cursor', async () => {
    const pager = await h.createUser();
    const placed: Order[] = [];
    for (let i = 0; i < 5; i++) {
      placed.push(await placeOrder(orderBody({ userId: pager })));
    }
    await act(placed[1]?.id ?? '', 'pay');
    await act(placed[3]?.id ?? '', 'pay');

    const first = OrderPageSchema.parse(
      await (await h.request(`/v1/orders?userId=${pager}&limit=2`)).json(),
    );
    expect(first.items).toHaveLength(2);
    expect(first.nextCursor).toBeTruthy();
    const seen = [...first.items];
    let cursor = first.nextCursor;
    while (cursor) {
      const page = OrderPageSchema.parse(
        await (await h.request(`/v1/orders?userId=${pager}&limit=2&cursor=${cursor}`)).json(),
      );
      seen.push(...page.items);
      cursor = page.nextCursor;
    }
    expect(seen.map((order) => order.id)).toEqual(placed.map((order) => order.id).reverse());
    expect(seen[0]?.items).toHaveLength(2);

    const paid = OrderPageSchema.parse(
      await (await h.request(`/v1/orders?userId=${pager}&status=paid`)).json(),
    );
    expect(paid.items.map((order) => order.id)).toEqual([placed[3]?.id, placed[1]?.id]);
    expect(paid.nextCursor).toBeNull();

    const none = OrderPageSchema.parse(
      await (await h.request(`/v1/orders?userId=${pager}&status=refunded`)).json(),
    );
    expect(none.items).toEqual([]);
  });

  it('lists every user’s orders without a filter', async () => {
    const page = OrderPageSchema.parse(await (await h.request('/v1/orders?limit=100')).json());
    expect(new Set(page.items.map((order) => order.userId)).size).toBeGreaterThan(1);
  });

  it.each([
    ['status=shipped', 'status'],
    ['limit=0', 'limit'],
    ['limit=101', 'limit'],
    ['limit=abc', 'limit'],
    ['userId=bob', 'userId'],
    ['cursor=not-a-cursor', 'cursor'],
  ])('answers %s with a 400 problem naming the field', async (query, field) => {
    await expectProblem(await h.request(`/v1/orders?${query}`), 400, field);
  });
});

describe('order transitions', () => {
  it.each([
    ['pending_payment', 'pay', 'paid', 'paidAt'],
    ['pending_payment', 'cancel', 'cancelled', 'cancelledAt'],
    ['paid', 'fulfill', 'fulfilled', 'fulfilledAt'],
    ['paid', 'refund', 'refunded', 'refundedAt'],
  ] as const)('moves a %s order by %s to %s and stamps %s', async (from, action, to, stamp) => {
    const order = await orderIn(from);
    const current = OrderSchema.parse(await (await h.request(`/v1/orders/${order.id}`)).json());
    h.clock.now = new Date(h.clock.now.getTime() + 60_000);
    const res = await act(order.id, action);
    expect(res.status).toBe(200);
    const moved = OrderSchema.parse(await res.json());
    expect(moved.status).toBe(to);
    expect(moved.version).toBe(current.version + 1);
    expect(moved[stamp]).toBe(h.clock.now.toISOString());
    expect(moved.updatedAt).toBe(h.clock.now.toISOString());
    expect(moved.items).toEqual(order.items);
    expect(res.headers.get('etag')).toBe(`"${order.id}.v${moved.version}"`);
    const events = await eventsOf(order.id);
    const last = events.at(-1);
    expect(last?.eventType).toBe(`order.${to}`);
    expect(OrderSchema.parse(last?.payload.order)).toEqual(moved);
  });

  it.each(['pay', 'cancel'] as const)(
    'refuses to %s with a stale If-Match with 412, and applies it with the current one',
    async (action) => {
      const order = await placeOrder();
      const stale = await h.request(`/v1/orders/${order.id}/${action}`, {
        method: 'POST',
        headers: { 'if-match': `"${order.id}.v0"` },
      });
      const problem = await expectProblem(stale, 412, 'if-match');
      expect(problem.currentEtag).toBe(`"${order.id}.v1"`);
      expect((await eventsOf(order.id)).map((event) => event.eventType)).toEqual(['order.created']);
      const fresh = await h.request(`/v1/orders/${order.id}/${action}`, {
        method: 'POST',
        headers: { 'if-match': `"${order.id}.v1"` },
      });
      expect(fresh.status).toBe(200);
      expect(fresh.headers.get('etag')).toBe(`"${order.id}.v2"`);
    },
  );

  it('answers 412 rather than 409 to a stale If-Match on an order already moved on', async () => {
    const order = await orderIn('paid');
    const stale = await h.request(`/v1/orders/${order.id}/fulfill`, {
      method: 'POST',
      headers: { 'if-match': `"${order.id}.v1"` },
    });
    await expectProblem(stale, 412, 'if-match');
    const refund = await h.request(`/v1/orders/${order.id}/refund`, {
      method: 'POST',
      headers: { 'if-match': `W/"${order.id}.v2"` },
    });
    expect(OrderSchema.parse(await refund.json()).status).toBe('refunded');
  });

  it('cancels an order paid after its payment window and answers 409 saying so', async () => {
    const order = await placeOrder();
    h.clock.now = new Date(h.clock.now.getTime() + 30 * 60_000);
    const problem = await expectProblem(await act(order.id, 'pay'), 409);
    expect(problem.detail).toMatch(/payment window of order .* expired .* cancelled/);
    expect(problem.currentStatus).toBe('cancelled');
    expect(problem.paymentDeadline).toBe(h.clock.now.toISOString());
    const stored = OrderSchema.parse(await (await h.request(`/v1/orders/${order.id}`)).json());
    expect(stored).toMatchObject({ status: 'cancelled', cancelledAt: h.clock.now.toISOString() });
    expect((await eventsOf(order.id)).map((event) => event.eventType)).toEqual([
      'order.created',
      'order.cancelled',
    ]);
    const again = await expectProblem(await act(order.id, 'pay'), 409);
    expect(again.detail).toBe('Cannot pay an order whose status is cancelled.');
  });

  it('applies a new paymentTimeoutMinutes to orders already waiting, without a restart', async () => {
    const early = await placeOrder();
    const late = await placeOrder();
    h.clock.now = new Date(h.clock.now.getTime() + 10 * 60_000);
    expect((await act(early.id, 'pay')).status).toBe(200);
    h.config.set({ paymentTimeoutMinutes: 5 });
    try {
      await expectProblem(await act(late.id, 'pay'), 409);
    } finally {
      h.config.set({});
    }
  });

  it('records every change as its event, in order: created, paid, fulfilled', async () => {
    const order = await orderIn('fulfilled');
    expect((await eventsOf(order.id)).map((event) => event.eventType)).toEqual([
      'order.created',
      'order.paid',
      'order.fulfilled',
    ]);
  });

  const illegal: [OrderStatus, OrderAction][] = [
    ['pending_payment', 'fulfill'],
    ['pending_payment', 'refund'],
    ['paid', 'pay'],
    ['paid', 'cancel'],
    ['fulfilled', 'pay'],
    ['fulfilled', 'cancel'],
    ['fulfilled', 'fulfill'],
    ['fulfilled', 'refund'],
    ['cancelled', 'pay'],
    ['cancelled', 'cancel'],
    ['cancelled', 'fulfill'],
    ['cancelled', 'refund'],
    ['refunded', 'pay'],
    ['refunded', 'cancel'],
    ['refunded', 'fulfill'],
    ['refunded', 'refund'],
  ];

  it.each(illegal)(
    'refuses to move a %s order by %s, with 409 naming its status',
    async (from, action) => {
      const order = await orderIn(from);
      const before = await eventsOf(order.id);
      const problem = await expectProblem(await act(order.id, action), 409);
      expect(problem.currentStatus).toBe(from);
      expect(problem.detail).toBe(`Cannot ${action} an order whose status is ${from}.`);
      expect(await eventsOf(order.id)).toHaveLength(before.length);
    },
  );

  it('lets exactly one of a racing pay and cancel win and reports the winner to the loser', async () => {
    const order = await placeOrder();
    const [pay, cancel] = await Promise.all([act(order.id, 'pay'), act(order.id, 'cancel')]);
    const statuses = [pay?.status, cancel?.status];
    expect(statuses.sort()).toEqual([200, 409]);
    const loser = pay?.status === 409 ? pay : cancel;
    const problem = ProblemSchema.parse(await loser?.json());
    const stored = OrderSchema.parse(await (await h.request(`/v1/orders/${order.id}`)).json());
    expect(problem.currentStatus).toBe(stored.status);
    expect((await eventsOf(order.id)).map((event) => event.eventType)).toEqual([
      'order.created',
      `order.${stored.status}`,
    ]);
  });

  it('pays an order once when ten pay requests race', async () => {
    const order = await placeOrder();
    const responses = await Promise.all(Array.from({ length: 10 }, () => act(order.id, 'pay')));
    expect(responses.filter((res) => res.status === 200)).toHaveLength(1);
    expect(responses.filter((res) => res.status === 409)).toHaveLength(9);
    expect((await eventsOf(order.id)).map((event) => event.eventType)).toEqual([
      'order.created',
      'order.paid',
    ]);
  });

  it.each(['pay', 'cancel', 'fulfill', 'refund'] as const)(
    'answers %s on an unknown order with 404 and on a malformed id with 400 naming it',
    async (action) => {
      await expectProblem(await act(missingOrder, action), 404);
      await expectProblem(await act('ord_nope', action), 400, 'id');
    },
  );
});
