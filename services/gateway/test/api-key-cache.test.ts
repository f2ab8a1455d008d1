import { describe, expect, it, vi } from 'vitest';
import { createApiKeyCache, type VerifiedKey } from '../src/edge/api-keys.ts';

const key = 'trk_live_key01abc_s3cr3tS3cr3tS3cr3t';
const known: VerifiedKey = { id: 'key01abc', name: 'Mobile app', scopes: ['orders:read'] };

/** A cache whose questions to users are counted, on a clock the test moves. */
function cacheOf(answer: (key: string) => Promise<VerifiedKey | undefined>) {
  const clock = { now: 1_000_000 };
  const ttl = { acceptedSeconds: 30, refusedSeconds: 5 };
  const asked: string[] = [];
  const cache = createApiKeyCache({
    ask: (asking) => {
      asked.push(asking);
      return answer(asking);
    },
    ttl: () => ttl,
    now: () => clock.now,
  });
  return { cache, clock, ttl, asked };
}

describe('the API key cache', () => {
  it('asks users once per key for as long as a verified key is trusted', async () => {
    const { cache, clock, asked } = cacheOf(async () => known);
    expect(await cache.verify(key)).toEqual(known);
    clock.now += 29_999;
    expect(await cache.verify(key)).toEqual(known);
    expect(asked).toHaveLength(1);
    clock.now += 1;
    expect(await cache.verify(key)).toEqual(known);
    expect(asked).toHaveLength(2);
  });

  it('remembers a refusal for its own, shorter time', async () => {
    const { cache, clock, asked } = cacheOf(async () => undefined);
    expect(await cache.verify(key)).toBeUndefined();
    clock.now += 4_999;
    expect(await cache.verify(key)).toBeUndefined();
    expect(asked).toHaveLength(1);
    clock.now += 1;
    await cache.verify(key);
    expect(asked).toHaveLength(2);
  });

  it('reads the times on every answer, so a published change applies to the next key', async () => {
    const { cache, clock, ttl, asked } = cacheOf(async () => known);
    ttl.acceptedSeconds = 0;
    await cache.verify(key);
    await cache.verify(key);
    expect(asked).toHaveLength(2);
    ttl.acceptedSeconds = 60;
    await cache.verify(key);
    clock.now += 59_000;
    await cache.verify(key);
    expect(asked).toHaveLength(3);
  });

  it('asks once for a key many calls bring at the same time', async () => {
    let release: (value: VerifiedKey) => void = () => {};
    const { cache, asked } = cacheOf(() => new Promise((resolve) => (release = resolve)));
    const answers = Promise.all(Array.from({ length: 10 }, () => cache.verify(key)));
    await vi.waitFor(() => expect(asked).toHaveLength(1));
    release(known);
    expect(await answers).toEqual(Array(10).fill(known));
    expect(asked).toHaveLength(1);
  });

  it('does not remember that users could not be asked', async () => {
    let fail = true;
    const { cache, asked } = cacheOf(async () => {
      if (fail) {
        throw new Error('users is down');
      }
      return known;
    });
    await expect(cache.verify(key)).rejects.toThrow('users is down');
    fail = false;
    expect(await cache.verify(key)).toEqual(known);
    expect(asked).toHaveLength(2);
  });

  it('refuses what is not shaped like a key without asking users', async () => {
    const { cache, asked } = cacheOf(async () => known);
    for (const junk of ['', 'trk_live_', 'sk_live_abcdefghijkl', `trk_live_${'x'.repeat(300)}`]) {
      expect(await cache.verify(junk)).toBeUndefined();
    }
    expect(asked).toEqual([]);
  });

  it('holds no key in the clear', async () => {
    const { cache } = cacheOf(async () => known);
    await cache.verify(key);
    expect(JSON.stringify(cache)).not.toContain('s3cr3t');
  });
});
