import type { DbHandle } from '@trellis/db';
import { type ConnectionOptions, Queue } from 'bullmq';
import { Redis } from 'ioredis';
import type { TransactionSql } from 'postgres';
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import type { BackgroundTask } from '../background-tasks.ts';
import type { Logger } from '../logger.ts';
import type { EventEnvelope } from './envelope.ts';
import { eventJob, queuePrefix } from './queues.ts';

type Sql = DbHandle['sql'];

export interface RelayOptions {
  /** The postgres.js client of the database holding the outbox (`DbHandle.sql`). */
  sql: Sql;
  /** Redis for BullMQ: `redisConnection(url)`, or a connection to share. */
  redis: ConnectionOptions;
  logger: Logger;
  /** Rows moved per transaction; 500 by default. */
  batchSize?: number;
  /** Relayed outbox rows, processed ids and trace rows are kept this long; 168 (a week). */
  retentionHours?: number;
  /** Where the relay's metrics go. */
  metrics?: Registry;
  /** The fallback poll when no notification comes; 1000 ms. */
  pollIntervalMs?: number;
  /** Broadcast subscriptions not seen for this long are removed with their queues; 60 s. */
  broadcastTtlSeconds?: number;
  /**
   * Runs inside each batch's transaction, under the relay's lock, with the batch's events in
   * `seq` order: for what must follow commit order across every topic, as users' streams do
   * (subscriptions are per topic, so two topics' events reach them in either order). Throwing
   * rolls the batch back; it is tried again.
   */
  onBatch?: (tx: TransactionSql, events: readonly RelayedEvent[]) => Promise<void>;
}

/** An event of a batch as `onBatch` sees it: its envelope and its delivery delay. */
export interface RelayedEvent {
  envelope: EventEnvelope;
  /** Milliseconds until `deliverAt`; 0 for at once. */
  delayMs: number;
}

export interface Relay extends BackgroundTask {
  start(): Promise<void>;
  /** Stops listening and polling, lets the batch in flight commit, closes the queues. */
  stop(): Promise<void>;
  /** Looks for pending events now (a notification does the same). */
  wake(): void;
}

/**
 * The one transaction-scoped advisory lock every relay takes for a batch: one relay moves rows
 * at a time, so no event is relayed twice and none overtakes another; the others skip and try
 * again on the next notification or poll. (`publish`'s per-key locks use the two-int space.)
 */
const relayLockKey = 7_305_111_401n;
const housekeepingLockKey = 7_305_111_402n;
const housekeepingEveryMs = 10_000;
const retentionEveryMs = 60_000;
const retentionChunk = 1000;
const retentionChunksPerRun = 50;

interface PendingRow {
  id: string;
  topic: string;
  version: number;
  key: string | null;
  aggregate_id: string;
  payload: Record<string, unknown>;
  headers: Record<string, string>;
  /** ISO 8601, formatted by Postgres: drizzle's client leaves timestamps as text. */
  occurred_at: string;
  seq: string;
  delay_ms: number;
}

interface SubscriptionRow {
  id: string;
  topic: string;
  queue: string;
}

/**
 * The outbox relay: moves committed outbox rows to every subscription queue of their topic, in
 * `seq` order (commit order for one key, see `publish`). Woken by `LISTEN trellis_outbox` (a
 * statement trigger notifies at commit) and by a poll as a fallback; under load one wake-up
 * moves up to `batchSize` rows and loops while full. Each batch is one transaction: the lock,
 * the read, one `addBulk` per queue (job id = event id, so a re-add after a crash between the
 * Redis add and the commit is a no-op), the trace rows and `published_at`. Also the messaging
 * housekeeping: retention of relayed rows and the removal of stale broadcast subscriptions.
 */
export function createRelay(options: RelayOptions): Relay {
  const { sql, logger } = options;
  const batchSize = options.batchSize ?? 500;
  const retentionHours = options.retentionHours ?? 168;
  const pollIntervalMs = options.pollIntervalMs ?? 1000;
  const broadcastTtlSeconds = options.broadcastTtlSeconds ?? 60;
  const metrics = relayMetrics(options.metrics, sql);
  const ownsRedis = !(options.redis instanceof Redis);
  let redis: Redis | null = null;
  const queues = new Map<string, Queue>();

  let running = false;
  let wanted = false;
  let loop: Promise<void> | null = null;
  let poll: ReturnType<typeof setInterval> | null = null;
  let unlisten: (() => Promise<void>) | null = null;
  let lastHousekeeping = 0;
  let lastRetention = 0;

  function connection(): Redis {
    if (redis === null) {
      redis =
        options.redis instanceof Redis
          ? options.redis
          : // A batch holds its transaction open while it adds jobs: with Redis away, fail it
            // after a few reconnects (it rolls back and the next poll retries) rather than wait.
            new Redis({ ...(options.redis as object), maxRetriesPerRequest: 3 });
    }
    return redis;
  }

  function queue(name: string): Queue {
    let found = queues.get(name);
    if (!found) {
      found = new Queue(name, { connection: connection(), prefix: queuePrefix });
      queues.set(name, found);
    }
    return found;
  }

  async function relayBatch(): Promise<number> {
    const stopTimer = metrics?.batchSeconds.startTimer();
    const moved = await sql.begin(async (tx) => {
      const [lock] = await tx<{ locked: boolean }[]>`
        select pg_try_advisory_xact_lock(${relayLockKey.toString()}::bigint) as locked`;
      if (!lock?.locked) {
        return -1;
      }
      const rows = await tx<PendingRow[]>`
        select id, event_type as topic, topic_version as version, key, aggregate_id, payload,
          headers, seq,
          to_char(occurred_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as occurred_at,
          greatest(0, ceil(extract(epoch from deliver_at - now()) * 1000))::float8 as delay_ms
        from outbox where published_at is null order by seq limit ${batchSize}`;
      if (rows.length === 0) {
        return 0;
      }
      const topics = [...new Set(rows.map((row) => row.topic))];
      // Read in the batch, not cached: a subscription registered before an event's commit
      // gets it, however fresh.
      const subscriptions = await tx<SubscriptionRow[]>`
        select id, topic, queue from message_subscriptions where topic = any(${topics})`;
      const byTopic = new Map<string, SubscriptionRow[]>();
      for (const sub of subscriptions) {
        byTopic.set(sub.topic, [...(byTopic.get(sub.topic) ?? []), sub]);
      }
      const relayed = rows.map((row) => ({ envelope: toEnvelope(row), delayMs: row.delay_ms }));
      await options.onBatch?.(tx, relayed);
      const jobs = new Map<string, ReturnType<typeof eventJob>[]>();
      const trace = { eventId: [] as string[], topic: [] as string[], key: [] as string[] };
      const traceSub: (string | null)[] = [];
      const traceNote: (string | null)[] = [];
      for (const { envelope, delayMs } of relayed) {
        const subs = byTopic.get(envelope.topic) ?? [];
        for (const sub of subs) {
          const list = jobs.get(sub.queue) ?? [];
          list.push(eventJob(envelope, delayMs));
          jobs.set(sub.queue, list);
        }
        for (const sub of subs.length > 0 ? subs : [null]) {
          trace.eventId.push(envelope.id);
          trace.topic.push(envelope.topic);
          trace.key.push(envelope.key);
          traceSub.push(sub?.id ?? null);
          traceNote.push(sub ? null : 'no subscription');
        }
      }
      // Order within a queue is `seq` order: addBulk keeps the order it is given.
      await Promise.all([...jobs].map(([name, list]) => queue(name).addBulk(list)));
      await tx`
        insert into message_trace (event_id, topic, key, subscription, stage, error)
        select e, t, k, s, 'relayed', n
        from unnest(${trace.eventId}::text[], ${trace.topic}::text[], ${trace.key}::text[],
          ${traceSub}::text[], ${traceNote}::text[]) as x(e, t, k, s, n)`;
      await tx`update outbox set published_at = now() where id = any(${rows.map((r) => r.id)})`;
      if (metrics) {
        for (const row of rows) {
          metrics.published.inc({ topic: row.topic });
          const count = byTopic.get(row.topic)?.length ?? 0;
          if (count > 0) {
            metrics.relayed.inc({ topic: row.topic }, count);
          }
        }
      }
      return rows.length;
    });
    if (moved >= 0) {
      stopTimer?.();
    }
    return moved;
  }

  async function housekeeping(): Promise<void> {
    const now = Date.now();
    if (now - lastHousekeeping < housekeepingEveryMs) {
      return;
    }
    lastHousekeeping = now;
    const retention = now - lastRetention >= retentionEveryMs;
    if (retention) {
      lastRetention = now;
    }
    const stale = await sql.begin(async (tx): Promise<{ queue: string }[]> => {
      const [lock] = await tx<{ locked: boolean }[]>`
        select pg_try_advisory_xact_lock(${housekeepingLockKey.toString()}::bigint) as locked`;
      if (!lock?.locked) {
        return [];
      }
      if (retention) {
        await applyRetention(tx, retentionHours);
      }
      return [
        ...(await tx<{ queue: string }[]>`
        delete from message_subscriptions
        where mode = 'broadcast'
          and seen_at < now() - make_interval(secs => ${broadcastTtlSeconds})
        returning queue`),
      ];
    });
    for (const { queue: name } of stale) {
      await queue(name).obliterate({ force: true });
      await queues.get(name)?.close();
      queues.delete(name);
      logger.info({ queue: name }, 'removed a broadcast subscription not seen for a while');
    }
  }

  async function drain(): Promise<void> {
    while (wanted && running) {
      wanted = false;
      try {
        const moved = await relayBatch();
        if (moved === batchSize) {
          wanted = true;
        }
      } catch (error) {
        // The batch rolled back; its rows are relayed on the next wake or poll.
        logger.error({ err: error }, 'the outbox relay failed a batch');
      }
      await housekeeping().catch((error: unknown) => {
        logger.error({ err: error }, 'the messaging housekeeping failed');
      });
    }
  }

  function wake(): void {
    wanted = true;
    if (running && loop === null) {
      loop = drain().finally(() => {
        loop = null;
        // A wake that came after the last check but before the loop ended.
        if (wanted && running) {
          wake();
        }
      });
    }
  }

  return {
    async start() {
      if (running) {
        return;
      }
      running = true;
      const listening = await sql
        .listen(
          'trellis_outbox',
          () => wake(),
          // Also on every reconnect: notifications sent while disconnected are lost.
          () => wake(),
        )
        .catch((error: unknown) => {
          running = false;
          throw error;
        });
      unlisten = () => listening.unlisten();
      poll = setInterval(wake, pollIntervalMs);
      wake();
      logger.info({ batchSize, retentionHours }, 'outbox relay started');
    },
    async stop() {
      if (!running) {
        return;
      }
      running = false;
      if (poll) {
        clearInterval(poll);
        poll = null;
      }
      await unlisten?.().catch(() => {});
      unlisten = null;
      await loop;
      await Promise.all([...queues.values()].map((q) => q.close()));
      queues.clear();
      if (ownsRedis && redis !== null) {
        await (redis as Redis).quit().catch(() => {});
      }
      redis = null;
      logger.info('outbox relay stopped');
    },
    wake,
  };
}

function toEnvelope(row: PendingRow): EventEnvelope {
  return {
    id: row.id,
    topic: row.topic,
    version: row.version,
    key: row.key ?? row.aggregate_id,
    payload: row.payload,
    headers: row.headers,
    occurredAt: row.occurred_at,
    seq: Number(row.seq),
  };
}

/** Deletes what outlived the retention, a chunk at a time so no statement holds locks long. */
async function applyRetention(tx: TransactionSql, hours: number): Promise<void> {
  const statements = [
    () => tx`delete from outbox where id in (select id from outbox
      where published_at < now() - make_interval(hours => ${hours}) limit ${retentionChunk})`,
    () => tx`delete from processed_events where (subscription, event_id) in (
      select subscription, event_id from processed_events
      where processed_at < now() - make_interval(hours => ${hours}) limit ${retentionChunk})`,
    () => tx`delete from message_trace where id in (select id from message_trace
      where at < now() - make_interval(hours => ${hours}) limit ${retentionChunk})`,
  ];
  for (const statement of statements) {
    for (let chunk = 0; chunk < retentionChunksPerRun; chunk++) {
      const result = await statement();
      if (result.count < retentionChunk) {
        break;
      }
    }
  }
}

function relayMetrics(registry: Registry | undefined, sql: Sql) {
  if (!registry) {
    return null;
  }
  const reuse = <T>(name: string, make: () => T): T =>
    (registry.getSingleMetric(name) as T | undefined) ?? make();
  return {
    published: reuse(
      'messaging_published_total',
      () =>
        new Counter({
          name: 'messaging_published_total',
          help: 'Events committed to the outbox and relayed, by topic.',
          labelNames: ['topic'] as const,
          registers: [registry],
        }),
    ),
    relayed: reuse(
      'messaging_relayed_total',
      () =>
        new Counter({
          name: 'messaging_relayed_total',
          help: 'Jobs added to subscription queues by the relay (one per event and subscription).',
          labelNames: ['topic'] as const,
          registers: [registry],
        }),
    ),
    batchSeconds: reuse(
      'messaging_relay_batch_seconds',
      () =>
        new Histogram({
          name: 'messaging_relay_batch_seconds',
          help: 'Duration of one relay batch (read, enqueue, mark relayed, commit).',
          buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
          registers: [registry],
        }),
    ),
    pending: reuse(
      'messaging_outbox_pending',
      () =>
        new Gauge({
          name: 'messaging_outbox_pending',
          help: 'Outbox rows not yet relayed.',
          registers: [registry],
          async collect() {
            const [row] = await sql<{ n: number }[]>`
              select count(*)::int as n from outbox where published_at is null`;
            this.set(row?.n ?? 0);
          },
        }),
    ),
  };
}
