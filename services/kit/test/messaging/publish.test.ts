import { schema } from '@trellis/db';
import { createTestDatabase, type TestDatabase } from '@trellis/db/testing';
import { eq } from 'drizzle-orm';
import { Hono } from 'hono';
import { contextStorage } from 'hono/context-storage';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ApiError, defineTopic, publish, userTokenHeader, z } from '../../src/index.ts';

const orderPaid = defineTopic(
  'order.paid',
  z.object({ orderId: z.string(), userId: z.string(), total: z.number().int() }),
  { description: 'An order was paid.', version: 2, key: (p) => p.orderId },
);
const noteAdded = defineTopic('note.added', z.object({ text: z.string() }), {
  description: 'A note, ordered with nothing.',
});

let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase(inject('adminDatabaseUrl'));
});

afterAll(async () => {
  await db?.drop();
});

async function row(id: string) {
  const [found] = await db.db.select().from(schema.outbox).where(eq(schema.outbox.id, id));
  return found;
}

describe('publish', () => {
  it('writes one outbox row in the caller transaction, keyed by the topic', async () => {
    const payload = { orderId: 'ord_1', userId: 'usr_1', total: 1200 };
    const id = await db.db.transaction((tx) => publish(tx, orderPaid, payload));
    expect(id).toMatch(/^evt_[0-9a-f]{32}$/);
    expect(await row(id)).toMatchObject({
      eventType: 'order.paid',
      topicVersion: 2,
      key: 'ord_1',
      aggregateType: 'order',
      aggregateId: 'ord_1',
      payload,
      headers: {},
      publishedAt: null,
      deliverAt: null,
    });
  });

  it('writes nothing when the transaction rolls back', async () => {
    let id = '';
    await expect(
      db.db.transaction(async (tx) => {
        id = await publish(tx, orderPaid, { orderId: 'ord_2', userId: 'usr_1', total: 5 });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(id).not.toBe('');
    expect(await row(id)).toBeUndefined();
  });

  it('refuses a payload that does not match the topic schema and writes nothing', async () => {
    const before = await db.sql`select count(*)::int as n from outbox`;
    const bad = { orderId: 'ord_3', userId: 'usr_1', total: 'a lot' } as unknown as z.infer<
      typeof orderPaid.schema
    >;
    const failure = await db.db.transaction((tx) => publish(tx, orderPaid, bad)).catch((e) => e);
    expect(failure).toBeInstanceOf(ApiError);
    expect(failure).toMatchObject({ code: 'internal' });
    expect((failure as ApiError).errors[0]?.path).toBe('total');
    const after = await db.sql`select count(*)::int as n from outbox`;
    expect(after[0]?.n).toBe(before[0]?.n);
  });

  it('takes the key, aggregate and delivery time from the options', async () => {
    const deliverAt = new Date(Date.now() + 60_000);
    const id = await db.db.transaction((tx) =>
      publish(
        tx,
        orderPaid,
        { orderId: 'ord_4', userId: 'usr_9', total: 1 },
        { key: 'usr_9', aggregateType: 'account', aggregateId: 'acc_1', deliverAt },
      ),
    );
    expect(await row(id)).toMatchObject({
      key: 'usr_9',
      aggregateType: 'account',
      aggregateId: 'acc_1',
      deliverAt,
    });
  });

  it('keys an event of a topic without a key by its own id', async () => {
    const id = await db.db.transaction((tx) => publish(tx, noteAdded, { text: 'hi' }));
    expect(await row(id)).toMatchObject({ key: id, aggregateId: id, aggregateType: 'note' });
  });

  it('carries the request trace context but never the user token', async () => {
    const app = new Hono();
    app.use(contextStorage());
    app.post('/', async (c) => {
      const vars = c as unknown as { set(key: string, value: unknown): void };
      vars.set('traceparent', '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01');
      vars.set('requestId', 'req_1');
      vars.set('caller', { user: { id: 'usr_1', token: 'secret-token' } });
      const id = await db.db.transaction((tx) => publish(tx, noteAdded, { text: 'traced' }));
      return c.text(id);
    });
    const id = await (await app.request('/', { method: 'POST' })).text();
    const headers = (await row(id))?.headers ?? {};
    expect(headers).toEqual({
      traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
      'x-request-id': 'req_1',
    });
    expect(headers[userTokenHeader]).toBeUndefined();
  });

  it('makes a second publisher of one key wait, so seq order is commit order', async () => {
    let releaseFirst = () => {};
    const firstHeld = new Promise<void>((resolve) => {
      releaseFirst = resolve;
    });
    let firstPublished = () => {};
    const firstIn = new Promise<void>((resolve) => {
      firstPublished = resolve;
    });
    const first = db.db.transaction(async (tx) => {
      const id = await publish(tx, orderPaid, { orderId: 'ord_k', userId: 'u', total: 1 });
      firstPublished();
      await firstHeld;
      return id;
    });
    await firstIn;
    let secondDone = false;
    const second = db.db
      .transaction((tx) => publish(tx, orderPaid, { orderId: 'ord_k', userId: 'u', total: 2 }))
      .finally(() => {
        secondDone = true;
      });
    // The second publisher is blocked on the key's lock while the first is open.
    await waitFor(async () => {
      const [waiting] = await db.sql`
        select count(*)::int as n from pg_locks
        where locktype = 'advisory' and not granted
          and database = (select oid from pg_database where datname = current_database())`;
      return (waiting?.n ?? 0) > 0;
    });
    expect(secondDone).toBe(false);
    releaseFirst();
    const [firstId, secondId] = await Promise.all([first, second]);
    const [a, b] = [await row(firstId), await row(secondId)];
    expect(a?.seq).toBeLessThan(b?.seq ?? 0);
  });
});

async function waitFor(check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) {
      throw new Error('condition not met in time');
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
