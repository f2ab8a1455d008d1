// A consumer in a process of its own, for the kill -9 test: node --import tsx subscriber-child.ts
import { createDb } from '@trellis/db';
import { sql } from 'drizzle-orm';
import { redisConnection } from '../../src/messaging/queues.ts';
import { createSubscriber } from '../../src/messaging/subscriber.ts';
import { quietLogger, tallyTopic } from './subscriber-harness.ts';

const env = (name: string) => {
  const value = process.env[name];
  if (!value) {
    throw new Error(`${name} is required`);
  }
  return value;
};

// The application name lets a test see this consumer's transactions in pg_stat_activity.
const handle = createDb(env('DATABASE_URL'), {
  max: 10,
  applicationName: process.env.APP_NAME ?? 'subscriber-child',
});
const subscriber = createSubscriber({
  service: 'test',
  instanceId: env('INSTANCE'),
  db: handle.db,
  redis: redisConnection(env('REDIS_URL')),
  logger: quietLogger,
  // A killed consumer's jobs come back after a second or two rather than 30 s.
  worker: { lockDuration: 1500, stalledInterval: 500 },
});
subscriber.subscribe(
  tallyTopic,
  env('GROUP'),
  async (payload, { tx, event, subscription }) => {
    await tx.execute(
      sql`insert into effects (subscription, event_id, n) values (${subscription}, ${event.id}, ${payload.n})`,
    );
    // Some work inside the transaction, so a kill finds events half done.
    await new Promise((resolve) => setTimeout(resolve, 15));
  },
  { concurrency: 8, ordered: process.env.ORDERED === '1' },
);
await subscriber.start();
process.stdout.write('ready\n');
