import { schema } from '@trellis/db';
import { createTestDatabase, type TestDatabase } from '@trellis/db/testing';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { EventEnvelope } from '../../src/messaging/envelope.ts';
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
});

afterAll(async () => {
  await Promise.all(subscribers.map((subscriber) => subscriber.stop()));
  await dropQueues(redisUrl, used);
  await database?.drop();
});

function newSubscriber(instanceId: string): Subscriber {
  const subscriber = createSubscriber({
    service: 'test',
    instanceId,
    db: database.db,
    redis: redisConnection(redisUrl),
    logger: quietLogger,
  });
  subscribers.push(subscriber);
  return subscriber;
}

/** Events of several keys interleaved as commits would be: key k's i-th event has n = k*1000+i. */
function interleaved(keys: string[], perKey: number): EventEnvelope[] {
  const events: EventEnvelope[] = [];
  for (let i = 0; i < perKey; i++) {
    keys.forEach((key, k) => {
      events.push(envelope({ n: (k + 1) * 1000 + i }, { key }));
    });
  }
  return events;
}

describe('subscriber: ordered subscriptions', () => {
  it('handles each key in commit order while a failing key is parked and the rest flow', async () => {
    const group = uniqueGroup('ordered');
    const id = subscriptionId(group, tallyTopic.name);
    used.push(id);
    const handled = new Map<string, number[]>();
    const inFlight = new Map<string, number>();
    let overlapped = false;
    let blockA = true;
    let failuresOfA = 0;
    const handler = async (payload: { n: number }, { event }: { event: EventEnvelope }) => {
      if (event.key === 'A' && blockA) {
        failuresOfA += 1;
        throw new Error('key A is not ready');
      }
      const running = (inFlight.get(event.key) ?? 0) + 1;
      inFlight.set(event.key, running);
      overlapped ||= running > 1;
      // Let other slots race for the same key if the design allowed it.
      await new Promise((resolve) => setImmediate(resolve));
      handled.set(event.key, [...(handled.get(event.key) ?? []), payload.n]);
      inFlight.set(event.key, running - 1);
    };
    // Two instances of the group: order holds across them, not only inside one process.
    for (const instance of ['one', 'two']) {
      const subscriber = newSubscriber(instance);
      subscriber.subscribe(tallyTopic, group, handler, {
        ordered: true,
        concurrency: 4,
        retry: { attempts: 100, backoff: [50] },
      });
      await subscriber.start();
    }
    const keys = ['A', 'B', 'C', 'D', 'E'];
    const events = interleaved(keys, 20);
    await feed(redisUrl, id, events);

    // B–E finish while A's first event keeps failing: the parked key delays no one.
    await until('keys B–E handled', () =>
      keys.slice(1).every((key) => (handled.get(key)?.length ?? 0) === 20),
    );
    expect(handled.get('A')).toBeUndefined();
    expect(failuresOfA).toBeGreaterThan(0);
    const parked = await database.db
      .select({ count: sql<number>`count(*)::int` })
      .from(schema.messageTrace)
      .where(
        and(eq(schema.messageTrace.subscription, id), eq(schema.messageTrace.stage, 'parked')),
      );
    expect(parked[0]?.count).toBeGreaterThan(0);

    blockA = false;
    await until('key A handled', () => (handled.get('A')?.length ?? 0) === 20);
    keys.forEach((key, k) => {
      expect(handled.get(key)).toEqual(Array.from({ length: 20 }, (_, i) => (k + 1) * 1000 + i));
    });
    expect(overlapped).toBe(false);
  });

  it('goes on with a key once its failing event is dead-lettered', async () => {
    const group = uniqueGroup('ordered-dlq');
    const id = subscriptionId(group, tallyTopic.name);
    used.push(id);
    const handled: number[] = [];
    const subscriber = newSubscriber('dlq');
    subscriber.subscribe(
      tallyTopic,
      group,
      (payload) => {
        if (payload.fail) {
          throw new Error('poison');
        }
        handled.push(payload.n);
      },
      { ordered: true, retry: { attempts: 2, backoff: [20] } },
    );
    await subscriber.start();
    const poison = envelope({ n: 1, fail: true }, { key: 'K' });
    await feed(redisUrl, id, [
      poison,
      envelope({ n: 2 }, { key: 'K' }),
      envelope({ n: 3 }, { key: 'K' }),
    ]);
    await until('the rest of key K', () => handled.length === 2);
    expect(handled).toEqual([2, 3]);
    const [letter] = await database.db
      .select()
      .from(schema.deadLetters)
      .where(eq(schema.deadLetters.eventId, poison.id));
    expect(letter?.attempts.map((attempt) => attempt.error)).toEqual([
      'Error: poison',
      'Error: poison',
    ]);
  });
});
