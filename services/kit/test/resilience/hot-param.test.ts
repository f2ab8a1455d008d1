import { describe, expect, it } from 'vitest';
import {
  BlockedError,
  createResources,
  HotParamLimiter,
  HotParamRuleSchema,
} from '../../src/index.ts';
import { createFakeClock } from './fake-clock.ts';

const ORDERS = 'POST /v1/orders';

function setup() {
  const time = createFakeClock();
  const resources = createResources({
    clock: time.clock,
    rules: {
      hotParams: [
        {
          resource: ORDERS,
          param: 'userId',
          threshold: 2,
          overrides: [{ value: 'usr_vip', threshold: 5 }],
        },
      ],
    },
  });
  const call = (userId?: string) => {
    const result = resources.tryEntry(ORDERS, { params: { userId } });
    if (!(result instanceof BlockedError)) {
      result.exit();
      return 'passed';
    }
    return result;
  };
  return { time, resources, call };
}

describe('hot-parameter limit', () => {
  it('throttles one user and not another', () => {
    const { call } = setup();
    expect([call('usr_1'), call('usr_1')]).toEqual(['passed', 'passed']);
    expect(call('usr_1')).toMatchObject({ reason: 'hot-param', retryAfterMs: 500 });
    expect([call('usr_2'), call('usr_2')]).toEqual(['passed', 'passed']);
  });

  it('refills a throttled value at the threshold rate', () => {
    const { time, call } = setup();
    call('usr_1');
    call('usr_1');
    time.advance(499);
    expect(call('usr_1')).toBeInstanceOf(BlockedError);
    time.advance(1);
    expect(call('usr_1')).toBe('passed');
  });

  it('honours a per-value override', () => {
    const { call } = setup();
    const results = Array.from({ length: 6 }, () => call('usr_vip'));
    expect(results.filter((r) => r === 'passed')).toHaveLength(5);
    expect(results[5]).toMatchObject({ reason: 'hot-param' });
  });

  it('ignores calls that do not carry the parameter', () => {
    const { call } = setup();
    expect(Array.from({ length: 10 }, () => call())).toEqual(Array(10).fill('passed'));
  });

  it('tracks a bounded number of values, forgetting the least recently seen', () => {
    const time = createFakeClock();
    const limiter = new HotParamLimiter({
      resource: ORDERS,
      param: 'userId',
      threshold: 1,
      maxTrackedValues: 3,
    });
    for (const value of ['a', 'b', 'c', 'a', 'd']) {
      limiter.tryAcquire(value, time.now);
    }
    expect(limiter.trackedValues).toBe(3);
    expect(['a', 'b', 'c', 'd'].map((v) => limiter.isTracked(v))).toEqual([
      true,
      false,
      true,
      true,
    ]);
    for (let i = 0; i < 1000; i++) {
      limiter.tryAcquire(i, time.now);
    }
    expect(limiter.trackedValues).toBe(3);
  });

  it('validates the rule shape', () => {
    expect(HotParamRuleSchema.parse({ resource: ORDERS, param: 'userId', threshold: 3 })).toEqual({
      resource: ORDERS,
      param: 'userId',
      threshold: 3,
      windowSec: 1,
      burst: 0,
      maxTrackedValues: 10_000,
      overrides: [],
    });
    expect(() => HotParamRuleSchema.parse({ resource: ORDERS, threshold: 3 })).toThrow();
  });
});
