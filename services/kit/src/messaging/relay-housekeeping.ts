import type { DbHandle } from '@trellis/db';
import type { TransactionSql } from 'postgres';
import type { Logger } from '../logger.ts';
import type { RelayQueues } from './relay-queues.ts';

/** Taken per run so one relay of many does the housekeeping; the others skip it. */
const housekeepingLockKey = 7_305_111_402n;
const housekeepingEveryMs = 10_000;
const retentionEveryMs = 60_000;
const retentionChunk = 1000;
const retentionChunksPerRun = 50;

export interface HousekeepingContext {
  sql: DbHandle['sql'];
  queues: RelayQueues;
  logger: Logger;
  retentionHours: number;
  broadcastTtlSeconds: number;
}

/**
 * The messaging housekeeping, run after each relay batch but at most every 10 s: the removal of
 * stale broadcast subscriptions with their queues and, every minute, the retention of relayed
 * rows, processed ids and trace rows.
 */
export class RelayHousekeeping {
  private lastRun = 0;
  private lastRetention = 0;

  constructor(private readonly ctx: HousekeepingContext) {}

  async run(): Promise<void> {
    const now = Date.now();
    if (now - this.lastRun < housekeepingEveryMs) {
      return;
    }
    this.lastRun = now;
    const retention = now - this.lastRetention >= retentionEveryMs;
    if (retention) {
      this.lastRetention = now;
    }
    const { sql, queues, logger, retentionHours, broadcastTtlSeconds } = this.ctx;
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
      await queues.remove(name);
      logger.info({ queue: name }, 'removed a broadcast subscription not seen for a while');
    }
  }
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
