import type { Redis } from 'ioredis';
import type { EventEnvelope } from './envelope.ts';
import { queuePrefix } from './queues.ts';

/*
 * Per-key ordering on open-source BullMQ (no Pro groups): a sequencer and one lane per key.
 *
 * 1. The relay adds a subscription's events to its queue `{sub}` in `seq` order, as for any
 *    subscription. An ordered subscription consumes that queue as a *sequencer*: one job at a
 *    time across every instance (worker concurrency 1 and the queue's global concurrency 1), so
 *    events leave it in the order they came. The sequencer does no handling: it puts the event
 *    into its key's *lane*, a Redis sorted set scored by `seq`, and if the lane has no head yet
 *    makes the event the head and adds it to the work queue `{sub}/ordered`.
 * 2. The work queue runs the handler with the subscription's concurrency, retries and dead
 *    letters. Only a lane's head is ever in it, so one key is handled one event at a time while
 *    other keys' heads run side by side.
 * 3. When the head is done (handled, skipped as a duplicate, or dead-lettered) it leaves the
 *    lane and the next event of the key by `seq` becomes the head and is added to the work
 *    queue. While the head fails and waits for its retry (a delayed job), its key's later events
 *    stay in the lane: the key is *parked* (traced `parked`), and nothing else waits for it.
 *
 * Every step is one Lua script over keys sharing the subscription's hash tag (one Redis Cluster
 * slot), and each is safe to repeat after a crash: a sequencer job run twice finds its event
 * already laned (or already done: finished members are remembered for a day) and re-adds the
 * head under the same job id, a no-op while that job exists; a head's job run twice is skipped
 * by the processed-events check and advances the lane again, which re-adds the current head.
 * Lanes live in Redis beside the queues; losing Redis loses them as it loses the queues.
 */

/** The work queue of an ordered subscription, in the same hash slot as its main queue. */
export function orderedWorkQueue(mainQueue: string): string {
  return `${mainQueue}/ordered`;
}

/** One laned event: the id its jobs carry (the event id, or a replay's own) and its envelope. */
export interface LaneEntry {
  member: string;
  envelope: EventEnvelope;
}

export type EnlaneResult =
  | { kind: 'dispatch'; head: LaneEntry }
  | { kind: 'queued' | 'parked' | 'done' };

const enlaneScript = `
local lane, entries, heads, failing, done = KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5]
local laneKey, member, seq, entry = ARGV[1], ARGV[2], ARGV[3], ARGV[4]
if redis.call('ZSCORE', done, member) then
  return {'done'}
end
if redis.call('HEXISTS', entries, member) == 0 then
  redis.call('ZADD', lane, seq, member)
  redis.call('HSET', entries, member, entry)
end
local head = redis.call('HGET', heads, laneKey)
if not head then
  head = redis.call('ZRANGE', lane, 0, 0)[1]
  redis.call('HSET', heads, laneKey, head)
end
if head == member then
  return {'dispatch', head, redis.call('HGET', entries, head)}
end
if redis.call('HGET', failing, laneKey) then
  return {'parked'}
end
return {'queued'}
`;

const advanceScript = `
local lane, entries, heads, failing, done = KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5]
local laneKey, member, now = ARGV[1], ARGV[2], tonumber(ARGV[3])
redis.call('ZREM', lane, member)
redis.call('HDEL', entries, member)
redis.call('ZADD', done, now, member)
redis.call('ZREMRANGEBYSCORE', done, '-inf', now - 86400000)
local head = redis.call('HGET', heads, laneKey)
if head and head ~= member and redis.call('HEXISTS', entries, head) == 1 then
  return {head, redis.call('HGET', entries, head)}
end
redis.call('HDEL', failing, laneKey)
local nxt = redis.call('ZRANGE', lane, 0, 0)[1]
if nxt then
  redis.call('HSET', heads, laneKey, nxt)
  return {nxt, redis.call('HGET', entries, nxt)}
end
redis.call('HDEL', heads, laneKey)
return {}
`;

/** The Redis side of one ordered subscription's lanes. */
export interface Lanes {
  enlane(member: string, envelope: EventEnvelope): Promise<EnlaneResult>;
  /** The head `member` of its key's lane is done: returns the key's next head to dispatch. */
  advance(member: string, envelope: EventEnvelope): Promise<LaneEntry | undefined>;
  /** The head failed and will be retried: later events of its key are parked behind it. */
  markFailing(member: string, envelope: EventEnvelope): Promise<void>;
  /** Removes every lane key (tests, a dropped subscription). */
  clear(): Promise<void>;
}

export function createLanes(client: Redis, mainQueue: string): Lanes {
  const base = `${queuePrefix}:${mainQueue}`;
  const keys = (laneKey: string) => [
    `${base}:lane:${laneKey}`,
    `${base}:lane-entries`,
    `${base}:lane-heads`,
    `${base}:lane-failing`,
    `${base}:lane-done`,
  ];
  const laneKeyOf = (envelope: EventEnvelope) => envelope.key || envelope.id;
  const parseEntry = (member: unknown, entry: unknown): LaneEntry | undefined =>
    typeof member === 'string' && typeof entry === 'string'
      ? { member, envelope: JSON.parse(entry) as EventEnvelope }
      : undefined;

  return {
    async enlane(member, envelope) {
      const laneKey = laneKeyOf(envelope);
      const result = (await client.eval(
        enlaneScript,
        5,
        ...keys(laneKey),
        laneKey,
        member,
        String(envelope.seq),
        JSON.stringify(envelope),
      )) as string[];
      const [kind, head, entry] = result;
      if (kind === 'dispatch') {
        const parsed = parseEntry(head, entry);
        if (parsed) {
          return { kind, head: parsed };
        }
      }
      return { kind: kind === 'parked' || kind === 'done' ? kind : 'queued' };
    },
    async advance(member, envelope) {
      const laneKey = laneKeyOf(envelope);
      const [head, entry] = (await client.eval(
        advanceScript,
        5,
        ...keys(laneKey),
        laneKey,
        member,
        String(Date.now()),
      )) as string[];
      return parseEntry(head, entry);
    },
    async markFailing(member, envelope) {
      await client.hset(`${base}:lane-failing`, laneKeyOf(envelope), member);
    },
    async clear() {
      let cursor = '0';
      do {
        const [next, found] = await client.scan(cursor, 'MATCH', `${base}:lane*`, 'COUNT', 500);
        cursor = next;
        if (found.length > 0) {
          await client.del(...found);
        }
      } while (cursor !== '0');
    },
  };
}
