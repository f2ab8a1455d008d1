import { fileURLToPath } from 'node:url';
import { createDb, type DbHandle } from '@trellis/db';
import { createTestDatabase, type TestDatabase } from '@trellis/db/testing';
import { Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { defineTopic, publish, z } from '../../src/index.ts';
import {
  createRelay,
  queuePrefix,
  type Relay,
  redisConnection,
} from '../../src/messaging/index.ts';
import { startRedisServer } from '../redis-server.ts';
import { killChildren, type ReadyChild, startReadyChild } from './child-process.ts';
import {
  addSubscription,
  pendingCount,
  quietLogger,
  removeQueues,
  uniqueGroup,
  waitFor,
  waitingIds,
} from './harness.ts';

const tick = defineTopic('relay.tick', z.object({ key: z.string(), n: z.number().int() }), {
  description: 'A test event: the n-th of its key.',
  key: (p) => p.key,
});
const lonely = defineTopic('relay.lonely', z.object({ n: z.number().int() }), {
  description: 'A test event nobody subscribes to.',
});

const relayEntry = fileURLToPath(new URL('./relay-process.ts', import.meta.url));

let db: TestDatabase;
let redis: Redis;
const redisUrl = inject('redisUrl');
const queues: string[] = [];

beforeAll(async () => {
  db = await createTestDatabase(inject('adminDatabaseUrl'));
  redis = new Redis(redisUrl, { maxRetriesPerRequest: null });
});

afterAll(async () => {
  await killChildren();
  await removeQueues(redisUrl, queues);
  await redis?.quit();
  await db?.drop();
});

async function subscribe(label: string, topic = tick.name): Promise<string> {
  const queue = await addSubscription(db.sql, uniqueGroup(label), topic);
  queues.push(queue);
  return queue;
}

function relayOn(handle: DbHandle, extra: { batchSize?: number; metrics?: Registry } = {}) {
  return createRelay({
    sql: handle.sql,
    redis: redisConnection(redisUrl),
    logger: quietLogger,
    ...extra,
  });
}

/** One transaction publishing events of several keys, each key's lock taken in key order. */
async function publishTicks(events: { key: string; n: number }[]): Promise<string[]> {
  const sorted = [...events].sort((a, b) => a.key.localeCompare(b.key) || a.n - b.n);
  return db.db.transaction(async (tx) => {
    const ids: string[] = [];
    for (const event of sorted) {
      ids.push(await publish(tx, tick, event));
    }
    return ids;
  });
}

async function outboxRows(ids: string[]) {
  const rows = await db.sql<{ id: string; key: string; seq: string; n: number }[]>`
    select id, key, seq, (payload->>'n')::int as n from outbox where id = any(${ids})`;
  return new Map(rows.map((row) => [row.id, row]));
}

/** Checks a queue holds exactly `ids`, and each key's events in the order they were committed. */
async function expectExactlyInOrder(queue: string, ids: string[], by: 'n' | 'seq' = 'n') {
  const queued = await waitingIds(redis, queue);
  expect(queued).toHaveLength(ids.length);
  expect(new Set(queued)).toEqual(new Set(ids));
  const rows = await outboxRows(ids);
  const lastByKey = new Map<string, number>();
  for (const id of queued) {
    const row = rows.get(id);
    if (!row) {
      throw new Error(`job ${id} is no event of this test`);
    }
    const value = by === 'n' ? row.n : Number(row.seq);
    const last = lastByKey.get(row.key) ?? -1;
    expect(value, `key ${row.key}`).toBeGreaterThan(last);
    lastByKey.set(row.key, value);
  }
}

async function stopAll(relays: Relay[]) {
  await Promise.all(relays.map((relay) => relay.stop()));
}

describe('the outbox relay', () => {
  it('relays every event into each subscription queue in commit order per key', async () => {
    const [first, second] = [await subscribe('order-a'), await subscribe('order-b')];
    const registry = new Registry();
    const relay = relayOn(db, { metrics: registry });
    await relay.start();
    try {
      const keys = ['k1', 'k2', 'k3', 'k4', 'k5'];
      // Each key's events are committed one after another; the keys interleave.
      const chains = keys.map(async (key) => {
        const ids: string[] = [];
        for (let n = 0; n < 40; n++) {
          ids.push(...(await publishTicks([{ key, n }])));
        }
        return ids;
      });
      const ids = (await Promise.all(chains)).flat();
      await waitFor(
        async () => (await redis.llen(`${queuePrefix}:${second}:wait`)) === ids.length,
        'the second queue to fill',
      );
      await waitFor(async () => (await pendingCount(db.sql)) === 0, 'the outbox to empty');
      await expectExactlyInOrder(first as string, ids);
      await expectExactlyInOrder(second as string, ids);
      const metrics = await registry.getSingleMetricAsString('messaging_published_total');
      expect(metrics).toContain(`messaging_published_total{topic="relay.tick"} ${ids.length}`);
      const relayed = await registry.getSingleMetricAsString('messaging_relayed_total');
      expect(relayed).toContain(`messaging_relayed_total{topic="relay.tick"} ${ids.length * 2}`);
      expect(await registry.getSingleMetricAsString('messaging_outbox_pending')).toContain(
        'messaging_outbox_pending 0',
      );
    } finally {
      await relay.stop();
      await db.sql`delete from message_subscriptions`;
    }
  });

  it('relays each event exactly once with two relays running under concurrent publishing', async () => {
    const [first, second] = [await subscribe('twin-a'), await subscribe('twin-b')];
    const handles = [createDb(db.url, { max: 4 }), createDb(db.url, { max: 4 })];
    const relays = handles.map((handle) => relayOn(handle, { batchSize: 50 }));
    await Promise.all(relays.map((relay) => relay.start()));
    try {
      const keys = Array.from({ length: 12 }, (_, i) => `key-${i}`);
      // Four publishers racing on the same keys: commit order per key is seq order (publish's
      // per-key lock), so the check below is on seq.
      const publisher = async (id: number) => {
        const ids: string[] = [];
        for (let batch = 0; batch < 80; batch++) {
          const size = 1 + ((batch + id) % 3);
          const picked = Array.from({ length: size }, (_, i) => ({
            key: keys[(batch * 5 + id * 3 + i) % keys.length] as string,
            n: batch,
          }));
          ids.push(...(await publishTicks(picked)));
        }
        return ids;
      };
      const ids = (await Promise.all([0, 1, 2, 3].map(publisher))).flat();
      await waitFor(async () => (await pendingCount(db.sql)) === 0, 'the outbox to empty');
      await expectExactlyInOrder(first as string, ids, 'seq');
      await expectExactlyInOrder(second as string, ids, 'seq');
      const twice = await db.sql`
        select event_id, subscription from message_trace
        where stage = 'relayed' and event_id = any(${ids})
        group by event_id, subscription having count(*) > 1`;
      expect(twice).toEqual([]);
      const [traced] = await db.sql<{ n: number }[]>`
        select count(*)::int as n from message_trace
        where stage = 'relayed' and event_id = any(${ids})`;
      expect(traced?.n).toBe(ids.length * 2);
    } finally {
      await stopAll(relays);
      await Promise.all(handles.map((handle) => handle.close()));
      await db.sql`delete from message_subscriptions`;
    }
  }, 120_000);

  it('holds an event with deliverAt back until its time', async () => {
    const queue = await subscribe('delayed');
    const relay = relayOn(db);
    const connection = new Redis(redisUrl, { maxRetriesPerRequest: null });
    const handled = new Map<string, number>();
    const worker = new Worker(
      queue,
      async (job) => {
        handled.set(job.id as string, Date.now());
      },
      { connection, prefix: queuePrefix },
    );
    await relay.start();
    try {
      const deliverAt = new Date(Date.now() + 1500);
      const [now, later] = await db.db.transaction(async (tx) => [
        await publish(tx, tick, { key: 'd', n: 1 }),
        await publish(tx, tick, { key: 'late', n: 2 }, { deliverAt }),
      ]);
      await waitFor(() => handled.has(later as string), 'the delayed event');
      expect(handled.get(now as string)).toBeLessThan(deliverAt.getTime());
      expect(handled.get(later as string)).toBeGreaterThanOrEqual(deliverAt.getTime());
    } finally {
      await worker.close();
      await connection.quit();
      await relay.stop();
      await db.sql`delete from message_subscriptions`;
    }
  });

  it('marks an event nobody subscribes to as relayed, and the trace says so', async () => {
    const relay = relayOn(db);
    await relay.start();
    try {
      const id = await db.db.transaction((tx) => publish(tx, lonely, { n: 1 }));
      await waitFor(async () => {
        const [row] = await db.sql`select published_at from outbox where id = ${id}`;
        return row?.published_at != null;
      }, 'the event to be marked relayed');
      const trace = await db.sql`
        select stage, subscription, error from message_trace where event_id = ${id}`;
      expect(trace).toEqual([{ stage: 'relayed', subscription: null, error: 'no subscription' }]);
    } finally {
      await relay.stop();
    }
  });

  it('deletes relayed rows, processed ids and trace rows past retention, and stale broadcasts', async () => {
    const old = new Date(Date.now() - 200 * 3600_000).toISOString();
    const recent = new Date(Date.now() - 3600_000).toISOString();
    await db.sql`
      insert into outbox (id, aggregate_type, aggregate_id, event_type, payload, published_at)
      values ('evt_old', 'relay', 'a', 'relay.tick', '{}', ${old}::timestamptz),
        ('evt_recent', 'relay', 'a', 'relay.tick', '{}', ${recent}::timestamptz)`;
    await db.sql`
      insert into processed_events (subscription, event_id, processed_at)
      values ('g/relay.tick', 'evt_old', ${old}::timestamptz), ('g/relay.tick', 'evt_recent', ${recent}::timestamptz)`;
    await db.sql`
      insert into message_trace (event_id, topic, stage, at)
      values ('evt_old', 'relay.tick', 'handled', ${old}::timestamptz),
        ('evt_recent', 'relay.tick', 'handled', ${recent}::timestamptz)`;
    const staleQueue = await addSubscription(db.sql, uniqueGroup('cache'), tick.name, {
      mode: 'broadcast',
      instance: 'gone',
      seenAt: new Date(Date.now() - 120_000),
    });
    const liveQueue = await addSubscription(db.sql, uniqueGroup('cache'), tick.name, {
      mode: 'broadcast',
      instance: 'alive',
    });
    queues.push(staleQueue, liveQueue);
    const relay = createRelay({
      sql: db.sql,
      redis: redisConnection(redisUrl),
      logger: quietLogger,
      retentionHours: 168,
    });
    await relay.start();
    try {
      await waitFor(async () => {
        const [row] = await db.sql<{ n: number }[]>`
          select (select count(*) from outbox where id = 'evt_old')
            + (select count(*) from processed_events where event_id = 'evt_old')
            + (select count(*) from message_trace where event_id = 'evt_old')
            + (select count(*) from message_subscriptions where instance_id = 'gone') as n`;
        return Number(row?.n) === 0;
      }, 'retention to run');
      const [kept] = await db.sql<{ n: number }[]>`
        select (select count(*) from outbox where id = 'evt_recent')
          + (select count(*) from processed_events where event_id = 'evt_recent')
          + (select count(*) from message_trace where event_id = 'evt_recent')
          + (select count(*) from message_subscriptions where instance_id = 'alive') as n`;
      expect(Number(kept?.n)).toBe(4);
    } finally {
      await relay.stop();
      await db.sql`delete from message_subscriptions`;
    }
  });

  it('keeps events committed while Redis is down and relays them once it is back', async () => {
    const server = await startRedisServer();
    const queue = await subscribe('redis-down');
    const relay = createRelay({
      sql: db.sql,
      redis: redisConnection(server.url),
      logger: quietLogger,
    });
    await relay.start();
    const local = new Redis(server.url, { maxRetriesPerRequest: null, lazyConnect: true });
    try {
      const before = await publishTicks([{ key: 'down', n: 1 }]);
      await waitFor(async () => (await pendingCount(db.sql)) === 0, 'the first event relayed');
      await server.stop();
      const during = [
        ...(await publishTicks([{ key: 'down', n: 2 }])),
        ...(await publishTicks([{ key: 'down', n: 3 }])),
      ];
      await server.start();
      await waitFor(async () => (await pendingCount(db.sql)) === 0, 'the outbox to empty');
      // The throwaway server keeps nothing over a restart: only what came after is there.
      await local.connect();
      expect(await waitingIds(local, queue)).toEqual(during);
      expect(before).toHaveLength(1);
    } finally {
      local.disconnect();
      await relay.stop();
      await server.stop();
      await db.sql`delete from message_subscriptions`;
    }
  }, 60_000);

  it('loses nothing when its process is killed with SIGKILL mid-stream and restarted', async () => {
    const queue = await subscribe('crash');
    const keys = Array.from({ length: 5 }, (_, i) => `crash-${i}`);
    let publishing = true;
    // Publishes until the kills are over (and at least 1,500 events), so every kill lands
    // while events are still coming in and the relay has a backlog to move.
    const published = (async () => {
      const ids: string[] = [];
      for (let n = 0; publishing || ids.length < 1500; n++) {
        ids.push(...(await publishTicks(keys.map((key) => ({ key: `${key}-${n % 3}`, n })))));
      }
      return ids;
    })();
    const relayedSoFar = async () => {
      const [row] = await db.sql<{ n: number }[]>`
        select count(*)::int as n from outbox
        where event_type = ${tick.name} and published_at is not null and key like 'crash-%'`;
      return row?.n ?? 0;
    };
    let child: ReadyChild | null = null;
    try {
      let relayed = 0;
      for (let round = 1; round <= 3; round++) {
        child = await startRelayChild(db.url);
        const target = relayed + 200;
        await waitFor(async () => (await relayedSoFar()) >= target, `relay progress ${round}`);
        await child.kill('SIGKILL');
        child = null;
        relayed = await relayedSoFar();
        // Nothing relays while the relay is dead; the publisher keeps adding to the backlog.
        await waitFor(async () => (await pendingCount(db.sql)) > 0, 'a backlog');
      }
      publishing = false;
      const ids = await published;
      child = await startRelayChild(db.url);
      await waitFor(async () => (await relayedSoFar()) === ids.length, 'every event relayed');
      await expectExactlyInOrder(queue, ids);
    } finally {
      publishing = false;
      await published.catch(() => {});
      await child?.kill('SIGTERM');
      await db.sql`delete from message_subscriptions`;
    }
  }, 180_000);
});

function startRelayChild(databaseUrl: string): Promise<ReadyChild> {
  return startReadyChild(relayEntry, {
    DATABASE_URL: databaseUrl,
    REDIS_URL: redisUrl,
    RELAY_BATCH_SIZE: '50',
  });
}
