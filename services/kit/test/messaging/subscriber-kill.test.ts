import { fileURLToPath } from 'node:url';
import { createTestDatabase, type TestDatabase } from '@trellis/db/testing';
import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { orderedWorkQueue } from '../../src/messaging/ordered.ts';
import { queueName, queuePrefix, redisConnection } from '../../src/messaging/queues.ts';
import { killChildren, type ReadyChild, startReadyChild } from './child-process.ts';
import {
  dropQueues,
  envelope,
  feed,
  subscriptionId,
  tallyTopic,
  uniqueGroup,
  until,
} from './subscriber-harness.ts';

const redisUrl = inject('redisUrl');
const entry = fileURLToPath(new URL('./subscriber-child.ts', import.meta.url));
let database: TestDatabase;
let consumers = 0;
const used: string[] = [];

beforeAll(async () => {
  database = await createTestDatabase(inject('adminDatabaseUrl'));
  await database.sql`create table effects (
    id bigserial primary key, subscription text not null, event_id text not null, n int not null
  )`;
});

afterAll(async () => {
  await killChildren();
  await dropQueues(redisUrl, used);
  await database?.drop();
});

function startConsumer(group: string, ordered: boolean): Promise<ReadyChild> {
  consumers += 1;
  return startReadyChild(entry, {
    DATABASE_URL: database.url,
    REDIS_URL: redisUrl,
    GROUP: group,
    INSTANCE: `child-${consumers}`,
    ORDERED: ordered ? '1' : '0',
  });
}

async function effects(subscription: string) {
  const [row] = await database.sql<{ count: number; distinct: number; sum: number }[]>`
    select count(*)::int as count, count(distinct event_id)::int as distinct,
      coalesce(sum(n), 0)::int as sum
    from effects where subscription = ${subscription}`;
  return row ?? { count: 0, distinct: 0, sum: 0 };
}

async function settled(queueNames: string[], expected: number): Promise<boolean> {
  let completed = 0;
  for (const name of queueNames) {
    const queue = new Queue(name, { connection: redisConnection(redisUrl), prefix: queuePrefix });
    try {
      const counts = await queue.getJobCounts('completed', 'active', 'wait', 'delayed');
      if ((counts.active ?? 0) + (counts.wait ?? 0) + (counts.delayed ?? 0) > 0) {
        return false;
      }
      completed = Math.max(completed, counts.completed ?? 0);
    } finally {
      await queue.close();
    }
  }
  return completed >= expected;
}

describe('subscriber: a consumer killed with SIGKILL mid-batch', () => {
  for (const ordered of [false, true]) {
    it(`applies every side effect exactly once after a restart (${ordered ? 'ordered' : 'cluster'})`, async () => {
      const group = uniqueGroup(ordered ? 'kill-ordered' : 'kill');
      const id = subscriptionId(group, tallyTopic.name);
      used.push(id);
      const total = 200;
      const first = await startConsumer(group, ordered);
      const events = Array.from({ length: total }, (_, i) =>
        envelope({ n: i + 1 }, { key: `k${i % 10}` }),
      );
      await feed(redisUrl, id, events);

      await until('a part of the batch applied', async () => (await effects(id)).count >= 40);
      await first.kill('SIGKILL');
      const atKill = await effects(id);
      expect(atKill.distinct).toBeLessThan(total);

      await startConsumer(group, ordered);
      await until(
        'every event applied',
        async () => (await effects(id)).distinct === total,
        60_000,
      );
      const queues = ordered ? [orderedWorkQueue(queueName(id))] : [queueName(id)];
      await until('the queues settled', () => settled(queues, total), 60_000);
      const after = await effects(id);
      expect(after).toEqual({ count: total, distinct: total, sum: (total * (total + 1)) / 2 });
    }, 120_000);
  }
});
