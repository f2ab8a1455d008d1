import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { createTestDatabase, type TestDatabase } from '@trellis/db/testing';
import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { orderedWorkQueue } from '../../src/messaging/ordered.ts';
import { queueName, queuePrefix, redisConnection } from '../../src/messaging/queues.ts';
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
const children = new Set<ChildProcess>();
const used: string[] = [];

beforeAll(async () => {
  database = await createTestDatabase(inject('adminDatabaseUrl'));
  await database.sql`create table effects (
    id bigserial primary key, subscription text not null, event_id text not null, n int not null
  )`;
});

afterAll(async () => {
  for (const child of children) {
    child.kill('SIGKILL');
  }
  await dropQueues(redisUrl, used);
  await database?.drop();
});

async function startConsumer(group: string, ordered: boolean): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', entry], {
    env: {
      ...process.env,
      DATABASE_URL: database.url,
      REDIS_URL: redisUrl,
      GROUP: group,
      INSTANCE: `child-${children.size}`,
      ORDERED: ordered ? '1' : '0',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  child.once('exit', () => children.delete(child));
  let output = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('ready')) {
        resolve();
      }
    });
    child.once('exit', (code) => reject(new Error(`consumer exited (${code}): ${output}`)));
  });
  await ready;
  return child;
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
      const exited = once(first, 'exit');
      first.kill('SIGKILL');
      await exited;
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
