import { describe, expect, it } from 'vitest';
import { BlockedError, createResources, FLOW_PENDING } from '../../src/index.ts';
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

  it('checks the resource-wide flow rule first, so a refused call spends no per-value token', () => {
    const resources = createResources({
      clock: createFakeClock().clock,
      rules: {
        flow: [{ resource: ORDERS, threshold: 0 }],
        hotParams: [{ resource: ORDERS, param: 'userId', threshold: 1 }],
      },
    });
    expect(resources.tryEntry(ORDERS, { params: { userId: 'usr_1' } })).toMatchObject({
      reason: 'flow',
    });
    expect(resources.snapshot(ORDERS).second.blocked).toEqual({
      flow: 1,
      'hot-param': 0,
      breaker: 0,
      system: 0,
    });
    resources.setRules({ hotParams: [{ resource: ORDERS, param: 'userId', threshold: 1 }] });
    expect(resources.tryEntry(ORDERS, { params: { userId: 'usr_1' } })).not.toBeInstanceOf(
      BlockedError,
    );
  });
});

describe('callers, republishing and forcing', () => {
  it('counts a caller-specific rule against that caller only', () => {
    const resources = createResources({
      clock: createFakeClock().clock,
      rules: { flow: [{ resource: ORDERS, threshold: 2, caller: 'meetings' }] },
    });
    for (let i = 0; i < 2; i++) {
      expect(resources.tryEntry(ORDERS, { caller: 'meetings' })).not.toBeInstanceOf(BlockedError);
    }
    expect(resources.tryEntry(ORDERS, { caller: 'meetings' })).toMatchObject({ reason: 'flow' });
    for (let i = 0; i < 5; i++) {
      expect(resources.tryEntry(ORDERS, { caller: 'orders' })).not.toBeInstanceOf(BlockedError);
      expect(resources.tryEntry(ORDERS)).not.toBeInstanceOf(BlockedError);
    }
  });

  it('keeps an unchanged breaker open when other rules are republished', () => {
    const time = createFakeClock();
    const breaker = {
      resource: ORDERS,
      strategy: 'error-count' as const,
      threshold: 1,
      minRequests: 1,
      openDurationMs: 60_000,
    };
    const resources = createResources({ clock: time.clock, rules: { breakers: [breaker] } });
    resources.entry(ORDERS).exit({ error: new Error('boom') });
    expect(resources.breakers(ORDERS)[0]?.state).toBe('open');
    resources.setRules({
      breakers: [breaker],
      flow: [{ resource: 'GET /v1/orders', threshold: 5 }],
    });
    expect(resources.breakers(ORDERS)[0]?.state).toBe('open');
    resources.setRules({ breakers: [{ ...breaker, openDurationMs: 30_000 }] });
    expect(resources.breakers(ORDERS)[0]?.state).toBe('closed');
  });

  it('pins breakers named in forcedBreakers and releases them when the entry goes', () => {
    const breaker = { resource: ORDERS, strategy: 'error-ratio' as const, threshold: 0.5 };
    const resources = createResources({
      clock: createFakeClock().clock,
      rules: { breakers: [breaker], forcedBreakers: [{ resource: ORDERS, state: 'open' }] },
    });
    expect(resources.tryEntry(ORDERS)).toMatchObject({ reason: 'breaker' });
    expect(resources.currentRules().forcedBreakers).toEqual([{ resource: ORDERS, state: 'open' }]);
    resources.setRules({ breakers: [breaker] });
    expect(resources.breakers(ORDERS)[0]?.effectiveState()).toBe('closed');
    expect(resources.tryEntry(ORDERS)).not.toBeInstanceOf(BlockedError);
  });

  it('gives a cluster rule a per-instance share when no cluster service is wired', () => {
    let instances = 2;
    const resources = createResources({
      clock: createFakeClock().clock,
      instanceCount: () => instances,
      rules: { flow: [{ resource: ORDERS, threshold: 10, cluster: true }] },
    });
    let passed = 0;
    for (let i = 0; i < 20; i++) {
      if (!(resources.tryEntry(ORDERS) instanceof BlockedError)) {
        passed++;
      }
    }
    expect(passed).toBe(5);
    instances = 1;
    expect(resources.tryEntry(ORDERS)).not.toBeInstanceOf(BlockedError);
  });

  it('acquire waits for a pending cluster lease, then admits', async () => {
    let tokens = 0;
    const resources = createResources({
      clock: createFakeClock().clock,
      cluster: {
        controller: (rule) => ({
          rule,
          retryAfterMs: 0,
          check: () => {
            if (tokens === 0) {
              return FLOW_PENDING;
            }
            tokens--;
            return 0;
          },
          ready: async () => {
            tokens = 1;
          },
        }),
      },
      rules: { flow: [{ resource: ORDERS, threshold: 10, cluster: true }] },
    });
    expect(resources.tryEntry(ORDERS)).toBeInstanceOf(BlockedError);
    const entry = await resources.acquire(ORDERS, { kind: 'inbound' });
    expect(entry).not.toBeInstanceOf(BlockedError);
  });

  it('protect() times a function as a resource and counts its failure', async () => {
    const resources = createResources();
    await expect(resources.protect('orders.recompute', async () => 42)).resolves.toBe(42);
    await expect(
      resources.protect('orders.recompute', async () => {
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    const { second } = resources.snapshot('orders.recompute');
    expect(second).toMatchObject({ passed: 2, succeeded: 1, failed: 1 });
    expect(resources.kind('orders.recompute')).toBe('custom');
  });

  it('registers the resources rules name, with the kind their names say', () => {
    const resources = createResources({
      rules: {
        flow: [{ resource: ORDERS, threshold: 5 }],
        breakers: [
          { resource: 'users → GET /v1/users/{id}', strategy: 'error-ratio', threshold: 0.5 },
        ],
        hotParams: [{ resource: 'orders.recompute', param: 'userId', threshold: 1 }],
      },
    });
    expect(resources.names().sort()).toEqual([
      ORDERS,
      'orders.recompute',
      'users → GET /v1/users/{id}',
    ]);
    expect(resources.kind(ORDERS)).toBe('inbound');
    expect(resources.kind('users → GET /v1/users/{id}')).toBe('outbound');
    expect(resources.kind('orders.recompute')).toBe('custom');
  });
});
