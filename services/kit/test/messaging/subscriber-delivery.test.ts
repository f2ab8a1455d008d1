import { schema } from '@trellis/db';
import { createTestDatabase, type TestDatabase } from '@trellis/db/testing';
import { and, eq, sql } from 'drizzle-orm';
import { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { redisConnection } from '../../src/messaging/queues.ts';
import { createSubscriber, type Subscriber } from '../../src/messaging/subscriber.ts';
import {
  dropQueues,
  envelope,
  feed,
  quietLogger,
  subscriptionId,
  tallyTopic,
  uniqueGroup,
  until,
} from './subscriber-harness.ts';

const redisUrl = inject('redisUrl');
let database: TestDatabase;
const subscribers: Subscriber[] = [];
const used: string[] = [];

beforeAll(async () => {
  database = await createTestDatabase(inject('adminDatabaseUrl'));
  await database.sql`create table effects (
    id bigserial primary key, subscription text not null, event_id text not null, n int not null,
    trace_id text
  )`;
});

afterAll(async () => {
  await Promise.all(subscribers.map((subscriber) => subscriber.stop()));
  await dropQueues(redisUrl, used);
  await database?.drop();
});

function newSubscriber(instanceId: string, registry?: Registry): Subscriber {
  const subscriber = createSubscriber({
    service: 'test',
    instanceId,
    db: database.db,
    redis: redisConnection(redisUrl),
    logger: quietLogger,
    ...(registry ? { metrics: registry } : {}),
    sampleMs: 200,
  });
  subscribers.push(subscriber);
  return subscriber;
}

async function effectsOf(subscription: string) {
  const [row] = await database.sql<{ count: number; distinct: number; sum: number }[]>`
    select count(*)::int as count, count(distinct event_id)::int as distinct,
      coalesce(sum(n), 0)::int as sum
    from effects where subscription = ${subscription}`;
  return row ?? { count: 0, distinct: 0, sum: 0 };
}

describe('subscriber: cluster delivery', () => {
  it('applies every event once across competing instances while duplicates arrive', async () => {
    const group = uniqueGroup('dup');
    const id = subscriptionId(group, tallyTopic.name);
    used.push(id);
    for (const instance of ['a', 'b']) {
      const subscriber = newSubscriber(instance);
      subscriber.subscribe(
        tallyTopic,
        group,
        async (payload, { tx, event, subscription }) => {
          await tx.execute(
            sql`insert into effects (subscription, event_id, n) values (${subscription}, ${event.id}, ${payload.n})`,
          );
        },
        { concurrency: 8 },
      );
      await subscriber.start();
    }
    const [row] = await database.db
      .select()
      .from(schema.messageSubscriptions)
      .where(eq(schema.messageSubscriptions.id, id));
    expect(row).toMatchObject({ topic: tallyTopic.name, group, mode: 'cluster', queue: `{${id}}` });

    const events = Array.from({ length: 300 }, (_, i) => envelope({ n: i + 1 }));
    // The same job twice is a no-op for BullMQ; a second copy under another job id (as a relay
    // re-add after a crash past job retention, or a replay) reaches a worker and must be skipped.
    const copies = events
      .filter((_, i) => i % 3 === 0)
      .map((event) => ({ ...event, replayedBy: 'test' }));
    await feed(redisUrl, id, events);
    await feed(redisUrl, id, events.slice(0, 50));
    await feed(redisUrl, id, copies);

    await until('every event applied', async () => (await effectsOf(id)).distinct === 300);
    await until('every copy seen', async () => {
      const [traced] = await database.db
        .select({ count: sql<number>`count(*)::int` })
        .from(schema.messageTrace)
        .where(
          and(eq(schema.messageTrace.subscription, id), eq(schema.messageTrace.stage, 'skipped')),
        );
      return (traced?.count ?? 0) === copies.length;
    });
    const effects = await effectsOf(id);
    expect(effects.count).toBe(300);
    expect(effects.sum).toBe((300 * 301) / 2);
    const [processed] = await database.db
      .select({ count: sql<number>`count(*)::int` })
      .from(schema.processedEvents)
      .where(eq(schema.processedEvents.subscription, id));
    expect(processed?.count).toBe(300);
  });

  it('runs the handler in the trace of the request that published the event', async () => {
    const group = uniqueGroup('trace');
    const id = subscriptionId(group, tallyTopic.name);
    used.push(id);
    const seen: { traceparent: string | undefined; traceId: unknown }[] = [];
    const { propagationHeaders } = await import('../../src/request-context.ts');
    const subscriber = newSubscriber('trace');
    subscriber.subscribe(tallyTopic, group, (_payload, { logger }) => {
      seen.push({
        traceparent: propagationHeaders().traceparent,
        traceId: (logger.bindings() as { traceId?: string }).traceId,
      });
    });
    await subscriber.start();
    const traceId = 'ab'.repeat(16);
    await feed(redisUrl, id, [
      envelope(
        { n: 1 },
        { headers: { traceparent: `00-${traceId}-${'cd'.repeat(8)}-01`, 'x-request-id': 'req-1' } },
      ),
    ]);
    await until('the handler ran', () => seen.length === 1);
    expect(seen[0]?.traceId).toBe(traceId);
    expect(seen[0]?.traceparent).toMatch(new RegExp(`^00-${traceId}-[0-9a-f]{16}-01$`));
  });
});

describe('subscriber: retries and dead letters', () => {
  it('retries on the policy, then dead-letters with every attempt and handles a replay once', async () => {
    const group = uniqueGroup('dlq');
    const id = subscriptionId(group, tallyTopic.name);
    used.push(id);
    const registry = new Registry();
    const attempts: number[] = [];
    let broken = true;
    const subscriber = newSubscriber('dlq', registry);
    subscriber.subscribe(
      tallyTopic,
      group,
      async (payload, { tx, event, attempt, subscription }) => {
        attempts.push(attempt);
        if (broken) {
          throw new Error(`refused on attempt ${attempt}`);
        }
        await tx.execute(
          sql`insert into effects (subscription, event_id, n) values (${subscription}, ${event.id}, ${payload.n})`,
        );
      },
      { retry: { attempts: 3, backoff: [20, 40] } },
    );
    await subscriber.start();
    const poison = envelope({ n: 7 });
    await feed(redisUrl, id, [poison]);

    const dead = async () =>
      (
        await database.db
          .select()
          .from(schema.deadLetters)
          .where(eq(schema.deadLetters.eventId, poison.id))
      )[0];
    await until('the dead letter', async () => (await dead()) !== undefined);
    const letter = await dead();
    expect(attempts).toEqual([1, 2, 3]);
    expect(letter).toMatchObject({
      subscription: id,
      topic: tallyTopic.name,
      status: 'dead',
      payload: { n: 7 },
      lastError: 'Error: refused on attempt 3',
    });
    expect(letter?.attempts.map((a) => [a.attempt, a.error])).toEqual([
      [1, 'Error: refused on attempt 1'],
      [2, 'Error: refused on attempt 2'],
      [3, 'Error: refused on attempt 3'],
    ]);
    const stages = await database.db
      .select({ stage: schema.messageTrace.stage, attempt: schema.messageTrace.attempt })
      .from(schema.messageTrace)
      .where(eq(schema.messageTrace.eventId, poison.id))
      .orderBy(schema.messageTrace.id);
    expect(stages).toEqual([
      { stage: 'failed', attempt: 1 },
      { stage: 'failed', attempt: 2 },
      { stage: 'failed', attempt: 3 },
      { stage: 'dead', attempt: 3 },
    ]);
    await until('the dead-letter gauge', async () =>
      (await registry.metrics()).includes(`messaging_dead_letters{subscription="${id}"} 1`),
    );
    const metrics = await registry.metrics();
    expect(metrics).toContain(`messaging_handled_total{subscription="${id}",outcome="failed"} 2`);
    expect(metrics).toContain(`messaging_handled_total{subscription="${id}",outcome="dead"} 1`);

    // The handler is fixed; a replay (same event id, its own job id) is handled, twice over once.
    broken = false;
    await feed(redisUrl, id, [{ ...poison, replayedBy: 'usr_admin' }]);
    await until('the replay handled', async () => (await effectsOf(id)).count === 1);
    await feed(redisUrl, id, [{ ...poison, replayedBy: 'usr_admin' }]);
    await until('the second replay skipped', async () => {
      const rows = await database.db
        .select()
        .from(schema.messageTrace)
        .where(
          and(eq(schema.messageTrace.eventId, poison.id), eq(schema.messageTrace.stage, 'skipped')),
        );
      return rows.length === 1;
    });
    expect(await effectsOf(id)).toEqual({ count: 1, distinct: 1, sum: 7 });
  });

  it('dead-letters a payload the topic refuses at once, without retrying', async () => {
    const group = uniqueGroup('bad');
    const id = subscriptionId(group, tallyTopic.name);
    used.push(id);
    let calls = 0;
    const subscriber = newSubscriber('bad');
    subscriber.subscribe(
      tallyTopic,
      group,
      () => {
        calls += 1;
      },
      { retry: { attempts: 5, backoff: [10] } },
    );
    await subscriber.start();
    const bad = envelope({ n: 'seven' });
    await feed(redisUrl, id, [bad]);
    await until('the dead letter', async () => {
      const rows = await database.db
        .select()
        .from(schema.deadLetters)
        .where(eq(schema.deadLetters.eventId, bad.id));
      return rows.length === 1;
    });
    const [letter] = await database.db
      .select()
      .from(schema.deadLetters)
      .where(eq(schema.deadLetters.eventId, bad.id));
    expect(calls).toBe(0);
    expect(letter?.attempts).toHaveLength(1);
    expect(letter?.lastError).toContain('payload does not match test.tallied v1');
  });
});
