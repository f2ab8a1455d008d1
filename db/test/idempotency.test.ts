import { createHash } from 'node:crypto';
import { createTestDatabase, type TestDatabase } from '@trellis/db/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  canonicalJson,
  claimIdempotencyKey,
  completeIdempotencyKey,
  type IdempotencyRequest,
  lookupIdempotencyKey,
  requestHash,
} from '../src/idempotency.ts';

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
});
