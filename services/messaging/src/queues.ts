// Node only: BullMQ.
import { eventJob, queuePrefix, redisConnection } from '@trellis/kit/messaging';
import { Queue } from 'bullmq';
import { Redis, type RedisOptions } from 'ioredis';
import type { QueueCounts, SubscriptionQueues } from './deps.ts';

export interface BullSubscriptionQueues extends SubscriptionQueues {
  close(): Promise<void>;
}

/**
 * The subscription queues over one Redis connection (BullMQ reuses a connection it is given
 * for its non-blocking commands), opened as the routes first name them.
 */
export function createSubscriptionQueues(redisUrl: string): BullSubscriptionQueues {
  const redis = new Redis(redisConnection(redisUrl) as RedisOptions);
  const queues = new Map<string, Queue>();
  const queueOf = (name: string): Queue => {
    let queue = queues.get(name);
    if (queue === undefined) {
      queue = new Queue(name, { connection: redis, prefix: queuePrefix });
      queues.set(name, queue);
    }
    return queue;
  };
  return {
    async counts(name): Promise<QueueCounts> {
      const queue = queueOf(name);
      const counts = await queue.getJobCounts(
        'waiting',
        'prioritized',
        'active',
        'delayed',
        'failed',
      );
      const [oldest] = await queue.getJobs(['wait', 'prioritized'], 0, 0, true);
      return {
        waiting: (counts.waiting ?? 0) + (counts.prioritized ?? 0),
        active: counts.active ?? 0,
        delayed: counts.delayed ?? 0,
        failed: counts.failed ?? 0,
        oldestWaitingAt: oldest ? new Date(oldest.timestamp) : null,
      };
    },
    async add(name, envelope) {
      const job = eventJob(envelope);
      await queueOf(name).add(job.name, job.data, job.opts);
    },
    async close() {
      await Promise.all([...queues.values()].map((queue) => queue.close()));
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}
