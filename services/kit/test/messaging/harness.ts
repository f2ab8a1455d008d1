import { randomBytes } from 'node:crypto';
import type { DbHandle } from '@trellis/db';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { createLogger } from '../../src/logger.ts';
import { queueName, queuePrefix, subscriptionId } from '../../src/messaging/queues.ts';

export const quietLogger = createLogger({
  service: 'relay-test',
  instance: 'test',
  level: 'silent',
});

/** A name no other test file (sharing this Redis) uses. */
export function uniqueGroup(label: string): string {
  return `${label}-${randomBytes(4).toString('hex')}`;
}

/** Declares a cluster subscription the way the subscriber does; returns its queue name. */
export async function addSubscription(
  sql: DbHandle['sql'],
  group: string,
  topic: string,
  options: { mode?: 'cluster' | 'broadcast'; instance?: string; seenAt?: Date } = {},
): Promise<string> {
  const id = subscriptionId(group, topic, options.instance);
  const queue = queueName(id);
  await sql`
    insert into message_subscriptions
      (id, topic, group_name, service, mode, instance_id, queue, seen_at)
    values (${id}, ${topic}, ${group}, 'test', ${options.mode ?? 'cluster'},
      ${options.instance ?? null}, ${queue}, ${options.seenAt ?? new Date()})`;
  return queue;
}

/** Waiting job ids of a queue in the order workers take them (oldest first). */
export async function waitingIds(redis: Redis, queue: string): Promise<string[]> {
  const ids = await redis.lrange(`${queuePrefix}:${queue}:wait`, 0, -1);
  return ids.reverse();
}

export async function removeQueues(redisUrl: string, queues: string[]): Promise<void> {
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: null });
  try {
    for (const name of queues) {
      const queue = new Queue(name, { connection: redis, prefix: queuePrefix });
      await queue.obliterate({ force: true });
      await queue.close();
    }
  } finally {
    await redis.quit();
  }
}

/** Polls `check` until it holds: tests wait on conditions, never on fixed sleeps. */
export async function waitFor(
  check: () => Promise<boolean> | boolean,
  what: string,
  timeoutMs = 60_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${what}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

export async function pendingCount(sql: DbHandle['sql']): Promise<number> {
  const [row] = await sql<{ n: number }[]>`
    select count(*)::int as n from outbox where published_at is null`;
  return row?.n ?? 0;
}
