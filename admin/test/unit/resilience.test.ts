import { describe, expect, it } from 'vitest';
import { parseJsonObject } from '../../src/lib/config-form.ts';
import { publishBlockedReason } from '../../src/lib/config-publish.ts';
import { formatMs, formatRate } from '../../src/lib/format.ts';
import {
  breakerRows,
  breakerStrategyLabels,
  chartPoints,
  effectiveState,
  forceComment,
  type InstanceAnswer,
  mergeResources,
  type ResilienceSecond,
  type ResourceView,
  recentFigures,
  resiliencePath,
  resourcesToChart,
  rulesProperty,
  withForcedBreaker,
} from '../../src/lib/resilience.ts';
import { configuredBreakerRules, parseResilienceView } from '../../src/lib/resilience-view.ts';

const now = Date.parse('2026-01-10T12:00:30.400Z');
/** The start of the second the snapshot was taken in, which is not over. */
const current = Date.parse('2026-01-10T12:00:30.000Z');

type SecondFields = Partial<Omit<ResilienceSecond, 'blocked'>> & {
  blocked?: Partial<ResilienceSecond['blocked']>;
};

function second(secondsAgo: number, fields: SecondFields = {}): ResilienceSecond {
  return {
    t: current - secondsAgo * 1000,
    passed: 0,
    succeeded: 0,
    failed: 0,
    rtSumMs: 0,
    ...fields,
    blocked: { flow: 0, 'hot-param': 0, breaker: 0, system: 0, ...fields.blocked },
  };
}

function resource(name: string, fields: Partial<ResourceView> = {}): ResourceView {
  return { name, kind: 'inbound', concurrency: 0, series: [], breakers: [], ...fields };
}

function answer(
  instance: string,
  resources: ResourceView[],
  rules: Partial<InstanceAnswer['view']['rules']> = {},
): InstanceAnswer {
  return {
    instance,
    address: `http://10.0.0.${instance.slice(-1)}:4102`,
    view: {
      service: 'orders',
      instance,
      now,
      system: { inFlight: 0, eventLoopDelayMs: 1, shedding: false },
      resources,
      rules: { breakers: [], forcedBreakers: [], ...rules },
    },
  };
}

describe('mergeResources', () => {
  it('adds up counts per second across instances and takes RT as Σ rtSumMs / Σ completed', () => {
    const merged = mergeResources(
      [
        answer('orders-1', [
          resource('GET /v1/orders', {
            concurrency: 2,
            series: [
              second(2, { passed: 10, succeeded: 10, rtSumMs: 100, blocked: { flow: 3 } }),
              second(1, { passed: 4, succeeded: 3, failed: 1, rtSumMs: 40 }),
            ],
          }),
        ]),
        answer('orders-2', [
          resource('GET /v1/orders', {
            concurrency: 1,
            series: [second(1, { passed: 6, succeeded: 6, rtSumMs: 300, blocked: { flow: 1 } })],
          }),
        ]),
      ],
      { seconds: 5, recentSeconds: 2 },
    );
    expect(merged).toHaveLength(1);
    const [orders] = merged;
    expect(orders?.inFlight).toBe(3);
    expect(orders?.series.map((each) => each.passed)).toEqual([0, 0, 0, 10, 10]);
    expect(orders?.series.at(-1)).toMatchObject({
      passed: 10,
      succeeded: 9,
      failed: 1,
      rtSumMs: 340,
      blocked: { flow: 1, 'hot-param': 0, breaker: 0, system: 0 },
    });
    expect(orders?.recent).toMatchObject({
      seconds: 2,
      passedPerSecond: 10,
      blockedTotalPerSecond: 2,
      blockedPerSecond: { flow: 2, 'hot-param': 0, breaker: 0, system: 0 },
    });
    // (100 + 40 + 300) ms over 10 + 4 + 6 completed calls, not the mean of per-instance means.
    expect(orders?.recent.avgRtMs).toBeCloseTo(440 / 20);
  });

  it('leaves out the unfinished second and seconds older than the window', () => {
    const [merged] = mergeResources(
      [
        answer('orders-1', [
          resource('POST /v1/orders', {
            series: [
              second(400, { passed: 99 }),
              second(3, { passed: 1 }),
              second(0, { passed: 50 }),
            ],
          }),
        ]),
      ],
      { seconds: 300 },
    );
    expect(merged?.series).toHaveLength(300);
    expect(merged?.series[0]?.t).toBe(current - 300_000);
    expect(merged?.series.at(-1)?.t).toBe(current - 1000);
    expect(merged?.traffic).toBe(1);
  });

  it('aligns seconds an instance stamps off the second boundary', () => {
    const [merged] = mergeResources(
      [
        answer('orders-1', [
          resource('custom', { series: [{ ...second(1, { passed: 2 }), t: current - 1000 + 3 }] }),
        ]),
        answer('orders-2', [resource('custom', { series: [second(1, { passed: 5 })] })]),
      ],
      { seconds: 2 },
    );
    expect(merged?.series.map((each) => each.passed)).toEqual([0, 7]);
  });

  it('keeps a resource only one instance knows, and orders resources busiest first', () => {
    const merged = mergeResources(
      [
        answer('orders-1', [
          resource('users → GET /v1/users/{id}', {
            kind: 'outbound',
            series: [second(1, { passed: 1 })],
          }),
          resource('GET /v1/orders', { series: [second(1, { passed: 8 })] }),
        ]),
        answer('orders-2', [resource('POST /v1/orders', { series: [second(1, { passed: 3 })] })]),
      ],
      { seconds: 10 },
    );
    expect(merged.map((each) => [each.name, each.kind, each.traffic])).toEqual([
      ['GET /v1/orders', 'inbound', 8],
      ['POST /v1/orders', 'inbound', 3],
      ['users → GET /v1/users/{id}', 'outbound', 1],
    ]);
  });

  it('merges nothing from no instance, and takes the newest snapshot as now', () => {
    expect(mergeResources([])).toEqual([]);
    const late = answer('orders-2', [resource('GET /v1/orders')]);
    late.view.now = now + 2000;
    const [merged] = mergeResources(
      [
        answer('orders-1', [resource('GET /v1/orders', { series: [second(0, { passed: 4 })] })]),
        late,
      ],
      { seconds: 5 },
    );
    expect(merged?.series.at(-1)?.t).toBe(current + 1000);
    expect(merged?.series.at(-2)?.passed).toBe(4);
  });
});

describe('recentFigures', () => {
  it('has no response time when no call completed', () => {
    expect(recentFigures([second(1, { passed: 3 })], 10)).toMatchObject({
      passedPerSecond: 0.3,
      avgRtMs: null,
    });
  });
});

describe('chartPoints', () => {
  it('gives a row per second and a category only for the block reasons that occurred', () => {
    const { calls, blockedCategories, rt } = chartPoints([
      second(2, { passed: 3, succeeded: 2, rtSumMs: 25 }),
      second(1, { passed: 1, blocked: { breaker: 4 } }),
    ]);
    expect(blockedCategories).toEqual(['Blocked: breaker']);
    expect(calls).toEqual([
      { time: '12:00:28', Passed: 3, 'Blocked: breaker': 0 },
      { time: '12:00:29', Passed: 1, 'Blocked: breaker': 4 },
    ]);
    expect(rt).toEqual([
      { time: '12:00:28', 'Avg RT (ms)': 12.5 },
      { time: '12:00:29', 'Avg RT (ms)': null },
    ]);
  });
});

describe('resourcesToChart', () => {
  const merged = mergeResources(
    [
      answer('orders-1', [
        resource('a', { series: [second(1, { passed: 5 })] }),
        resource('b', { series: [second(1, { passed: 4 })] }),
        resource('c', { series: [second(1, { passed: 3 })] }),
        resource('d', { series: [second(1, { passed: 2 })] }),
        resource('idle'),
      ]),
    ],
    { seconds: 5 },
  );

  it('charts the resource asked for, even an idle one', () => {
    expect(resourcesToChart(merged, 'idle').map((each) => each.name)).toEqual(['idle']);
  });

  it('otherwise charts the busiest few that had traffic', () => {
    expect(resourcesToChart(merged, undefined).map((each) => each.name)).toEqual(['a', 'b', 'c']);
    expect(resourcesToChart(merged, 'gone', 10).map((each) => each.name)).toEqual([
      'a',
      'b',
      'c',
      'd',
    ]);
  });
});

describe('breakerRows', () => {
  it('lists each breaker state per instance, with resources the rules name but nobody called', () => {
    const rows = breakerRows([
      answer(
        'orders-1',
        [
          resource('users → GET /v1/users/{id}', {
            kind: 'outbound',
            breakers: [
              { strategy: 'error-ratio', state: 'open', forced: 'open' },
              { strategy: 'slow-call-ratio', state: 'closed', forced: 'open' },
            ],
          }),
        ],
        {
          breakers: [
            { resource: 'users → GET /v1/users/{id}', strategy: 'error-ratio' },
            { resource: 'users → GET /v1/users/{id}', strategy: 'slow-call-ratio' },
            { resource: 'GET /v1/orders/{id}', strategy: 'error-count' },
          ],
          forcedBreakers: [{ resource: 'users → GET /v1/users/{id}', state: 'open' }],
        },
      ),
      answer('orders-2', [], {
        breakers: [{ resource: 'GET /v1/orders/{id}', strategy: 'error-count' }],
      }),
    ]);
    expect(rows.map((row) => [row.resource, row.strategies])).toEqual([
      ['GET /v1/orders/{id}', ['error-count']],
      ['users → GET /v1/users/{id}', ['error-ratio', 'slow-call-ratio']],
    ]);
    expect(rows[1]?.instances).toEqual([
      {
        instance: 'orders-1',
        forced: 'open',
        breakers: [
          { strategy: 'error-ratio', state: 'open', forced: 'open' },
          { strategy: 'slow-call-ratio', state: 'closed', forced: 'open' },
        ],
      },
      { instance: 'orders-2', forced: null, breakers: undefined },
    ]);
  });

  it('names the breakers a namespace configures while none of its instances answers', () => {
    const configured = configuredBreakerRules(
      {},
      {
        breakers: [{ resource: 'GET /v1/orders/{id}', strategy: 'error-count', threshold: 5 }],
        forcedBreakers: [{ resource: 'users → GET /v1/users/{id}', state: 'closed' }],
      },
    );
    expect(breakerRows([], configured)).toEqual([
      { resource: 'GET /v1/orders/{id}', strategies: ['error-count'], instances: [] },
      { resource: 'users → GET /v1/users/{id}', strategies: [], instances: [] },
    ]);
    // The config's own key wins over the shipped rules; what is not rules names nothing.
    expect(
      configuredBreakerRules({ resilience: { breakers: 'none' } }, { breakers: [] }),
    ).toMatchObject({ breakers: [], forcedBreakers: [] });
  });

  it('labels every strategy in words', () => {
    expect(breakerStrategyLabels).toEqual({
      'slow-call-ratio': 'slow-call ratio',
      'error-ratio': 'error ratio',
      'error-count': 'error count',
    });
  });

  it('shows a forced breaker in the state it is forced to', () => {
    expect(effectiveState({ strategy: 'error-ratio', state: 'closed', forced: 'open' })).toBe(
      'open',
    );
    expect(effectiveState({ strategy: 'error-ratio', state: 'half-open', forced: null })).toBe(
      'half-open',
    );
  });
});

describe('withForcedBreaker', () => {
  const values = {
    logLevel: 'info',
    paymentProviderApiKey: '••••••',
    resilience: {
      flow: [{ resource: 'GET /v1/orders', threshold: 2 }],
      forcedBreakers: [{ resource: 'GET /v1/orders/{id}', state: 'closed' }],
    },
  };

  it('pins a resource, keeping every other key and rule as it was', () => {
    const { values: next, changed } = withForcedBreaker(
      values,
      'users → GET /v1/users/{id}',
      'open',
    );
    expect(changed).toBe(true);
    expect(next).toEqual({
      logLevel: 'info',
      paymentProviderApiKey: '••••••',
      resilience: {
        flow: [{ resource: 'GET /v1/orders', threshold: 2 }],
        forcedBreakers: [
          { resource: 'GET /v1/orders/{id}', state: 'closed' },
          { resource: 'users → GET /v1/users/{id}', state: 'open' },
        ],
      },
    });
    expect(values.resilience.forcedBreakers).toHaveLength(1);
  });

  it('replaces the pin of a resource already pinned, and clears it', () => {
    expect(withForcedBreaker(values, 'GET /v1/orders/{id}', 'open').values.resilience).toEqual({
      flow: [{ resource: 'GET /v1/orders', threshold: 2 }],
      forcedBreakers: [{ resource: 'GET /v1/orders/{id}', state: 'open' }],
    });
    expect(withForcedBreaker(values, 'GET /v1/orders/{id}', null).values.resilience).toEqual({
      flow: [{ resource: 'GET /v1/orders', threshold: 2 }],
      forcedBreakers: [],
    });
  });

  it('says nothing changed when the pin is already so', () => {
    expect(withForcedBreaker(values, 'GET /v1/orders/{id}', 'closed').changed).toBe(false);
    expect(withForcedBreaker(values, 'POST /v1/orders', null).changed).toBe(false);
  });

  it('adds the key to a config that never set its rules', () => {
    expect(withForcedBreaker({}, 'GET /v1/orders', 'open')).toEqual({
      values: { resilience: { forcedBreakers: [{ resource: 'GET /v1/orders', state: 'open' }] } },
      changed: true,
    });
  });

  it('keeps the rules the service ships with when the config never set them', () => {
    const shipped = {
      flow: [{ resource: 'POST /v1/orders', threshold: 500 }],
      breakers: [
        { resource: 'users → GET /v1/users/{id}', strategy: 'error-ratio', threshold: 0.5 },
      ],
    };
    expect(withForcedBreaker({ logLevel: 'warn' }, 'GET /v1/orders', 'open', shipped)).toEqual({
      values: {
        logLevel: 'warn',
        resilience: { ...shipped, forcedBreakers: [{ resource: 'GET /v1/orders', state: 'open' }] },
      },
      changed: true,
    });
    // Once the config sets the key, it alone is what the service runs.
    expect(
      withForcedBreaker({ resilience: { flow: [] } }, 'GET /v1/orders', 'open', shipped).values,
    ).toEqual({
      resilience: { flow: [], forcedBreakers: [{ resource: 'GET /v1/orders', state: 'open' }] },
    });
  });

  it('finds the resilience key in a config schema', () => {
    const property = { type: 'object', default: { flow: [] } };
    expect(rulesProperty({ properties: { logLevel: {}, resilience: property } })).toBe(property);
    expect(rulesProperty({ properties: { logLevel: {} } })).toBeUndefined();
    expect(rulesProperty({})).toBeUndefined();
  });

  it('leaves a comment that names the breaker and the state', () => {
    expect(forceComment('users → GET /v1/users/{id}', 'open')).toBe(
      'Force breaker users → GET /v1/users/{id} open',
    );
    expect(forceComment('GET /v1/orders', null)).toBe('Clear forced breaker GET /v1/orders');
  });
});

describe('parseResilienceView', () => {
  const body = {
    service: 'orders',
    instance: 'orders-1',
    now,
    system: { inFlight: 3, eventLoopDelayMs: 4.2, shedding: false, rule: {} },
    resources: [
      {
        name: 'GET /v1/orders',
        kind: 'inbound',
        concurrency: 1,
        series: [
          {
            t: current - 1000,
            passed: 2,
            blocked: { flow: 1, 'hot-param': 0, breaker: 0, system: 0 },
            succeeded: 2,
            failed: 0,
            rtSumMs: 12,
          },
        ],
        breakers: [{ strategy: 'error-ratio', state: 'closed', forced: null }],
      },
    ],
    rules: {
      flow: [{ resource: 'GET /v1/orders', threshold: 2 }],
      breakers: [{ resource: 'GET /v1/orders', strategy: 'error-ratio', threshold: 0.5 }],
      forcedBreakers: [],
      system: {},
      clients: {},
    },
  };

  it('reads the view the contract describes, keeping rules it does not look at', () => {
    const parsed = parseResilienceView(body);
    expect(parsed.ok).toBe(true);
    if (parsed.ok) {
      expect(parsed.view.resources[0]?.series[0]?.blocked.flow).toBe(1);
      expect(parsed.view.rules.flow).toEqual([{ resource: 'GET /v1/orders', threshold: 2 }]);
    }
  });

  it('counts figures an instance leaves out as zero', () => {
    const parsed = parseResilienceView({
      ...body,
      system: undefined,
      rules: undefined,
      resources: [{ name: 'x', series: [{ t: current, passed: 1 }] }],
    });
    expect(parsed).toMatchObject({
      ok: true,
      view: {
        system: { inFlight: 0, shedding: false },
        rules: { breakers: [], forcedBreakers: [] },
        resources: [
          {
            name: 'x',
            kind: 'custom',
            concurrency: 0,
            breakers: [],
            series: [
              {
                passed: 1,
                blocked: { flow: 0, 'hot-param': 0, breaker: 0, system: 0 },
                rtSumMs: 0,
              },
            ],
          },
        ],
      },
    });
  });

  it('refuses a body that is not a view, saying where', () => {
    expect(parseResilienceView({ status: 'ok' })).toEqual({
      ok: false,
      reason: expect.stringMatching(/^sent a view the console cannot read \(now: /),
    });
    expect(parseResilienceView({ ...body, resources: [{ name: 'x' }] })).toMatchObject({
      ok: false,
      reason: expect.stringContaining('resources.0.series'),
    });
  });
});

describe('helpers of the page', () => {
  it('links a service, a namespace other than dev, and a resource', () => {
    expect(resiliencePath('orders')).toBe('/resilience/orders');
    expect(resiliencePath('orders', { namespace: 'dev', resource: 'GET /v1/orders/{id}' })).toBe(
      '/resilience/orders?resource=GET+%2Fv1%2Forders%2F%7Bid%7D',
    );
    expect(resiliencePath('users', { namespace: 'prod' })).toBe('/resilience/users?namespace=prod');
  });

  it('formats rates and response times', () => {
    expect([0, 2, 0.25, 12.34].map(formatRate)).toEqual(['0', '2', '0.3', '12.3']);
    expect([null, 2.345, 123.6].map(formatMs)).toEqual(['–', '2.3 ms', '124 ms']);
  });

  it('reads typed text as one JSON object or says why not', () => {
    expect(parseJsonObject('{ "flow": [] }')).toEqual({ ok: true, value: { flow: [] } });
    expect(parseJsonObject('[1]')).toEqual({ ok: false, error: 'not-object' });
    expect(parseJsonObject('{ flow')).toMatchObject({ ok: false });
  });

  it('says why a draft cannot be published', () => {
    const base = { mayEdit: true, grayRevision: undefined, noChanges: false, liveRevision: 3 };
    expect(publishBlockedReason(base)).toBeUndefined();
    expect(publishBlockedReason({ ...base, noChanges: true })).toBe(
      'The draft equals live revision 3: nothing to publish.',
    );
    expect(publishBlockedReason({ ...base, grayRevision: 4 })).toContain('Gray release 4 is live');
    expect(publishBlockedReason({ ...base, mayEdit: false })).toBe(
      'Your role may not publish config.',
    );
  });
});
