import { randomUUID } from 'node:crypto';
import { messageSubscriptions, outbox } from '@trellis/db/schema';
import { createTestDatabase, type TestDatabase } from '@trellis/db/testing';
import { createStaticConfig } from '@trellis/kit';
import { queuePrefix } from '@trellis/kit/messaging';
import { captureLogger } from '@trellis/kit/testing';
import { Queue } from 'bullmq';
import { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { messagingConfig } from '../src/config.ts';
import { createLiveRelay } from '../src/relay.ts';

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase(inject('adminDatabaseUrl'));
});

afterAll(async () => {
  await database?.drop();
});

describe('the messaging service’s relay', () => {
  it('relays through the service’s own database handle and follows the live config', async () => {
    const redisUrl = inject('redisUrl');
    const subscription = `relaytest-${randomUUID().slice(0, 8)}/order.paid`;
    const queueName = `{${subscription}}`;
    await database.db.insert(messageSubscriptions).values({
      id: subscription,
      topic: 'order.paid',
      group: subscription.split('/')[0] ?? '',
      service: 'orders',
      mode: 'cluster',
      queue: queueName,
    });
    const eventId = `evt_${randomUUID().replaceAll('-', '')}`;
    await database.db.insert(outbox).values({
      id: eventId,
      aggregateType: 'order',
      aggregateId: 'ord_1',
      eventType: 'order.paid',
      payload: { id: 'ord_1' },
    });
    const config = createStaticConfig(messagingConfig);
    const metrics = new Registry();
    const relay = createLiveRelay({
      // The handle drizzle wraps, as the service's is: its timestamps come back as strings.
      sql: database.sql,
      redisUrl,
      logger: captureLogger('messaging').logger,
      config,
      metrics,
    });
    const queue = new Queue(queueName, {
      connection: { host: new URL(redisUrl).hostname, port: Number(new URL(redisUrl).port) },
      prefix: queuePrefix,
    });
    try {
      await relay.start?.();
      await vi.waitFor(async () => expect(await queue.getJob(eventId)).toBeDefined(), {
        timeout: 10_000,
      });
      config.set({ relay: { batchSize: 10, retentionHours: 24 } });
      const second = `evt_${randomUUID().replaceAll('-', '')}`;
      await database.db.insert(outbox).values({
        id: second,
        aggregateType: 'order',
        aggregateId: 'ord_2',
        eventType: 'order.paid',
        payload: { id: 'ord_2' },
      });
      await vi.waitFor(async () => expect(await queue.getJob(second)).toBeDefined(), {
        timeout: 10_000,
      });
      expect(await metrics.getSingleMetricAsString('messaging_relayed_total')).toContain(
        'topic="order.paid"',
      );
    } finally {
      await relay.stop();
      await queue.obliterate({ force: true });
      await queue.close();
    }
  }, 30_000);
});
