import { randomBytes } from 'node:crypto';
import type { Tx } from '@trellis/db';
import { orders, outbox } from '@trellis/db/schema';
import { createTestDatabase, type TestDatabase } from '@trellis/db/testing';
import { createStaticConfig } from '@trellis/kit';
import {
  createSubscriber,
  type EventEnvelope,
  eventJob,
  queueName,
  queuePrefix,
  redisConnection,
  subscriptionId,
} from '@trellis/kit/messaging';
import { captureLogger } from '@trellis/kit/testing';
import { type UserEventPayload, userSuspended } from '@trellis/users/topics';
import { Queue } from 'bullmq';
import { and, asc, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ordersConfig } from '../src/config.ts';
import type { OrdersDeps } from '../src/deps.ts';
import { insertOrder, transitionOrder } from '../src/repository.ts';
import { orderEvent } from '../src/routes/orders/present.ts';
import { OrderSchema } from '../src/routes/orders/schema.ts';
import { ordersSubscriptions } from '../src/subscriptions/index.ts';
import { cancelPendingOrdersOfSuspendedUser } from '../src/subscriptions/user-suspended.ts';
import { orderCancelled, orderCreated, orderPaid } from '../src/topics.ts';

let database: TestDatabase;
const now = new Date('2026-11-26T10:00:00.000Z');

beforeAll(async () => {
  database = await createTestDatabase(inject('adminDatabaseUrl'));
});
afterAll(async () => {
  await database.drop();
});

const newUserId = () => `usr_${randomBytes(16).toString('hex')}`;

function suspendedPayload(userId: string): UserEventPayload {
  return {
    user: {
      id: userId,
      email: `${userId}@example.com`,
      name: 'Suspended Sam',
      status: 'suspended',
      roles: ['member'],
      version: 2,
      createdAt: now.toISOString(),
      updatedAt: now.toISOString(),
    },
  };
}

async function placeOrder(userId: string, pay = false): Promise<string> {
  const order = await database.db.transaction((tx) =>
    insertOrder(
      tx,
      {
        userId,
        currency: 'EUR',
        totalCents: 2500,
        items: [{ sku: 'TEA', quantity: 2, unitPriceCents: 1250, lineTotalCents: 2500 }],
      },
      orderEvent(orderCreated),
      now,
    ),
  );
  if (pay) {
    await transitionOrder(
      database.db,
      { id: order.id, version: order.version, from: 'pending_payment', to: 'paid' },
      orderEvent(orderPaid),
      now,
    );
  }
  return order.id;
}

async function statusesOf(ids: string[]) {
  const rows = await database.db
    .select({ id: orders.id, status: orders.status })
    .from(orders)
    .where(inArray(orders.id, ids));
  return Object.fromEntries(rows.map((row) => [row.id, row.status]));
}

async function cancelledEventsOf(ids: string[]) {
  return database.db
    .select()
    .from(outbox)
    .where(and(eq(outbox.eventType, orderCancelled.name), inArray(outbox.aggregateId, ids)))
    .orderBy(asc(outbox.seq));
}

function handle(userId: string) {
  return database.db.transaction((tx: Tx) =>
    cancelPendingOrdersOfSuspendedUser(suspendedPayload(userId), { tx, now }),
  );
}

describe('user.suspended in orders', () => {
  it("cancels the suspended user's pending orders and leaves their paid ones", async () => {
    const userId = newUserId();
    const [pendingA, pendingB, paid] = [
      await placeOrder(userId),
      await placeOrder(userId),
      await placeOrder(userId, true),
    ];
    const otherUser = await placeOrder(newUserId());

    expect(await handle(userId)).toEqual([pendingA, pendingB]);

    expect(await statusesOf([pendingA, pendingB, paid, otherUser])).toEqual({
      [pendingA]: 'cancelled',
      [pendingB]: 'cancelled',
      [paid]: 'paid',
      [otherUser]: 'pending_payment',
    });
  });

  it('publishes order.cancelled for each, saying why, to the order’s user', async () => {
    const userId = newUserId();
    const ids = [await placeOrder(userId), await placeOrder(userId)];
    await handle(userId);

    const events = await cancelledEventsOf(ids);
    expect(events.map((event) => event.aggregateId)).toEqual(ids);
    for (const event of events) {
      const payload = orderCancelled.schema.parse(event.payload);
      expect(payload.reason).toBe('user_suspended');
      expect(OrderSchema.parse(payload.order).status).toBe('cancelled');
      expect(event.key).toBe(payload.order.id);
      expect(orderCancelled.audience?.(payload)).toEqual([userId]);
    }
  });

  it('changes nothing when the event is handled a second time', async () => {
    const userId = newUserId();
    const ids = [await placeOrder(userId)];
    await handle(userId);
    const before = await cancelledEventsOf(ids);

    expect(await handle(userId)).toEqual([]);
    expect(await cancelledEventsOf(ids)).toEqual(before);
  });

  it('runs through the kit subscriber on real Redis, once per event id', async () => {
    const redisUrl = inject('redisUrl');
    const group = `t-orders-${randomBytes(4).toString('hex')}`;
    const subscription = subscriptionId(group, userSuspended.name);
    const { logger } = captureLogger('orders');
    const deps: OrdersDeps = {
      db: database.db,
      now: () => now,
      users: undefined as never,
      config: createStaticConfig(ordersConfig),
    };
    const subscriber = createSubscriber({
      service: 'orders',
      instanceId: 'orders-test',
      db: database.db,
      redis: redisConnection(redisUrl),
      logger,
    });
    ordersSubscriptions({ deps, subscribe: subscriber.subscribe, logger }, group);
    await subscriber.start();
    const queue = new Queue(queueName(subscription), {
      connection: redisConnection(redisUrl),
      prefix: queuePrefix,
    });
    try {
      const userId = newUserId();
      const ids = [await placeOrder(userId), await placeOrder(userId)];
      const event: EventEnvelope = {
        id: `evt_${randomBytes(16).toString('hex')}`,
        topic: userSuspended.name,
        version: userSuspended.version,
        key: userId,
        payload: suspendedPayload(userId),
        headers: {},
        occurredAt: now.toISOString(),
        seq: 1,
      };
      await queue.add(eventJob(event).name, event, eventJob(event).opts);
      await until(async () => (await cancelledEventsOf(ids)).length === 2);

      // The same event again (a redelivery): the subscriber's processed-events record skips it.
      const again = { ...eventJob(event).opts, jobId: `${event.id}-again` };
      await queue.add(event.topic, event, again);
      await until(async () => ((await queue.getJobCounts('completed')).completed ?? 0) >= 2);
      expect(await cancelledEventsOf(ids)).toHaveLength(2);
      expect(await statusesOf(ids)).toEqual({
        [ids[0] as string]: 'cancelled',
        [ids[1] as string]: 'cancelled',
      });
    } finally {
      await subscriber.stop();
      await queue.obliterate({ force: true }).catch(() => {});
      await queue.close();
    }
  }, 30_000);
});

async function until(check: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) {
      throw new Error('timed out waiting for the subscriber');
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
