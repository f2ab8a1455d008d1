import { describe, expect, it } from 'vitest';
import { BlockedError, createResources } from '../../src/index.ts';
import { createFakeClock } from './fake-clock.ts';

const ORDERS = 'POST /v1/orders';

describe('resources', () => {
  it('applies a new rule set to a resource that is already registered', () => {
    const time = createFakeClock();
    const resources = createResources({ clock: time.clock });
    resources.entry(ORDERS).exit();
    resources.setRules({ flow: [{ resource: ORDERS, threshold: 0 }] });
    expect(resources.tryEntry(ORDERS)).toBeInstanceOf(BlockedError);
    resources.setRules({});
    expect(resources.tryEntry(ORDERS)).not.toBeInstanceOf(BlockedError);
  });

  it('keeps the current rules when a new rule set is invalid', () => {
    const resources = createResources({
      clock: createFakeClock().clock,
      rules: { flow: [{ resource: ORDERS, threshold: 0 }] },
    });
    expect(() =>
      resources.setRules({
        flow: [{ resource: ORDERS, threshold: 100 }],
        breakers: [{ resource: ORDERS, strategy: 'error-ratio', threshold: 2 }],
      }),
    ).toThrow();
    expect(resources.tryEntry(ORDERS)).toBeInstanceOf(BlockedError);
  });

  it('throws from entry() a BlockedError naming the resource, reason and retry-after', () => {
    const resources = createResources({
      clock: createFakeClock().clock,
      rules: { flow: [{ resource: ORDERS, threshold: 0 }] },
    });
    let caught: unknown;
    try {
      resources.entry(ORDERS);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(BlockedError);
    expect(caught).toMatchObject({ resource: ORDERS, reason: 'flow' });
    expect((caught as BlockedError).retryAfterMs).toBeGreaterThan(0);
  });

  it('checks hot parameters before the resource-wide flow rule', () => {
    const resources = createResources({
      clock: createFakeClock().clock,
      rules: {
        flow: [{ resource: ORDERS, threshold: 0 }],
        hotParams: [{ resource: ORDERS, param: 'userId', threshold: 0 }],
      },
    });
    expect(resources.tryEntry(ORDERS, { params: { userId: 'usr_1' } })).toMatchObject({
      reason: 'hot-param',
    });
    expect(resources.snapshot(ORDERS).second.blocked).toEqual({
      flow: 0,
      'hot-param': 1,
      breaker: 0,
    });
  });
});
