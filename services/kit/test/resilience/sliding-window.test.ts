import { describe, expect, it } from 'vitest';
import { createResources, ResourceStats, StatField, WindowRing } from '../../src/index.ts';
import { createFakeClock } from './fake-clock.ts';

describe('WindowRing', () => {
  it('sums the buckets of the current window and drops those that rolled out', () => {
    const ring = new WindowRing(10, 1000, 1);
    ring.add(10_000, 0, 3);
    ring.add(10_500, 0, 2);
    expect(ring.sum(10_999, 0)).toBe(5);
    expect(ring.sum(11_000, 0)).toBe(2);
    expect(ring.sum(11_499, 0)).toBe(2);
    expect(ring.sum(11_500, 0)).toBe(0);
  });

  it('zeroes a slot that comes round again instead of adding to its stale count', () => {
    const ring = new WindowRing(10, 1000, 1);
    ring.add(10_050, 0, 7);
    ring.add(11_050, 0, 1);
    expect(ring.sum(11_050, 0)).toBe(1);
  });

  it('counts nothing after a gap longer than the window', () => {
    const ring = new WindowRing(10, 1000, 1);
    ring.add(10_000, 0, 4);
    expect(ring.sum(25_000, 0)).toBe(0);
  });

  it('tells how long until the oldest counted bucket leaves the window', () => {
    const ring = new WindowRing(10, 1000, 1);
    ring.add(10_230, 0, 1);
    ring.add(10_640, 0, 1);
    expect(ring.msUntilRelease(10_700, 0)).toBe(500);
    expect(ring.msUntilRelease(11_250, 0)).toBe(350);
    expect(ring.msUntilRelease(12_000, 0)).toBe(0);
  });
});

describe('ResourceStats', () => {
  it('keeps five minutes of one-second buckets beside the one-second window', () => {
    const stats = new ResourceStats();
    for (let s = 0; s < 70; s++) {
      stats.addPass(10_000 + s * 1000);
    }
    const now = 10_000 + 69 * 1000;
    expect(stats.passQps(now)).toBe(1);
    expect(stats.history.sumLast(now, StatField.passed, 60)).toBe(60);
    expect(stats.history.sum(now, StatField.passed)).toBe(70);
    expect(stats.snapshot(now).minute.passed).toBe(60);
    expect(stats.previousSecondPasses(now)).toBe(1);
    expect(stats.previousSecondPasses(now + 5000)).toBe(0);
  });
});

describe('resource statistics', () => {
  it('counts passed, blocked by reason, succeeded, failed, response time and concurrency', () => {
    const time = createFakeClock();
    const resources = createResources({
      clock: time.clock,
      rules: { flow: [{ resource: 'GET /v1/users', threshold: 2 }] },
    });
    const a = resources.entry('GET /v1/users');
    const b = resources.entry('GET /v1/users');
    expect(resources.tryEntry('GET /v1/users')).toMatchObject({ reason: 'flow' });
    expect(resources.snapshot('GET /v1/users').concurrency).toBe(2);
    time.advance(40);
    a.exit();
    b.exit({ error: new Error('boom'), rtMs: 20 });

    const snapshot = resources.snapshot('GET /v1/users');
    expect(snapshot.concurrency).toBe(0);
    expect(snapshot.second).toEqual({
      passed: 2,
      blocked: { flow: 1, 'hot-param': 0, breaker: 0, system: 0 },
      succeeded: 1,
      failed: 1,
      avgRtMs: 30,
    });
    expect(snapshot.minute.passed).toBe(2);

    time.advance(1000);
    const later = resources.snapshot('GET /v1/users');
    expect(later.second.passed).toBe(0);
    expect(later.minute).toEqual(snapshot.minute);
  });

  it('serves the newest seconds as rows, quiet seconds as zeros', () => {
    const stats = new ResourceStats();
    stats.addPass(5_100);
    stats.addExit(5_200, 40, false);
    stats.addBlock(7_300, 'system');
    const rows = stats.series(7_900, 3);
    expect(rows.map((row) => row.t)).toEqual([5_000, 6_000, 7_000]);
    expect(rows[0]).toMatchObject({ passed: 1, succeeded: 1, rtSumMs: 40 });
    expect(rows[1]).toMatchObject({ passed: 0, succeeded: 0 });
    expect(rows[2]?.blocked.system).toBe(1);
    expect(stats.totals[StatField.passed]).toBe(1);
    expect(stats.totals[StatField.blockedSystem]).toBe(1);
  });

  it('registers a resource the first time it is entered', () => {
    const resources = createResources({ clock: createFakeClock().clock });
    resources.entry('users → POST /v1/users/lookup').exit();
    expect(resources.names()).toEqual(['users → POST /v1/users/lookup']);
  });
});
