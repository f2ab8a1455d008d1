import { describe, expect, it } from 'vitest';
import { eventJob } from '../../src/messaging/queues.ts';
import {
  isLastAttempt,
  maxEventAttempts,
  retryDelay,
  retryPolicy,
  rocketLadder,
} from '../../src/messaging/retry-policy.ts';

describe('retry policy', () => {
  it('draws exponential delays with full jitter below a doubling ceiling capped at 10 minutes', () => {
    const policy = retryPolicy();
    expect(policy).toEqual({ attempts: 16, backoff: 'exponential' });
    expect(retryDelay(policy, 1, () => 0.999_999)).toBe(999);
    expect(retryDelay(policy, 4, () => 0.5)).toBe(4000);
    expect(retryDelay(policy, 30, () => 0.999_999)).toBe(599_999);
    expect(retryDelay(policy, 3, () => 0)).toBe(0);
  });

  it("follows RocketMQ's ladder and repeats its last step", () => {
    const policy = retryPolicy({ backoff: 'ladder' });
    expect(rocketLadder).toHaveLength(16);
    expect(retryDelay(policy, 1)).toBe(10_000);
    expect(retryDelay(policy, 3)).toBe(60_000);
    expect(retryDelay(policy, 16)).toBe(7_200_000);
    expect(retryDelay(policy, 40)).toBe(7_200_000);
  });

  it('takes explicit delays and knows the last attempt', () => {
    const policy = retryPolicy({ attempts: 3, backoff: [5, 50] });
    expect([1, 2, 3].map((failed) => retryDelay(policy, failed))).toEqual([5, 50, 50]);
    expect(isLastAttempt(policy, 2)).toBe(false);
    expect(isLastAttempt(policy, 3)).toBe(true);
  });

  it('refuses attempts past what every event job allows, and empty delay lists', () => {
    expect(() => retryPolicy({ attempts: 0 })).toThrow();
    expect(() => retryPolicy({ attempts: maxEventAttempts + 1 })).toThrow();
    expect(() => retryPolicy({ backoff: [] })).toThrow();
    const job = eventJob({
      id: 'evt_1',
      topic: 'test.tallied',
      version: 1,
      key: 'k',
      payload: {},
      headers: {},
      occurredAt: new Date().toISOString(),
      seq: 1,
    });
    expect(job.opts).toMatchObject({
      attempts: maxEventAttempts,
      backoff: { type: 'subscription' },
    });
  });
});
