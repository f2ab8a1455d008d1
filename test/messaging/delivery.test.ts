import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTestDatabase, type TestDatabase } from '@trellis/db/testing';
import { queueName, queuePrefix, redisConnection } from '@trellis/kit/messaging';
import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  killChildren,
  type ReadyChild,
  startReadyChild,
} from '../../services/kit/test/messaging/child-process.ts';
import {
  subscriptionId,
  tallyTopic,
  until,
} from '../../services/kit/test/messaging/subscriber-harness.ts';
import { type RedisServer, startRedisServer } from '../../services/kit/test/redis-server.ts';

/**
 * The whole messaging path across real processes: a publisher committing purchases (each with
 * its events) under steady load, two relays, two consumers of one group applying a side effect
 * in the handler's transaction, and a Redis of the test's own that keeps its data over a
 * restart (append-only file, fsync every second). While events flow, a relay is killed with
 * SIGKILL in the middle of a batch, a consumer is killed with SIGKILL in the middle of a
 * handler's transaction, and Redis is shut down and started again. Every committed event must
 * reach the side effect exactly once: the count and a checksum over the handled payloads match
 * what the publisher committed.
 */

const kitTest = new URL('../../services/kit/test/messaging/', import.meta.url);
const relayEntry = fileURLToPath(new URL('relay-process.ts', kitTest));
const consumerEntry = fileURLToPath(new URL('subscriber-child.ts', kitTest));
const publisherEntry = fileURLToPath(new URL('./publisher.ts', import.meta.url));

const group = 'delivery';
const subscription = subscriptionId(group, tallyTopic.name);
/** The relay's batch lock (`pg_try_advisory_xact_lock(7305111401)`), as pg_locks shows it. */
const relayLock = { classid: 1, objid: 3_010_144_105 };

let redis: RedisServer;
let redisDir: string;
let database: TestDatabase;

beforeAll(async () => {
  redisDir = await mkdtemp(path.join(tmpdir(), 'trellis-delivery-redis-'));
  redis = await startRedisServer({ persistDir: redisDir });
  database = await createTestDatabase(inject('adminDatabaseUrl'));
  await database.sql`create table purchases (event_id text primary key, n int not null)`;
  // The consumers' side effect (see subscriber-child.ts): no unique key, so a duplicate shows.
  await database.sql`create table effects (
    id bigserial primary key, subscription text not null, event_id text not null, n int not null
  )`;
});

afterAll(async () => {
  await killChildren();
  await redis?.stop();
  await database?.drop();
  if (redisDir) {
    await rm(redisDir, { recursive: true, force: true });
  }
});

interface Tally {
  count: number;
  distinct: number;
  sum: string;
  digest: string;
}

/** Count, sum and an md5 over (event id, payload) of the committed purchases. */
async function committed(): Promise<Tally> {
  const [row] = await database.sql<Tally[]>`
    select count(*)::int as count, count(distinct event_id)::int as distinct,
      coalesce(sum(n), 0)::text as sum,
      md5(coalesce(string_agg(event_id || ':' || n, ',' order by event_id), '')) as digest
    from purchases`;
  if (!row) {
    throw new Error('no tally');
  }
  return row;
}

/** The same over the side effects the consumers applied. */
async function applied(): Promise<Tally> {
  const [row] = await database.sql<Tally[]>`
    select count(*)::int as count, count(distinct event_id)::int as distinct,
      coalesce(sum(n), 0)::text as sum,
      md5(coalesce(string_agg(event_id || ':' || n, ',' order by event_id), '')) as digest
    from effects where subscription = ${subscription}`;
  if (!row) {
    throw new Error('no tally');
  }
  return row;
}

async function count(query: Promise<{ n: number }[]>): Promise<number> {
  const [row] = await query;
  return row?.n ?? 0;
}

const effectsSoFar = () =>
  count(database.sql`select count(*)::int as n from effects where subscription = ${subscription}`);
const relayedSoFar = () =>
  count(database.sql`select count(*)::int as n from outbox where published_at is not null`);
const pendingNow = () =>
  count(database.sql`select count(*)::int as n from outbox where published_at is null`);

/** The relay process (by application name) holding the batch lock now, if any. */
async function relayInBatch(): Promise<string | null> {
  const [row] = await database.sql<{ name: string }[]>`
    select a.application_name as name from pg_locks l join pg_stat_activity a on a.pid = l.pid
    where l.locktype = 'advisory' and l.granted
      and l.classid = ${relayLock.classid} and l.objid = ${relayLock.objid}`;
  return row?.name ?? null;
}

/**
 * Whether the consumer has a handler's transaction open, begun after `since`, with its writes
 * not yet committed (the handler's work holds it idle in transaction).
 */
async function consumerInHandler(name: string, since = new Date(0)): Promise<boolean> {
  const n = await count(database.sql`
    select count(*)::int as n from pg_stat_activity
    where application_name = ${name} and state = 'idle in transaction'
      and backend_xid is not null and xact_start > ${since.toISOString()}::timestamptz`);
  return n > 0;
}

/** Waits until each consumer is seen handling an event begun after `since`. */
async function everyConsumerHandling(what: string, since: Date): Promise<void> {
  for (const name of ['consumer-1', 'consumer-2']) {
    await until(`${name} handling ${what}`, () => consumerInHandler(name, since));
  }
}

async function jobsInRedis(): Promise<{ waiting: number; active: number; delayed: number }> {
  const queue = new Queue(queueName(subscription), {
    connection: redisConnection(redis.url),
    prefix: queuePrefix,
  });
  try {
    const counts = await queue.getJobCounts('wait', 'active', 'delayed');
    return {
      waiting: counts.wait ?? 0,
      active: counts.active ?? 0,
      delayed: counts.delayed ?? 0,
    };
  } finally {
    await queue.close();
  }
}

function startRelay(name: string): Promise<ReadyChild> {
  return startReadyChild(relayEntry, {
    DATABASE_URL: database.url,
    REDIS_URL: redis.url,
    RELAY_BATCH_SIZE: '100',
    APP_NAME: name,
  });
}

function startConsumer(name: string): Promise<ReadyChild> {
  return startReadyChild(consumerEntry, {
    DATABASE_URL: database.url,
    REDIS_URL: redis.url,
    GROUP: group,
    INSTANCE: name,
    APP_NAME: name,
  });
}

/** Waits until `more` side effects were applied after this call. */
async function progress(what: string, more: number, timeoutMs = 30_000): Promise<void> {
  const from = await effectsSoFar();
  await until(what, async () => (await effectsSoFar()) >= from + more, timeoutMs);
}

describe('messaging delivery across real processes', () => {
  it('applies every committed event exactly once through relay and consumer crashes and a Redis restart, under load', async () => {
    const consumers = new Map<string, ReadyChild>();
    const relays = new Map<string, ReadyChild>();
    // Consumers register their subscription before they print ready, so before any event.
    await Promise.all([
      ...['consumer-1', 'consumer-2'].map(async (name) =>
        consumers.set(name, await startConsumer(name)),
      ),
      ...['relay-1', 'relay-2'].map(async (name) => relays.set(name, await startRelay(name))),
    ]);
    const publisher = await startReadyChild(
      publisherEntry,
      { DATABASE_URL: database.url, RATE: '150', MIN: '3000', CLIENTS: '4' },
      { stdin: true },
    );
    const underLoad = (fault: string) => {
      expect(publisher.running, `the publisher is still publishing during ${fault}`).toBe(true);
    };
    await progress('events flowing', 200);

    // (a) A relay dies in the middle of a batch and the other one carries on; then that one
    // dies too, a backlog builds up, and both come back and move it.
    let victim: string | null = null;
    await until('a relay in a batch', async () => {
      victim = await relayInBatch();
      return victim !== null;
    });
    const holder = victim ?? 'relay-1';
    underLoad('the relay kill');
    await relays.get(holder)?.kill('SIGKILL');
    const relayedAtKill = await relayedSoFar();
    await until('the other relay to carry on', async () => (await relayedSoFar()) > relayedAtKill);
    underLoad('the kill of the other relay');
    await Promise.all([...relays.values()].map((relay) => relay.kill('SIGKILL')));
    await until('a backlog with no relay', async () => (await pendingNow()) >= 100);
    await Promise.all(
      ['relay-1', 'relay-2'].map(async (name) => relays.set(name, await startRelay(name))),
    );
    await until('the backlog relayed', async () => (await pendingNow()) < 100);
    await progress('events handled after the relays came back', 200);

    // (b) A consumer dies with a handler's transaction open (side effect written, not yet
    // committed); its jobs come back to the group through BullMQ's stall detection.
    await until('consumer-1 inside a handler', () => consumerInHandler('consumer-1'));
    underLoad('the consumer kill');
    await consumers.get('consumer-1')?.kill('SIGKILL');
    await progress('consumer-2 carrying on alone', 200);
    const consumerBack = new Date();
    consumers.set('consumer-1', await startConsumer('consumer-1'));
    await everyConsumerHandling('after the restart', consumerBack);
    await progress('events handled after the consumer came back', 200);

    // (c) Redis shuts down (its append-only file synced) with jobs in flight and starts again
    // on the same port and directory. It stays down longer than the consumers' lock duration:
    // the jobs in flight lose their locks, come back through stall detection and are delivered
    // again after their side effect committed, which the processed-events check must stop.
    await until('jobs in flight', async () => (await jobsInRedis()).active > 0);
    underLoad('the Redis restart');
    const pendingAtShutdown = await pendingNow();
    await redis.shutdown();
    // 300 events at the publisher's 150 a second: 2 s, past the 1.5 s lock.
    await until(
      'a backlog while Redis is down',
      async () => (await pendingNow()) >= pendingAtShutdown + 300,
    );
    await redis.start();
    const redisBack = new Date();
    await until('the backlog relayed after Redis', async () => (await pendingNow()) < 100);
    await progress('events handled after Redis came back', 200);
    // Both workers reconnected, not just one of them.
    await everyConsumerHandling('after Redis came back', redisBack);
    underLoad('the end of the faults');

    publisher.send('stop');
    await until('the publisher to finish its purchases', () => !publisher.running);
    expect(publisher.output()).toMatch(/done \d+/);
    const expected = await committed();
    expect(expected.count).toBeGreaterThanOrEqual(3000);

    await until(
      `all ${expected.count} events applied`,
      async () => (await applied()).distinct >= expected.count,
      60_000,
    );
    await until('the queue drained', async () => {
      const jobs = await jobsInRedis();
      return jobs.waiting + jobs.active + jobs.delayed === 0;
    });
    expect(await pendingNow()).toBe(0);
    expect(await applied()).toEqual(expected);
    const processed = await count(database.sql`
      select count(*)::int as n from processed_events where subscription = ${subscription}`);
    expect(processed).toBe(expected.count);
    const dead = await count(database.sql`select count(*)::int as n from dead_letters`);
    expect(dead).toBe(0);
    const skipped = await count(database.sql`
      select count(*)::int as n from message_trace
      where subscription = ${subscription} and stage = 'skipped'`);
    expect(skipped, 'duplicates delivered and stopped before the side effect').toBeGreaterThan(0);
  }, 150_000);
});
