/**
 * Messaging throughput and latency, in one run on one Redis and one Postgres:
 *
 * - Raw BullMQ (the baseline): `queue.add` of one job at a time from `--publishers` concurrent
 *   producers, and a Worker (concurrency `--concurrency`) counting them; events/s from the first
 *   add to the last job processed.
 * - The platform's path, the same number of events: each published by `publish` in a
 *   transaction of its own (as a business write does), woken out of the outbox by the relay's
 *   LISTEN/NOTIFY, added to the subscription's queue, and handled by the kit's subscriber,
 *   which records the event id as processed and applies the side effect (a row per event) in one
 *   transaction. Events/s from the first publish to the last side effect, checked afterwards:
 *   exactly one side-effect row per event, and the sum of their numbers (a checksum).
 * - A reference between the two: BullMQ add + process where each job's handler commits the
 *   same side effect in a Postgres transaction of its own, with no outbox, relay or idempotency:
 *   what one durable write per event costs here, before any of the platform's own work.
 * - Latency at a steady `--rate` events/s for `--seconds`: from each publishing transaction's
 *   commit to its handler starting, p50 and p99.
 *
 * Everything runs in this process (relay, subscriber, producers), as the raw baseline does; the
 * database is an embedded Postgres in a temporary directory (or DATABASE_URL), Redis is
 * REDIS_URL or 127.0.0.1:6379, and the bench's queues and rows are removed at the end.
 *
 *   npm run bench:messaging -- --events 20000 --rate 1000 --seconds 10
 */
import { availableParallelism, loadavg } from 'node:os';
import { Writable } from 'node:stream';
import { createDb, type DbHandle } from '@trellis/db';
import { createLogger, defineTopic, publish, z } from '@trellis/kit';
import {
  createRelay,
  createSubscriber,
  keptJobs,
  queueName,
  queuePrefix,
  redisConnection,
} from '@trellis/kit/messaging';
import { type Job, Queue, Worker } from 'bullmq';
import { sql } from 'drizzle-orm';
import { benchOptions, cleanups, printTable, runBenchmark, startDatabase } from './support.ts';

const { events, publishers, concurrency, rate, seconds } = benchOptions({
  events: 20_000,
  publishers: 50,
  concurrency: 50,
  rate: 1000,
  seconds: 10,
});

const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const connection = redisConnection(redisUrl);
const run = `${Date.now().toString(36)}`;
const silent = createLogger({
  service: 'bench',
  instance: 'bench',
  level: 'warn',
  destination: new Writable({ write: (_chunk, _encoding, done) => done() }),
});

const happened = defineTopic(
  'bench.happened',
  z.object({ n: z.number().int(), sentAt: z.number() }),
  { description: 'A benchmark event.', pushable: false },
);

/** Runs `count` calls of `work` from `workers` loops at once. */
async function concurrently(count: number, workers: number, work: (n: number) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: workers }, async () => {
      while (next < count) {
        next += 1;
        await work(next);
      }
    }),
  );
}

/** Resolves once `done()` holds, checking every 20 ms; fails after `timeoutMs`. */
async function until(done: () => boolean | Promise<boolean>, timeoutMs: number, what: string) {
  const deadline = Date.now() + timeoutMs;
  while (!(await done())) {
    if (Date.now() > deadline) {
      throw new Error(`${what} did not happen within ${timeoutMs / 1000} s`);
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/**
 * BullMQ alone: `--publishers` producers adding one job at a time to a queue of its own, a
 * Worker (concurrency `--concurrency`) running `handle` on each; events/s from the first add to
 * the last job processed.
 */
async function bullmqThroughput(
  label: string,
  handle: (job: Job<{ n: number }>) => Promise<void>,
): Promise<number> {
  const name = queueName(`bench-${label}-${run}`);
  const queue = new Queue(name, { connection, prefix: queuePrefix });
  let processed = 0;
  const worker = new Worker<{ n: number }>(
    name,
    async (job) => {
      await handle(job);
      processed += 1;
    },
    { connection, prefix: queuePrefix, concurrency },
  );
  cleanups.push(async () => {
    await worker.close();
    await queue.obliterate({ force: true });
    await queue.close();
  });
  await worker.waitUntilReady();
  const started = performance.now();
  await concurrently(events, publishers, async (n) => {
    await queue.add('bench.happened', { n, sentAt: Date.now() }, keptJobs);
  });
  await until(() => processed >= events, 300_000, `BullMQ (${label}) processing every job`);
  return events / ((performance.now() - started) / 1000);
}

/** The baseline: nothing done per job but counting it. */
function rawBullmq(): Promise<number> {
  return bullmqThroughput('raw', async () => {});
}

/**
 * A reference: each job's handler commits the same side effect in a Postgres transaction of
 * its own (no outbox, no relay, no idempotency): what one durable write per event costs on this
 * machine, before any of the platform's own work.
 */
async function bullmqWithTransactions(database: DbHandle): Promise<number> {
  await database.sql`create table if not exists bench_plain_effects (id text primary key, n int not null)`;
  cleanups.push(async () => {
    await database.sql`drop table if exists bench_plain_effects`;
  });
  return bullmqThroughput('tx', async (job) => {
    await database.db.transaction(async (tx) => {
      await tx.execute(sql`insert into bench_plain_effects values (${job.id}, ${job.data.n})`);
    });
  });
}

interface Platform {
  handled: Map<string, number>;
  committed: Map<string, number>;
}

async function startPlatform(database: DbHandle): Promise<Platform> {
  await database.sql`create table if not exists bench_effects (event_id text primary key, n int not null)`;
  cleanups.push(async () => {
    await database.sql`drop table if exists bench_effects`;
  });
  const platform: Platform = { handled: new Map(), committed: new Map() };
  const relay = createRelay({ sql: database.sql, redis: connection, logger: silent });
  const subscriber = createSubscriber({
    service: 'bench',
    instanceId: `bench-${run}`,
    db: database.db,
    redis: connection,
    logger: silent,
  });
  const subscription = subscriber.subscribe(
    happened,
    `bench-${run}`,
    async (payload, { tx, event }) => {
      platform.handled.set(event.id, Date.now());
      await tx.execute(sql`insert into bench_effects values (${event.id}, ${payload.n})`);
    },
    { concurrency },
  );
  cleanups.push(async () => {
    await subscriber.stop();
    await relay.stop();
    const queue = new Queue(subscription.queue, { connection, prefix: queuePrefix });
    await queue.obliterate({ force: true });
    await queue.close();
    await database.sql`delete from message_subscriptions where id = ${subscription.id}`;
  });
  await subscriber.start();
  await subscription.ready;
  await relay.start();
  return platform;
}

async function publishOne(database: DbHandle, platform: Platform, n: number): Promise<void> {
  const id = await database.db.transaction((tx) =>
    publish(tx, happened, { n, sentAt: Date.now() }, { key: `k${n % 64}` }),
  );
  platform.committed.set(id, Date.now());
}

async function effects(database: DbHandle): Promise<{ rows: number; sum: string }> {
  const [row] = await database.sql<{ rows: number; sum: string }[]>`
    select count(*)::int as rows, coalesce(sum(n), 0)::text as sum from bench_effects`;
  return row ?? { rows: 0, sum: '0' };
}

async function platformThroughput(database: DbHandle, platform: Platform): Promise<number> {
  const before = platform.handled.size;
  const started = performance.now();
  await concurrently(events, publishers, (n) => publishOne(database, platform, n));
  // Handlers count as they start; an effect is done once its transaction commits.
  await until(
    () => platform.handled.size - before >= events,
    300_000,
    'the platform handling every event',
  );
  await until(
    async () => (await effects(database)).rows >= events,
    60_000,
    'every side effect committing',
  );
  const rate = events / ((performance.now() - started) / 1000);
  // Anything beyond its one row would show here: a duplicate is a second row or a failed insert.
  const check = await effects(database);
  const expectedSum = (events * (events + 1)) / 2;
  if (check.rows !== events || Number(check.sum) !== expectedSum) {
    throw new Error(
      `side effects: ${check.rows} rows summing ${check.sum}, expected ${events} summing ${expectedSum}`,
    );
  }
  return rate;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

/** Publishes `rate` events a second for `seconds`; commit → handler latencies, sorted. */
async function steadyLatency(database: DbHandle, platform: Platform): Promise<number[]> {
  platform.committed.clear();
  platform.handled.clear();
  const total = rate * seconds;
  const tickMs = 10;
  const perTick = rate / (1000 / tickMs);
  const started = performance.now();
  let sent = 0;
  const inFlight: Promise<void>[] = [];
  while (sent < total) {
    const due = Math.min(total, Math.floor(((performance.now() - started) / tickMs + 1) * perTick));
    while (sent < due) {
      sent += 1;
      inFlight.push(publishOne(database, platform, events + sent));
    }
    await new Promise((resolve) => setTimeout(resolve, tickMs));
  }
  await Promise.all(inFlight);
  await until(() => platform.handled.size >= total, 120_000, 'the steady events being handled');
  const latencies: number[] = [];
  for (const [id, committedAt] of platform.committed) {
    const handledAt = platform.handled.get(id);
    if (handledAt !== undefined) {
      // The handler may start before `publishOne` records the commit it has just seen.
      latencies.push(Math.max(0, handledAt - committedAt));
    }
  }
  return latencies.sort((a, b) => a - b);
}

async function main(): Promise<void> {
  const databaseUrl = await startDatabase();
  const database = createDb(databaseUrl, {
    applicationName: 'trellis-bench',
    max: publishers + 20,
  });
  cleanups.push(() => database.close());
  console.log(
    `load average ${loadavg()
      .map((v) => v.toFixed(2))
      .join(' ')} at the start`,
  );
  const raw = await rawBullmq();
  console.log(`raw BullMQ: ${raw.toFixed(0)} events/s`);
  const withTransactions = await bullmqWithTransactions(database);
  console.log(`BullMQ, a transaction per job: ${withTransactions.toFixed(0)} events/s`);
  const platform = await startPlatform(database);
  const full = await platformThroughput(database, platform);
  console.log(`outbox → relay → subscription → handler: ${full.toFixed(0)} events/s`);
  const latencies = await steadyLatency(database, platform);
  const p50 = percentile(latencies, 50);
  const p99 = percentile(latencies, 99);
  console.log();
  printTable([
    ['', 'events/s', 'ratio', 'p50 ms', 'p99 ms'],
    ['raw BullMQ add + process (baseline)', raw.toFixed(0), '1.00x', '–', '–'],
    [
      '  BullMQ, each job committing its side effect in Postgres',
      withTransactions.toFixed(0),
      `${(withTransactions / raw).toFixed(2)}x`,
      '–',
      '–',
    ],
    [
      'outbox → relay → subscription → idempotent handler',
      full.toFixed(0),
      `${(full / raw).toFixed(2)}x`,
      '–',
      '–',
    ],
    [
      '  the same against BullMQ with a transaction per job',
      '–',
      `${(full / withTransactions).toFixed(2)}x`,
      '–',
      '–',
    ],
    [
      `same, steady ${rate} events/s for ${seconds} s (commit → handler)`,
      '–',
      '–',
      p50.toFixed(1),
      p99.toFixed(1),
    ],
  ]);
  const ratio = full / raw;
  console.log(
    `\nThe platform's path keeps ${ratio.toFixed(2)}x of raw BullMQ (target ≥ 0.5x: ` +
      `${ratio >= 0.5 ? 'met' : 'NOT met'}); commit → handler p99 ${p99.toFixed(1)} ms at ` +
      `${rate} events/s (target < 100 ms: ${p99 < 100 ? 'met' : 'NOT met'}). ${events} events ` +
      `per throughput run, ${publishers} producers, consumer concurrency ${concurrency}; every ` +
      `event's side effect applied exactly once (row count and checksum). Node ${process.version}, ` +
      `${availableParallelism()} CPUs, load average ${loadavg()
        .map((v) => v.toFixed(2))
        .join(' ')} at the end.`,
  );
}

await runBenchmark(main);
