import { describe, expect, it } from 'vitest';
import {
  BlockedError,
  createResources,
  type FlowRuleInput,
  FlowRuleSchema,
  type ResourceEntry,
} from '../../src/index.ts';
import { createFakeClock, type FakeClock } from './fake-clock.ts';

const ORDERS = 'POST /v1/orders';

function setup(rule: Omit<FlowRuleInput, 'resource'>) {
  const time = createFakeClock();
  const resources = createResources({
    clock: time.clock,
    rules: { flow: [{ resource: ORDERS, ...rule }] },
  });
  return { time, resources };
}

function flood(resources: ReturnType<typeof setup>['resources'], count: number) {
  const results = [];
  for (let i = 0; i < count; i++) {
    const result = resources.tryEntry(ORDERS);
    if (!(result instanceof BlockedError)) {
      result.exit();
    }
    results.push(result);
  }
  return results;
}

function admittedPerSecond(time: FakeClock, resources: ReturnType<typeof setup>['resources']) {
  let admitted = 0;
  for (let ms = 0; ms < 1000; ms += 10) {
    admitted += flood(resources, 3).filter((r) => !(r instanceof BlockedError)).length;
    time.advance(10);
  }
  return admitted;
}

describe('QPS rule, reject', () => {
  it('admits N in a second and blocks the rest with a retry-after', () => {
    const { time, resources } = setup({ threshold: 5 });
    const results = flood(resources, 8);
    expect(results.filter((r) => !(r instanceof BlockedError))).toHaveLength(5);
    const blocked = results.filter((r) => r instanceof BlockedError);
    expect(blocked).toHaveLength(3);
    expect(blocked[0]).toMatchObject({ resource: ORDERS, reason: 'flow', retryAfterMs: 1000 });

    time.advance(400);
    expect(resources.tryEntry(ORDERS)).toMatchObject({ reason: 'flow', retryAfterMs: 600 });
    time.advance(600);
    expect(flood(resources, 6).filter((r) => !(r instanceof BlockedError))).toHaveLength(5);
  });

  it('holds a steady flood to exactly N per second', () => {
    const { time, resources } = setup({ threshold: 50 });
    for (let s = 0; s < 3; s++) {
      expect(admittedPerSecond(time, resources)).toBe(50);
    }
  });

  it('throws the BlockedError from entry()', () => {
    const { resources } = setup({ threshold: 0 });
    expect(() => resources.entry(ORDERS)).toThrow(BlockedError);
  });

  it('fills in defaults so a rule can come from config', () => {
    expect(FlowRuleSchema.parse({ resource: ORDERS, threshold: 10 })).toMatchObject({
      grade: 'qps',
      behavior: 'reject',
    });
    expect(() => FlowRuleSchema.parse({ resource: ORDERS, threshold: -1 })).toThrow();
  });
});

describe('concurrency rule', () => {
  it('admits N calls in flight and frees a slot when one exits', () => {
    const { resources } = setup({ grade: 'concurrency', threshold: 2 });
    const first = resources.entry(ORDERS);
    resources.entry(ORDERS);
    expect(resources.tryEntry(ORDERS)).toMatchObject({ reason: 'flow' });
    first.exit({ rtMs: 30 });
    expect(resources.tryEntry(ORDERS)).not.toBeInstanceOf(BlockedError);
    expect(resources.tryEntry(ORDERS)).toMatchObject({ reason: 'flow', retryAfterMs: 30 });
  });
});

describe('QPS rule, warm-up', () => {
  it('ramps from threshold/coldFactor to threshold over the warm-up period', () => {
    const { time, resources } = setup({
      threshold: 30,
      behavior: 'warm-up',
      warmUpPeriodSec: 5,
      coldFactor: 3,
    });
    const perSecond: number[] = [];
    for (let s = 0; s < 10; s++) {
      perSecond.push(flood(resources, 100).filter((r) => !(r instanceof BlockedError)).length);
      time.advance(1000);
    }
    expect(perSecond[0]).toBe(10);
    for (let s = 1; s < perSecond.length; s++) {
      expect(perSecond[s]).toBeGreaterThanOrEqual(perSecond[s - 1] ?? 0);
    }
    expect(perSecond.some((n) => n > 10 && n < 30)).toBe(true);
    // Tokens settle once a second from the previous second's passes, hence one second of lag.
    expect(perSecond.slice(6)).toEqual([30, 30, 30, 30]);
  });

  it('cools down again after a quiet spell', () => {
    const { time, resources } = setup({ threshold: 30, behavior: 'warm-up', warmUpPeriodSec: 2 });
    for (let s = 0; s < 6; s++) {
      flood(resources, 100);
      time.advance(1000);
    }
    expect(flood(resources, 100).filter((r) => !(r instanceof BlockedError))).toHaveLength(30);
    time.advance(60_000);
    expect(flood(resources, 100).filter((r) => !(r instanceof BlockedError))).toHaveLength(10);
  });
});

describe('QPS rule, pacing', () => {
  it('spaces calls evenly, queueing up to the maximum wait and rejecting beyond it', () => {
    const { time, resources } = setup({
      threshold: 10,
      behavior: 'pacing',
      maxQueueingTimeMs: 500,
    });
    // Entries are pooled, so read each one's wait before the next call.
    const waits: number[] = [];
    let blocked: BlockedError | undefined;
    for (let i = 0; i < 7; i++) {
      const result = resources.tryEntry(ORDERS);
      if (result instanceof BlockedError) {
        blocked = result;
      } else {
        waits.push(result.waitMs);
      }
    }
    expect(waits).toEqual([0, 100, 200, 300, 400, 500]);
    expect(blocked).toMatchObject({ reason: 'flow', retryAfterMs: 100 });

    time.advance(100);
    const next = resources.tryEntry(ORDERS);
    expect(next).not.toBeInstanceOf(BlockedError);
    expect((next as ResourceEntry).waitMs).toBe(500);
  });

  it('lets a call straight through when the last slot is long past', () => {
    const { time, resources } = setup({ threshold: 10, behavior: 'pacing' });
    flood(resources, 3);
    time.advance(5000);
    expect((resources.tryEntry(ORDERS) as ResourceEntry).waitMs).toBe(0);
  });
});
