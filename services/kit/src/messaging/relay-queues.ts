import { type ConnectionOptions, Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { queuePrefix } from './queues.ts';

/** The subscription queues the relay adds to, opened on first use over one Redis connection. */
export class RelayQueues {
  private redis: Redis | null = null;
  private readonly queues = new Map<string, Queue>();

  constructor(private readonly options: ConnectionOptions) {}

  get(name: string): Queue {
    let found = this.queues.get(name);
    if (!found) {
      found = new Queue(name, { connection: this.connection(), prefix: queuePrefix });
      this.queues.set(name, found);
    }
    return found;
  }

  /** Deletes the queue and its jobs in Redis. */
  async remove(name: string): Promise<void> {
    await this.get(name).obliterate({ force: true });
    await this.queues.get(name)?.close();
    this.queues.delete(name);
  }

  /** Closes the queues, and the Redis connection unless it was given to share. */
  async close(): Promise<void> {
    await Promise.all([...this.queues.values()].map((q) => q.close()));
    this.queues.clear();
    if (!(this.options instanceof Redis) && this.redis !== null) {
      await this.redis.quit().catch(() => {});
    }
    this.redis = null;
  }

  private connection(): Redis {
    if (this.redis === null) {
      this.redis =
        this.options instanceof Redis
          ? this.options
          : // A batch holds its transaction open while it adds jobs: with Redis away, fail it
            // after a few reconnects (it rolls back and the next poll retries) rather than wait.
            new Redis({ ...(this.options as object), maxRetriesPerRequest: 3 });
    }
    return this.redis;
  }
}
