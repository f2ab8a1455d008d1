import { randomBytes } from 'node:crypto';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { z } from 'zod';
import type { EventEnvelope } from '../../src/messaging/envelope.ts';
import { orderedWorkQueue } from '../../src/messaging/ordered.ts';
import {
  eventJob,
  queueName,
  queuePrefix,
  redisConnection,
  subscriptionId,
} from '../../src/messaging/queues.ts';
import { defineTopic } from '../../src/messaging/topics.ts';

export const quietLogger = pino({ level: 'silent' });

/** A topic of the tests: a number to add up, so a checksum shows what reached the side effect. */
export const tallyTopic = defineTopic(
  'test.tallied',
  z.object({ n: z.number().int(), fail: z.boolean().optional() }),
  { description: 'A number a test handler adds up.', key: (payload) => String(payload.n) },
);

/** A group name no other test run uses, so queues on the shared Redis never mix. */
export function uniqueGroup(name: string): string {
  return `t-${name}-${randomBytes(4).toString('hex')}`;
}

let seq = 0;

export function envelope(
  payload: Record<string, unknown>,
  extra: Partial<EventEnvelope> = {},
): EventEnvelope {
  seq += 1;
  return {
    id: `evt_${randomBytes(16).toString('hex')}`,
    topic: tallyTopic.name,
    version: 1,
    key: String(payload.n ?? seq),
    payload,
    headers: {},
    occurredAt: new Date().toISOString(),
    seq,
    ...extra,
  };
}

/** Adds events to a subscription queue as the relay does (until the relay lands here). */
export async function feed(
  redisUrl: string,
  subscription: string,
  events: EventEnvelope[],
): Promise<void> {
  const queue = new Queue(queueName(subscription), {
    connection: redisConnection(redisUrl),
    prefix: queuePrefix,
  });
  try {
    await queue.addBulk(events.map((event) => eventJob(event)));
  } finally {
    await queue.close();
  }
}

/** Removes a test's own queues and ordered lanes from the shared Redis. */
export async function dropQueues(redisUrl: string, subscriptions: string[]): Promise<void> {
  const redis = new Redis(redisUrl);
  try {
    for (const subscription of subscriptions) {
      const main = queueName(subscription);
      for (const name of [main, orderedWorkQueue(main)]) {
        const queue = new Queue(name, {
          connection: redisConnection(redisUrl),
          prefix: queuePrefix,
        });
        await queue.obliterate({ force: true }).catch(() => {});
        await queue.close();
      }
      let cursor = '0';
      do {
        const [next, keys] = await redis.scan(
          cursor,
          'MATCH',
          `${queuePrefix}:${main}*`,
          'COUNT',
          1000,
        );
        cursor = next;
        if (keys.length > 0) {
          await redis.del(...keys);
        }
      } while (cursor !== '0');
    }
  } finally {
    redis.disconnect();
  }
}

/** Waits until `check` holds, polling; fails with `what` after `timeoutMs`. */
export async function until(
  what: string,
  check: () => boolean | Promise<boolean>,
  timeoutMs = 30_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${what}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

export { subscriptionId };
