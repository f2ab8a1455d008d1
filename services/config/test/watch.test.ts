import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { grayBucket } from '../src/config/gray.ts';
import { EffectiveSchema } from '../src/routes/config/schema.ts';
import { startTestConfigCenter } from '../src/testing.ts';
import {
  bearer,
  type ConfigHarness,
  createConfigHarness,
  people,
  publish,
  serviceToken,
  startCenter,
  testIdentity,
  uploadSchema,
  userToken,
  watchConfig,
} from './harness.ts';

let h: ConfigHarness;
let url: string;
let token: string;
const base = { logLevel: 'info', paymentTimeoutMinutes: 30, maxItems: 50 };

beforeAll(async () => {
  h = await createConfigHarness({ pingIntervalMs: 100 });
  url = (await h.center.serve()).url;
  token = await serviceToken('orders');
  await uploadSchema(h.center, 'orders');
});
afterAll(async () => {
  await h.close();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function publishMinutes(minutes: number, center = h.center) {
  const res = await publish(center, people.ada, { ...base, paymentTimeoutMinutes: minutes });
  expect(res.status).toBe(201);
  return ((await res.json()) as { revision: number }).revision;
}

describe('the watch stream', () => {
  it('sends the schema defaults as revision 0 before anything is published', async () => {
    const watch = await watchConfig(url, { token, instanceId: 'orders-1' });
    const [first] = await watch.until(1);
    expect(first).toMatchObject({ id: '0', revision: 0, releaseKind: 'defaults' });
    expect(first?.values).toMatchObject({ paymentTimeoutMinutes: 30, logLevel: 'info' });
    watch.close();
  });

  it('streams each publish as an event whose id is the revision', async () => {
    const watch = await watchConfig(url, { token, instanceId: 'orders-1' });
    await watch.until(1);
    const started = performance.now();
    const revision = await publishMinutes(10);
    const [, event] = await watch.until(2);
    const elapsed = performance.now() - started;
    expect(event).toMatchObject({ id: String(revision), revision, releaseKind: 'full' });
    expect(event?.values.paymentTimeoutMinutes).toBe(10);
    expect(elapsed).toBeLessThan(500);
    watch.close();
  });

  it('replays all three publishes made while a watcher was away, in order', async () => {
    const watch = await watchConfig(url, { token, instanceId: 'orders-1' });
    const [current] = await watch.until(1);
    watch.close();
    const lastSeen = current?.revision ?? -1;
    const revisions = [
      await publishMinutes(11),
      await publishMinutes(12),
      await publishMinutes(13),
    ];

    const again = await watchConfig(url, { token, instanceId: 'orders-1', lastEventId: lastSeen });
    const events = await again.until(3);
    expect(events.map((e) => [Number(e.id), e.values.paymentTimeoutMinutes])).toEqual([
      [revisions[0], 11],
      [revisions[1], 12],
      [revisions[2], 13],
    ]);
    await sleep(200);
    expect(again.events).toHaveLength(3);
    again.close();
  });

  it('replays nothing to a watcher that is up to date, and keeps it alive with pings', async () => {
    const watch = await watchConfig(url, { token, instanceId: 'orders-1' });
    const [current] = await watch.until(1);
    watch.close();
    let activity = 0;
    const again = await watchConfig(url, {
      token,
      instanceId: 'orders-1',
      lastEventId: current?.revision ?? 0,
      onActivity: () => activity++,
    });
    await sleep(450);
    expect(again.events).toEqual([]);
    // The opening comment plus a ping every 100 ms.
    expect(activity).toBeGreaterThanOrEqual(3);
    again.close();
  });

  it('forgets watchers as soon as they disconnect', async () => {
    const watching = async (count: number) => {
      const deadline = Date.now() + 2000;
      while (h.center.deps.feeds.count() !== count && Date.now() < deadline) {
        await sleep(20);
      }
      return h.center.deps.feeds.count();
    };
    // Every watcher of the tests above has been closed.
    expect(await watching(0)).toBe(0);
    const watch = await watchConfig(url, { token, instanceId: 'orders-gone' });
    await watch.until(1);
    expect(h.center.deps.feeds.count()).toBe(1);
    watch.close();
    expect(await watching(0)).toBe(0);
  });

  it('sends a gray release only to the instances it targets', async () => {
    const ids = Array.from({ length: 200 }, (_, i) => `orders-${i}`);
    const inside = ids.find((id) => grayBucket(id) < 30) ?? '';
    const outside = ids.find((id) => grayBucket(id) >= 30) ?? '';
    const watchIn = await watchConfig(url, { token, instanceId: inside });
    const watchOut = await watchConfig(url, { token, instanceId: outside });
    const watchLabel = await watchConfig(url, { token, instanceId: outside, labels: 'zone:x' });
    await Promise.all([watchIn.until(1), watchOut.until(1), watchLabel.until(1)]);

    const res = await publish(
      h.center,
      people.ada,
      { ...base, paymentTimeoutMinutes: 5 },
      { gray: { percentage: 30, labels: { zone: 'x' } } },
    );
    expect(res.status).toBe(201);
    const [, grayIn] = await watchIn.until(2);
    const [, grayLabel] = await watchLabel.until(2);
    expect(grayIn).toMatchObject({ releaseKind: 'gray', values: { paymentTimeoutMinutes: 5 } });
    expect(grayLabel).toMatchObject({ releaseKind: 'gray' });
    await sleep(200);
    expect(watchOut.events).toHaveLength(1);

    const abandon = await h.center.request('/v1/config/dev/orders/gray/abandon', {
      method: 'POST',
      headers: bearer(await userToken(people.ada)),
      json: {},
    });
    expect(abandon.status).toBe(201);
    const [, , back] = await watchIn.until(3);
    const [, outBack] = await watchOut.until(2);
    expect(back).toMatchObject({ releaseKind: 'rollback', values: { paymentTimeoutMinutes: 13 } });
    expect(outBack?.revision).toBe(back?.revision);
    for (const watch of [watchIn, watchOut, watchLabel]) {
      watch.close();
    }
  });
});

describe('two center instances', () => {
  it('deliver a publish made on either to a watcher on the other', async () => {
    const second = await startCenter({ database: h.secondHandle(), instanceId: 'config-b' });
    try {
      const secondUrl = (await second.serve()).url;
      const onB = await watchConfig(secondUrl, { token, instanceId: 'orders-b' });
      const onA = await watchConfig(url, { token, instanceId: 'orders-a' });
      await Promise.all([onB.until(1), onA.until(1)]);

      const startedA = performance.now();
      const fromA = await publishMinutes(21, h.center);
      const [, seenOnB] = await onB.until(2);
      const latencyAtoB = performance.now() - startedA;
      expect(seenOnB?.revision).toBe(fromA);

      const startedB = performance.now();
      const fromB = await publishMinutes(22, second);
      const [, , seenOnA] = await onA.until(3);
      const latencyBtoA = performance.now() - startedB;
      expect(seenOnA).toMatchObject({ revision: fromB, values: { paymentTimeoutMinutes: 22 } });
      expect(latencyAtoB).toBeLessThan(1000);
      expect(latencyBtoA).toBeLessThan(1000);
      onA.close();
      onB.close();
    } finally {
      await second.stop();
    }
  });

  it('end their watch streams when they stop, so shutdown does not wait on them', async () => {
    const third = await startTestConfigCenter({
      database: h.secondHandle(),
      identity: (await testIdentity).settings,
      instanceId: 'config-c',
    });
    const server = await third.serve();
    const res = await fetch(`${server.url}/v1/config/dev/orders/watch?instanceId=x`, {
      headers: bearer(token),
    });
    const text = res.text();
    await sleep(100);
    await third.stop();
    expect(await text).toContain('event: config');
  });
});

describe('the long poll', () => {
  const poll = (query: string) =>
    fetch(`${url}/v1/config/dev/orders/poll?instanceId=orders-1&${query}`, {
      headers: bearer(token),
    });

  it('answers at once when the instance is behind', async () => {
    const res = await poll('afterRevision=1&timeoutMs=5000');
    expect(res.status).toBe(200);
    expect(EffectiveSchema.parse(await res.json()).revision).toBeGreaterThan(1);
  });

  it('answers 304 when nothing changes within the timeout', async () => {
    const current = EffectiveSchema.parse(await (await poll('')).json()).revision;
    const started = performance.now();
    const res = await poll(`afterRevision=${current}&timeoutMs=300`);
    expect(res.status).toBe(304);
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);
  });

  it('answers as soon as a publish makes a newer revision', async () => {
    const current = EffectiveSchema.parse(await (await poll('')).json()).revision;
    const pending = poll(`afterRevision=${current}&timeoutMs=10000`);
    await sleep(100);
    const started = performance.now();
    const revision = await publishMinutes(33);
    const res = await pending;
    expect(performance.now() - started).toBeLessThan(500);
    expect(res.status).toBe(200);
    expect(EffectiveSchema.parse(await res.json())).toMatchObject({
      revision,
      values: { paymentTimeoutMinutes: 33 },
    });
  });
});
