import { schema } from '@trellis/db';
import { createTestDatabase, type TestDatabase } from '@trellis/db/testing';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { redisConnection } from '../../src/messaging/queues.ts';
import { createSubscriber, type Subscriber } from '../../src/messaging/subscriber.ts';
import {
  dropQueues,
  envelope,
  feed,
  quietLogger,
  tallyTopic,
  uniqueGroup,
  until,
} from './subscriber-harness.ts';

const redisUrl = inject('redisUrl');
let database: TestDatabase;
const used: string[] = [];

beforeAll(async () => {
  database = await createTestDatabase(inject('adminDatabaseUrl'));
});

afterAll(async () => {
  await dropQueues(redisUrl, used);
  await database?.drop();
});

describe('subscriber: broadcast', () => {
  it('gives every instance every event, with a row and queue of its own', async () => {
    const group = uniqueGroup('cache');
    const instances = ['i1', 'i2', 'i3'];
    const seen = new Map<string, number[]>(instances.map((instance) => [instance, []]));
    const subscribers: Subscriber[] = instances.map((instance) => {
      const subscriber = createSubscriber({
        service: 'test',
        instanceId: instance,
        db: database.db,
        redis: redisConnection(redisUrl),
        logger: quietLogger,
        heartbeatMs: 100,
      });
      const subscription = subscriber.subscribe(
        tallyTopic,
        group,
        (payload) => {
          seen.get(instance)?.push(payload.n);
        },
        { mode: 'broadcast' },
      );
      used.push(subscription.id);
      return subscriber;
    });
    await Promise.all(subscribers.map((subscriber) => subscriber.start()));

    const rows = await database.db
      .select()
      .from(schema.messageSubscriptions)
      .where(eq(schema.messageSubscriptions.group, group));
    expect(rows.map((row) => [row.mode, row.instanceId]).sort()).toEqual(
      instances.map((instance) => ['broadcast', instance]),
    );
    const before = rows[0]?.seenAt.getTime() ?? 0;

    // What the relay does: one job per event for every row of the topic.
    const events = Array.from({ length: 25 }, (_, i) => envelope({ n: i }));
    for (const row of rows) {
      await feed(redisUrl, row.id, events);
    }
    await until('every instance saw every event', () =>
      instances.every((instance) => seen.get(instance)?.length === 25),
    );
    for (const instance of instances) {
      expect([...(seen.get(instance) ?? [])].sort((a, b) => a - b)).toEqual(
        events.map((event) => event.payload.n),
      );
    }
    const [processed] = await database.db
      .select({ count: sql<number>`count(*)::int` })
      .from(schema.processedEvents)
      .where(sql`${schema.processedEvents.subscription} like ${`${group}/%`}`);
    expect(processed?.count).toBe(0);

    await until('a heartbeat', async () => {
      const [row] = await database.db
        .select()
        .from(schema.messageSubscriptions)
        .where(
          and(
            eq(schema.messageSubscriptions.group, group),
            eq(schema.messageSubscriptions.instanceId, 'i1'),
          ),
        );
      return (row?.seenAt.getTime() ?? 0) > before;
    });

    await Promise.all(subscribers.map((subscriber) => subscriber.stop()));
    const left = await database.db
      .select()
      .from(schema.messageSubscriptions)
      .where(eq(schema.messageSubscriptions.group, group));
    expect(left).toEqual([]);
  });
});
