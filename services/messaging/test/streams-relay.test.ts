import { createTestDatabase, type TestDatabase } from '@trellis/db/testing';
import { createLogger, defineTopic, publish, z } from '@trellis/kit';
import { createRelay, redisConnection } from '@trellis/kit/messaging';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { appendToUserStreams } from '../src/streams/relay-append.ts';

/**
 * Users' streams follow commit order across topics: the relay appends them in one batch
 * transaction in `seq` order, where per-topic subscriptions would race (an `order.paid` pushed
 * before the `order.created` it follows).
 */
const logger = createLogger({ service: 'messaging', instance: 'test', level: 'silent' });
const Order = z.object({ id: z.string(), userId: z.string() });
const created = defineTopic('order.created', Order, {
  description: 'test',
  key: (order) => order.id,
  audience: (order) => [order.userId],
});
const paid = defineTopic('order.paid', Order, {
  description: 'test',
  key: (order) => order.id,
  audience: (order) => [order.userId],
});
const internal = defineTopic('order.audited', Order, { description: 'test', pushable: false });

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase(inject('adminDatabaseUrl'));
});

afterAll(async () => {
  await database?.drop();
});

async function streamOf(userId: string): Promise<{ event_id: string; topic: string }[]> {
  return database.sql<{ event_id: string; topic: string }[]>`
    select event_id, topic from user_stream_events where user_id = ${userId} order by seq`;
}

describe('streams appended by the relay', () => {
  it('gives each user their events of every topic in commit order, once', async () => {
    const published: string[] = [];
    const orders = ['ord_a', 'ord_b', 'ord_c'];
    for (const id of orders) {
      for (const topic of [created, paid]) {
        published.push(
          await database.db.transaction((tx) => publish(tx, topic, { id, userId: 'usr_ada' })),
        );
      }
    }
    await database.db.transaction((tx) =>
      publish(tx, internal, { id: 'ord_a', userId: 'usr_ada' }),
    );
    await database.db.transaction((tx) => publish(tx, paid, { id: 'ord_x', userId: 'usr_bo' }));
    const relay = createRelay({
      sql: database.sql,
      redis: redisConnection('redis://127.0.0.1:6379'),
      logger,
      batchSize: 2,
      onBatch: appendToUserStreams([created, paid, internal], logger),
    });
    await relay.start();
    const deadline = Date.now() + 30_000;
    while (
      (await streamOf('usr_ada')).length < published.length ||
      (await streamOf('usr_bo')).length < 1
    ) {
      expect(Date.now(), 'the streams filled within 30 s').toBeLessThan(deadline);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await relay.stop();
    const ada = await streamOf('usr_ada');
    expect(ada.map((row) => row.event_id)).toEqual(published);
    expect(ada.map((row) => row.topic)).toEqual(
      orders.flatMap(() => ['order.created', 'order.paid']),
    );
    expect((await streamOf('usr_bo')).map((row) => row.topic)).toEqual(['order.paid']);
    // A batch tried again appends nothing twice.
    await database.sql.begin((tx) =>
      appendToUserStreams([created, paid], logger)(tx, [
        {
          envelope: {
            id: published[0] as string,
            topic: 'order.created',
            version: 1,
            key: 'ord_a',
            payload: { id: 'ord_a', userId: 'usr_ada' },
            headers: {},
            occurredAt: new Date().toISOString(),
            seq: 1,
          },
          delayMs: 0,
        },
      ]),
    );
    expect(await streamOf('usr_ada')).toHaveLength(published.length);
  });
});
