import { createHash } from 'node:crypto';
import { createTestDatabase, type TestDatabase } from '@trellis/db/testing';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Tx } from '../src/client.ts';
import {
  canonicalJson,
  claimIdempotencyKey,
  completeIdempotencyKey,
  type IdempotencyRequest,
  lookupIdempotencyKey,
  requestHash,
  writeIdempotently,
} from '../src/idempotency.ts';
import { appendEvents } from '../src/outbox.ts';
import { outbox } from '../src/schema/outbox.ts';

const now = new Date('2026-11-26T10:00:00.000Z');
const day = 24 * 60 * 60 * 1000;

describe('canonical request hashes', () => {
  it('serializes objects with their keys sorted at every depth', () => {
    expect(canonicalJson({ b: 1, a: [{ d: 2, c: 3 }], e: undefined })).toBe(
      '{"a":[{"c":3,"d":2}],"b":1}',
    );
  });

  it('hashes equal bodies alike whatever their key order, as SHA-256 hex', async () => {
    const hash = await requestHash({ b: 2, a: 1 });
    expect(hash).toBe(await requestHash({ a: 1, b: 2 }));
    expect(hash).toBe(createHash('sha256').update('{"a":1,"b":2}').digest('hex'));
    expect(await requestHash({ a: 1, b: 3 })).not.toBe(hash);
  });
});

describe('idempotency keys', () => {
  let database: TestDatabase;
  let counter = 0;

  beforeAll(async () => {
    database = await createTestDatabase(inject('adminDatabaseUrl'));
  });
  afterAll(async () => {
    await database.drop();
  });

  function request(requestHash = 'h1'): IdempotencyRequest {
    counter++;
    return { scope: 'test.create', key: `key-${counter}`, requestHash };
  }

  it('claims a new key, then replays its stored outcome for the same body only', async () => {
    const req = request();
    await database.db.transaction(async (tx) => {
      expect(await claimIdempotencyKey(tx, req, now)).toEqual({ kind: 'new' });
      await completeIdempotencyKey(tx, req, {
        statusCode: 201,
        response: { id: 'thing_1' },
        resourceId: 'thing_1',
      });
    });
    expect(await lookupIdempotencyKey(database.db, req, now)).toEqual({
      kind: 'replay',
      statusCode: 201,
      response: { id: 'thing_1' },
      resourceId: 'thing_1',
    });
    expect(await lookupIdempotencyKey(database.db, { ...req, requestHash: 'other' }, now)).toEqual({
      kind: 'mismatch',
    });
    expect(await lookupIdempotencyKey(database.db, { ...req, scope: 'test.other' }, now)).toEqual({
      kind: 'new',
    });
  });

  it('makes a racing claim wait for the first to commit and then read its outcome', async () => {
    const req = request();
    let releaseFirst = () => {};
    const firstHolds = new Promise<void>((resolve) => {
      releaseFirst = resolve;
    });
    let claimedFirst = () => {};
    const firstClaimed = new Promise<void>((resolve) => {
      claimedFirst = resolve;
    });
    const first = database.db.transaction(async (tx) => {
      const claim = await claimIdempotencyKey(tx, req, now);
      claimedFirst();
      await firstHolds;
      await completeIdempotencyKey(tx, req, { statusCode: 201, response: { n: 1 } });
      return claim;
    });
    await firstClaimed;
    let secondDone = false;
    const second = database.db
      .transaction((tx) => claimIdempotencyKey(tx, req, now))
      .finally(() => {
        secondDone = true;
      });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(secondDone).toBe(false);
    releaseFirst();
    expect(await first).toEqual({ kind: 'new' });
    expect(await second).toEqual({
      kind: 'replay',
      statusCode: 201,
      response: { n: 1 },
      resourceId: null,
    });
  });

  it('lets a racing claim take the key when the first transaction rolls back', async () => {
    const req = request();
    await expect(
      database.db.transaction(async (tx) => {
        await claimIdempotencyKey(tx, req, now);
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    const claim = await database.db.transaction((tx) => claimIdempotencyKey(tx, req, now));
    expect(claim).toEqual({ kind: 'new' });
  });

  it('reports a key claimed but never completed as pending', async () => {
    const req = request();
    await database.db.transaction((tx) => claimIdempotencyKey(tx, req, now));
    expect(await lookupIdempotencyKey(database.db, req, now)).toEqual({ kind: 'pending' });
  });

  it('forgets a key once it expired, so it can be claimed with another body', async () => {
    const req = request();
    await database.db.transaction(async (tx) => {
      await claimIdempotencyKey(tx, req, now, day);
      await completeIdempotencyKey(tx, req, { statusCode: 201, response: {} });
    });
    const later = new Date(now.getTime() + day);
    const reuse = { ...req, requestHash: 'h2' };
    expect(await lookupIdempotencyKey(database.db, reuse, later)).toEqual({ kind: 'new' });
    const claim = await database.db.transaction((tx) => claimIdempotencyKey(tx, reuse, later));
    expect(claim).toEqual({ kind: 'new' });
  });

  /** A write that leaves one outbox row for `thing`, so the test can count how often it ran. */
  function recordThing(thing: string) {
    return async (tx: Tx) => {
      await appendEvents(tx, [
        { aggregateType: 'thing', aggregateId: thing, eventType: 'thing.created', payload: {} },
      ]);
      return {
        value: thing,
        answer: { statusCode: 201, response: { id: thing }, resourceId: thing },
      };
    };
  }

  async function writesOf(thing: string) {
    return database.db.select().from(outbox).where(eq(outbox.aggregateId, thing));
  }

  it('runs a write with a key once when eight race, and replays its answer to the others', async () => {
    const req = request();
    const outcomes = await Promise.all(
      Array.from({ length: 8 }, (_, index) =>
        writeIdempotently(database.db, req, now, recordThing(`${req.key}-${index}`)),
      ),
    );
    const written = outcomes.filter((outcome) => outcome.kind === 'written');
    expect(written).toHaveLength(1);
    const winner = (written[0] as { value: string }).value;
    expect(outcomes.filter((outcome) => outcome.kind === 'replay')).toEqual(
      Array(7).fill({
        kind: 'replay',
        statusCode: 201,
        response: { id: winner },
        resourceId: winner,
      }),
    );
    const rows = await database.db.select().from(outbox).where(eq(outbox.aggregateType, 'thing'));
    expect(rows.filter((row) => row.aggregateId.startsWith(`${req.key}-`))).toHaveLength(1);
  });

  it('answers mismatch to a write with the same key and another body, and writes nothing', async () => {
    const req = request('body-a');
    await writeIdempotently(database.db, req, now, recordThing(`${req.key}-a`));
    const other = { ...req, requestHash: 'body-b' };
    const outcome = await writeIdempotently(database.db, other, now, recordThing(`${req.key}-b`));
    expect(outcome).toEqual({ kind: 'mismatch' });
    expect(await writesOf(`${req.key}-b`)).toHaveLength(0);
  });

  it('keeps nothing of a failed write, so the same key can be written again', async () => {
    const req = request();
    await expect(
      writeIdempotently(database.db, req, now, async () => {
        throw new Error('rule broken');
      }),
    ).rejects.toThrow('rule broken');
    expect(await lookupIdempotencyKey(database.db, req, now)).toEqual({ kind: 'new' });
    const outcome = await writeIdempotently(database.db, req, now, recordThing(req.key));
    expect(outcome).toEqual({ kind: 'written', value: req.key });
  });

  it('runs every write without a key, in its own transaction', async () => {
    const thing = `unkeyed-${crypto.randomUUID()}`;
    const first = await writeIdempotently(database.db, undefined, now, recordThing(thing));
    const second = await writeIdempotently(database.db, undefined, now, recordThing(thing));
    expect([first, second]).toEqual([
      { kind: 'written', value: thing },
      { kind: 'written', value: thing },
    ]);
    expect(await writesOf(thing)).toHaveLength(2);
  });
});
