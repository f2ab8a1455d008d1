// A relay in its own process, for the crash tests: `node --import tsx relay-process.ts`.
import { createDb } from '@trellis/db';
import { createLogger } from '../../src/logger.ts';
import { createRelay, redisConnection } from '../../src/messaging/index.ts';

const databaseUrl = process.env.DATABASE_URL;
const redisUrl = process.env.REDIS_URL;
if (!databaseUrl || !redisUrl) {
  throw new Error('DATABASE_URL and REDIS_URL are needed');
}
const db = createDb(databaseUrl, {
  max: 4,
  applicationName: process.env.APP_NAME ?? 'relay-process',
});
const relay = createRelay({
  sql: db.sql,
  redis: redisConnection(redisUrl),
  logger: createLogger({ service: 'relay-process', instance: String(process.pid), level: 'warn' }),
  batchSize: Number(process.env.RELAY_BATCH_SIZE ?? 500),
});
await relay.start();
process.stdout.write('ready\n');
