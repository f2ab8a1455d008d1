import { outbox } from '@trellis/db/schema';
import { serviceTokenVerifier } from '@trellis/kit';
import {
  credentialRecordingProxy,
  expectProblem,
  type JsonRequester,
  type TestUser,
} from '@trellis/kit/testing';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OrderAction } from '../src/domain.ts';
import { type Order, OrderPageSchema, OrderSchema } from '../src/routes/orders/schema.ts';
import { createOrdersHarness, type OrdersHarness, staffId } from './harness.ts';

let h: OrdersHarness;
let alice: TestUser;
let bob: TestUser;
let asAlice: JsonRequester;
let asBob: JsonRequester;
let asOperator: JsonRequester;

beforeAll(async () => {
  h = await createOrdersHarness();
  alice = { id: await h.createUser(), roles: ['member'] };
  bob = { id: await h.createUser(), roles: ['member'] };
  asAlice = h.as(alice);
  asBob = h.as(bob);
  asOperator = h.as({ id: staffId(), roles: ['operator'] });
});
afterAll(async () => {
  await h.close();
});

const tea = { sku: 'TEA-EARL-GREY-100G', quantity: 2, unitPriceCents: 1250 };

function orderBody(userId: string) {
  return { userId, currency: 'EUR', items: [tea] };
}

async function placeAs(request: JsonRequester, userId: string): Promise<Order> {
  const res = await request('/v1/orders', { method: 'POST', json: orderBody(userId) });
  expect(res.status).toBe(201);
  return OrderSchema.parse(await res.json());
}

function act(request: JsonRequester, id: string, action: OrderAction) {
  return request(`/v1/orders/${id}/${action}`, { method: 'POST' });
}

async function eventTypesOf(id: string) {
  const rows = await h.database.db.select().from(outbox).where(eq(outbox.aggregateId, id));
  return rows.map((row) => row.eventType);
}

async function listAll(request: JsonRequester, query = ''): Promise<Order[]> {
  const res = await request(`/v1/orders?limit=100${query}`);
  expect(res.status).toBe(200);
  return OrderPageSchema.parse(await res.json()).items;
}

describe('orders without credentials', () => {
  it.each([
    ['POST', '/v1/orders'],
    ['GET', '/v1/orders'],
    ['GET', '/v1/orders/stats'],
    ['GET', `/v1/orders/ord_${'0'.repeat(32)}`],
    ['POST', `/v1/orders/ord_${'0'.repeat(32)}/pay`],
    ['POST', `/v1/orders/ord_${'0'.repeat(32)}/refund`],
  ])('answers %s %s with a 401 problem and a Bearer challenge', async (method, path) => {
    const res = await h.anonymous(path, {
      method,
      ...(method === 'POST' ? { json: orderBody(alice.id) } : {}),
    });
    await expectProblem(res, 401);
    expect(res.headers.get('www-authenticate')).toBe('Bearer');
  });

  it('answers a forged token with 401 and writes nothing', async () => {
    const before = await listAll(h.request);
    const forged = `${(await h.identity.userToken(alice)).slice(0, -4)}AAAA`;
    const res = await h.anonymous('/v1/orders', {
      method: 'POST',
      json: orderBody(alice.id),
      headers: { authorization: `Bearer ${forged}` },
    });
    await expectProblem(res, 401);
    expect(res.headers.get('www-authenticate')).toBe('Bearer error="invalid_token"');
    expect(await listAll(h.request)).toEqual(before);
  });
});

describe('a member and their orders', () => {
  it('places, reads, pays and cancels orders of their own', async () => {
    const order = await placeAs(asAlice, alice.id);
    expect(order.userId).toBe(alice.id);
    const read = await asAlice(`/v1/orders/${order.id}`);
    expect(OrderSchema.parse(await read.json())).toEqual(order);
    expect((await act(asAlice, order.id, 'pay')).status).toBe(200);
    const other = await placeAs(asAlice, alice.id);
    expect((await act(asAlice, other.id, 'cancel')).status).toBe(200);
  });

  it('is refused with 403 placing an order for someone else, and nothing is written', async () => {
    const before = await listAll(h.request, `&userId=${alice.id}`);
    const problem = await expectProblem(
      await asBob('/v1/orders', { method: 'POST', json: orderBody(alice.id) }),
      403,
    );
    expect(problem.detail).toBe('You may only act on orders of your own.');
    expect(await listAll(h.request, `&userId=${alice.id}`)).toEqual(before);
  });

  it("is refused with 403, not 404, reading another member's order", async () => {
    const order = await placeAs(asAlice, alice.id);
    await expectProblem(await asBob(`/v1/orders/${order.id}`), 403);
    await expectProblem(await asBob(`/v1/orders/ord_${'0'.repeat(32)}`), 404);
  });

  it.each(['pay', 'cancel'] as const)(
    "is refused with 403 trying to %s another member's order, which stays as it was",
    async (action) => {
      const order = await placeAs(asAlice, alice.id);
      await expectProblem(await act(asBob, order.id, action), 403);
      const stored = OrderSchema.parse(await (await asAlice(`/v1/orders/${order.id}`)).json());
      expect(stored).toEqual(order);
      expect(await eventTypesOf(order.id)).toEqual(['order.created']);
    },
  );

  it('may neither fulfil nor refund, even an order of their own', async () => {
    const order = await placeAs(asAlice, alice.id);
    expect((await act(asAlice, order.id, 'pay')).status).toBe(200);
    await expectProblem(await act(asAlice, order.id, 'fulfill'), 403);
    await expectProblem(await act(asAlice, order.id, 'refund'), 403);
    expect(await eventTypesOf(order.id)).toEqual(['order.created', 'order.paid']);
  });

  it('lists only their own orders, and is refused asking for another user’s', async () => {
    await placeAs(asAlice, alice.id);
    await placeAs(asBob, bob.id);
    const mine = await listAll(asAlice);
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((order) => order.userId === alice.id)).toBe(true);
    const everyone = await listAll(h.request, `&userId=${alice.id}`);
    expect(mine.map((order) => order.id)).toEqual(everyone.map((order) => order.id));
    expect(await listAll(asAlice, `&userId=${alice.id}`)).toEqual(mine);
    await expectProblem(await asAlice(`/v1/orders?userId=${bob.id}`), 403);
  });

  it('may not read the stats', async () => {
    await expectProblem(await asAlice('/v1/orders/stats'), 403);
  });

  it("cannot have another member's order replayed by reusing its Idempotency-Key", async () => {
    const key = `mine-${crypto.randomUUID()}`;
    const headers = { 'idempotency-key': key };
    const first = await asAlice('/v1/orders', {
      method: 'POST',
      json: orderBody(alice.id),
      headers,
    });
    const alicesOrder = OrderSchema.parse(await first.json());
    await expectProblem(
      await asBob('/v1/orders', { method: 'POST', json: orderBody(alice.id), headers }),
      403,
    );
    // Keys are each user's own: Bob's use of the same key places Bob's order.
    const bobs = await asBob('/v1/orders', { method: 'POST', json: orderBody(bob.id), headers });
    expect(bobs.status).toBe(201);
    expect(bobs.headers.get('idempotent-replayed')).toBeNull();
    expect(OrderSchema.parse(await bobs.json()).id).not.toBe(alicesOrder.id);
  });
});

describe('staff and orders', () => {
  it('lets an operator place an order for a member, see everyone’s and fulfil, not refund', async () => {
    const order = await placeAs(asOperator, alice.id);
    await placeAs(asBob, bob.id);
    const seen = new Set((await listAll(asOperator)).map((listed) => listed.userId));
    expect(seen).toEqual(new Set([alice.id, bob.id]));
    expect((await asOperator(`/v1/orders/${order.id}`)).status).toBe(200);
    expect((await act(asOperator, order.id, 'pay')).status).toBe(200);
    await expectProblem(await act(asOperator, order.id, 'refund'), 403);
    expect((await act(asOperator, order.id, 'fulfill')).status).toBe(200);
    expect((await asOperator('/v1/orders/stats')).status).toBe(200);
  });

  it('lets only an admin refund', async () => {
    const order = await placeAs(asAlice, alice.id);
    expect((await act(asAlice, order.id, 'pay')).status).toBe(200);
    await expectProblem(await act(asAlice, order.id, 'refund'), 403);
    await expectProblem(await act(asOperator, order.id, 'refund'), 403);
    const refunded = await act(h.request, order.id, 'refund');
    expect(OrderSchema.parse(await refunded.json()).status).toBe('refunded');
  });
});

describe('orders calling users', () => {
  it("sends orders' own service token and forwards the member's token", async () => {
    const proxy = await credentialRecordingProxy(h.usersUrl);
    const { seen } = proxy;
    try {
      const token = await h.identity.userToken(alice);
      const res = await h.withUsersAt(proxy.url)('/v1/orders', {
        method: 'POST',
        json: orderBody(alice.id),
        headers: { authorization: `Bearer ${token}` },
      });
      expect(res.status).toBe(201);
      // A loaded machine may see the call retried after a timeout: every attempt carries both.
      expect(seen.length).toBeGreaterThanOrEqual(1);
      const verify = serviceTokenVerifier(h.identity.settings.serviceKeys ?? {}, 'users');
      for (const call of seen) {
        expect(call.userToken).toBe(token);
        const bearer = call.authorization?.replace(/^Bearer /, '') ?? '';
        expect((await verify(bearer)).service).toBe('orders');
      }
    } finally {
      await proxy.close();
    }
  });
});
