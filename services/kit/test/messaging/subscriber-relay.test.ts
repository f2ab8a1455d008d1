import { createTestDatabase, type TestDatabase } from '@trellis/db/testing';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { publish } from '../../src/messaging/publish.ts';
import { redisConnection } from '../../src/messaging/queues.ts';
import { createRelay, type Relay } from '../../src/messaging/relay.ts';
import {
  createSubscriber,
  type HandlerContext,
  type Subscriber,
} from '../../src/messaging/subscriber.ts';
import { dropQueues, quietLogger, tallyTopic, uniqueGroup, until } from './subscriber-harness.ts';

const redisUrl = inject('redisUrl');
let database: TestDatabase;
let relay: Relay | undefined;
const subscribers: Subscriber[] = [];
const used: string[] = [];

beforeAll(async () => {
  database = await createTestDatabase(inject('adminDatabaseUrl'));
  await database.sql`create table effects (
    id bigserial primary key, subscription text not null, event_id text not null, n int not null
  )`;
});

afterAll(async () => {
  await relay?.stop();
  await Promise.all(subscribers.map((subscriber) => subscriber.stop()));
  await dropQueues(redisUrl, used);
  await database?.drop();
});

describe('subscriber behind the relay', () => {
  it('handles what is published, once per group, in commit order per key when ordered', async () => {
    const cluster = uniqueGroup('relay-cluster');
    const ordered = uniqueGroup('relay-ordered');
    const order = new Map<string, number[]>();
    const subscriber = createSubscriber({
      service: 'test',
      instanceId: 'relay-test',
      db: database.db,
      redis: redisConnection(redisUrl),
      logger: quietLogger,
    });
    subscribers.push(subscriber);
    const effect = async (payload: { n: number }, context: HandlerContext) => {
      await context.tx.execute(
        sql`insert into effects (subscription, event_id, n) values (${context.subscription}, ${context.event.id}, ${payload.n})`,
      );
    };
    used.push(subscriber.subscribe(tallyTopic, cluster, effect, { concurrency: 8 }).id);
    used.push(
      subscriber.subscribe(
        tallyTopic,
        ordered,
        async (payload, context) => {
          order.set(context.event.key, [...(order.get(context.event.key) ?? []), payload.n]);
          await effect(payload, context);
        },
        { ordered: true },
      ).id,
    );
    await subscriber.start();
    relay = createRelay({
      sql: database.sql,
      redis: redisConnection(redisUrl),
      logger: quietLogger,
    });
    await relay.start();

    const total = 300;
    for (let batch = 0; batch < total / 30; batch++) {
      await database.db.transaction(async (tx) => {
        for (let i = 0; i < 30; i++) {
          const n = batch * 30 + i + 1;
          await publish(tx, tallyTopic, { n }, { key: `k${n % 5}` });
        }
      });
    }
    const tally = async () =>
      database.sql<{ subscription: string; count: number; distinct: number; sum: number }[]>`
        select subscription, count(*)::int as count, count(distinct event_id)::int as distinct,
          sum(n)::int as sum
        from effects group by subscription order by subscription`;
    await until(
      'both groups handled every event',
      async () =>
        (await tally()).every((row) => row.distinct === total) && (await tally()).length === 2,
      60_000,
    );
    for (const row of await tally()) {
      expect(row).toMatchObject({ count: total, distinct: total, sum: (total * (total + 1)) / 2 });
    }
    for (const [key, seen] of order) {
      expect(seen, key).toEqual([...seen].sort((a, b) => a - b));
    }
  });
});
