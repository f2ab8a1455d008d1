import { describe, expect, it } from 'vitest';
import {
  BlockedError,
  type BreakerStateChange,
  type CircuitBreakerRuleInput,
  CircuitBreakerRuleSchema,
  createResources,
} from '../../src/index.ts';
import { createFakeClock } from './fake-clock.ts';

const LOOKUP = 'users → POST /v1/users/lookup';

function setup(rule: Omit<CircuitBreakerRuleInput, 'resource'>) {
  const time = createFakeClock();
  const changes: BreakerStateChange[] = [];
  const resources = createResources({
    clock: time.clock,
    rules: { breakers: [{ resource: LOOKUP, ...rule }] },
    onBreakerStateChange: (change) => changes.push(change),
  });
  const call = (outcome: { rtMs?: number; error?: unknown } = {}) => {
    const result = resources.tryEntry(LOOKUP);
    if (result instanceof BlockedError) {
      return result;
    }
    result.exit({ rtMs: 10, ...outcome });
    return 'passed';
  };
  const state = () => resources.breakers(LOOKUP)[0]?.effectiveState();
  return { time, resources, changes, call, state };
}

const slow = { rtMs: 500 };
const failure = { error: new Error('upstream 500') };

describe('slow-call ratio breaker', () => {
  it('opens only once the minimum number of requests is reached', () => {
    const { call, state, changes } = setup({
      strategy: 'slow-call-ratio',
      threshold: 0.5,
      slowCallRtMs: 100,
      minRequests: 5,
    });
    for (let i = 0; i < 4; i++) {
      call(slow);
    }
    expect(state()).toBe('closed');
    call(slow);
    expect(state()).toBe('open');
    expect(changes).toEqual([
      expect.objectContaining({ resource: LOOKUP, from: 'closed', to: 'open', value: 1 }),
    ]);
  });

  it('blocks calls while open with the time left as retry-after', () => {
    const { time, call } = setup({
      strategy: 'slow-call-ratio',
      threshold: 0.5,
      slowCallRtMs: 100,
      minRequests: 1,
      openDurationMs: 5000,
    });
    call(slow);
    time.advance(1000);
    expect(call()).toMatchObject({ resource: LOOKUP, reason: 'breaker', retryAfterMs: 4000 });
  });

  it('stays closed while fast calls keep the ratio under the threshold', () => {
    const { call, state } = setup({
      strategy: 'slow-call-ratio',
      threshold: 0.5,
      slowCallRtMs: 100,
      minRequests: 4,
    });
    for (let i = 0; i < 10; i++) {
      call(i % 4 === 0 ? slow : {});
    }
    expect(state()).toBe('closed');
  });
});

describe('error ratio breaker', () => {
  it('opens when errors reach the ratio over at least the minimum requests', () => {
    const { call, state } = setup({ strategy: 'error-ratio', threshold: 0.5, minRequests: 5 });
    call();
    call();
    call(failure);
    call(failure);
    expect(state()).toBe('closed');
    call();
    expect(state()).toBe('closed');
    call(failure);
    expect(state()).toBe('open');
  });

  it('forgets errors older than the statistics interval', () => {
    const { time, call, state } = setup({
      strategy: 'error-ratio',
      threshold: 0.5,
      minRequests: 4,
      statIntervalMs: 1000,
    });
    call(failure);
    call(failure);
    call(failure);
    time.advance(1000);
    call(failure);
    call();
    call();
    call();
    expect(state()).toBe('closed');
  });
});

describe('error count breaker', () => {
  it('opens on the threshold-th error within the interval', () => {
    const { call, state } = setup({ strategy: 'error-count', threshold: 3, minRequests: 1 });
    call(failure);
    call(failure);
    expect(state()).toBe('closed');
    call(failure);
    expect(state()).toBe('open');
  });
});

describe('half-open probes', () => {
  const rule = {
    strategy: 'error-count',
    threshold: 1,
    minRequests: 1,
    openDurationMs: 5000,
    halfOpenProbes: 2,
  } as const;

  it('goes half-open after the open duration and closes after the probes succeed', () => {
    const { time, resources, call, state, changes } = setup(rule);
    call(failure);
    time.advance(5000);
    const first = resources.entry(LOOKUP);
    const second = resources.entry(LOOKUP);
    expect(state()).toBe('half-open');
    expect(resources.tryEntry(LOOKUP)).toMatchObject({ reason: 'breaker' });
    first.exit({ rtMs: 10 });
    expect(state()).toBe('half-open');
    second.exit({ rtMs: 10 });
    expect(state()).toBe('closed');
    expect(changes.map((c) => `${c.from}→${c.to}`)).toEqual([
      'closed→open',
      'open→half-open',
      'half-open→closed',
    ]);
    expect(call()).toBe('passed');
  });

  it('reopens on a failed probe for another open duration', () => {
    const { time, call, state } = setup(rule);
    call(failure);
    time.advance(5000);
    call(failure);
    expect(state()).toBe('open');
    time.advance(4999);
    expect(call()).toMatchObject({ reason: 'breaker', retryAfterMs: 1 });
    time.advance(1);
    expect(call()).toBe('passed');
    expect(state()).toBe('half-open');
  });

  it('does not count a call admitted before the breaker opened as a probe', () => {
    const { time, resources, call, state } = setup({ ...rule, halfOpenProbes: 1 });
    const early = resources.entry(LOOKUP);
    call(failure);
    time.advance(5000);
    const probe = resources.entry(LOOKUP);
    early.exit({ rtMs: 10 });
    expect(state()).toBe('half-open');
    probe.exit({ rtMs: 10 });
    expect(state()).toBe('closed');
  });
});

describe('forcing a breaker', () => {
  it('forced open blocks every call, forced closed lets every call through', () => {
    const { resources, call, state, changes } = setup({
      strategy: 'error-count',
      threshold: 1,
      minRequests: 1,
    });
    resources.forceBreaker(LOOKUP, 'open');
    expect(state()).toBe('open');
    expect(call()).toMatchObject({ reason: 'breaker' });

    resources.forceBreaker(LOOKUP, 'closed');
    call(failure);
    call(failure);
    expect(state()).toBe('closed');
    expect(call()).toBe('passed');

    resources.forceBreaker(LOOKUP, null);
    expect(call()).toBe('passed');
    expect(changes.map((c) => [c.from, c.to, c.forced])).toEqual([
      ['closed', 'open', 'open'],
      ['open', 'closed', 'closed'],
      ['closed', 'closed', null],
    ]);
  });
});

describe('breaker rule schema', () => {
  it('rejects a ratio threshold above 1 but accepts it as an error count', () => {
    const base = { resource: LOOKUP, threshold: 3 };
    expect(() => CircuitBreakerRuleSchema.parse({ ...base, strategy: 'error-ratio' })).toThrow();
    expect(CircuitBreakerRuleSchema.parse({ ...base, strategy: 'error-count' })).toMatchObject({
      minRequests: 5,
      statIntervalMs: 1000,
      openDurationMs: 10_000,
      halfOpenProbes: 1,
    });
  });
});
