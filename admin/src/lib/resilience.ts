import type {
  BlockReason,
  BreakerState,
  CircuitBreakerRule,
  ForcedState,
  ResourceKind,
  SecondRow,
} from '@trellis/kit';

/**
 * The live resilience view of a service, merged across its instances: the contract is
 * docs/resilience.md (`GET /resilience`). Pure functions over plain data, so that the page's
 * figures are tested without a server.
 */

export const resilienceServices = ['users', 'orders', 'meetings', 'gateway'] as const;
export type ResilienceService = (typeof resilienceServices)[number];

export type { BlockReason, BreakerState, ForcedState, ResourceKind };
export type BreakerStrategy = CircuitBreakerRule['strategy'];
/** One second of one resource on one instance, or merged across instances. */
export type ResilienceSecond = SecondRow;

export const blockReasons: readonly BlockReason[] = ['flow', 'hot-param', 'breaker', 'system'];

/** What each breaker strategy trips on, as the page names it. */
export const breakerStrategyLabels: Record<BreakerStrategy, string> = {
  'slow-call-ratio': 'slow-call ratio',
  'error-ratio': 'error ratio',
  'error-count': 'error count',
};

export interface BreakerView {
  strategy: BreakerStrategy;
  state: BreakerState;
  forced: ForcedState | null;
}

export interface ResourceView {
  name: string;
  kind: ResourceKind;
  concurrency: number;
  series: ResilienceSecond[];
  breakers: BreakerView[];
}

/** The parts of the rules in effect the page reads; the rest is shown as it came. */
export interface RulesInEffect {
  breakers: { resource: string; strategy: BreakerStrategy }[];
  forcedBreakers: { resource: string; state: ForcedState }[];
  [key: string]: unknown;
}

export interface ResilienceView {
  service: string;
  instance: string;
  now: number;
  system: { inFlight: number; eventLoopDelayMs: number; shedding: boolean };
  resources: ResourceView[];
  rules: RulesInEffect;
}

/** An instance that answered `GET /resilience`. */
export interface InstanceAnswer {
  instance: string;
  address: string;
  view: ResilienceView;
}

/** Rates over the last few complete seconds, all instances together. */
export interface RecentFigures {
  seconds: number;
  passedPerSecond: number;
  blockedPerSecond: Record<BlockReason, number>;
  blockedTotalPerSecond: number;
  /** Σ rtSumMs / Σ completed; null when no call completed. */
  avgRtMs: number | null;
}

export interface MergedResource {
  name: string;
  kind: ResourceKind;
  /** Calls in flight now, summed over the instances. */
  inFlight: number;
  /** One entry per complete second, oldest first, gaps filled with zeros. */
  series: ResilienceSecond[];
  recent: RecentFigures;
  /** Passed and blocked calls over the whole series: what "busiest" means. */
  traffic: number;
}

export interface MergeOptions {
  /** Complete seconds of history to keep. */
  seconds?: number;
  /** Seconds the table's rates are taken over. */
  recentSeconds?: number;
  /** The snapshot instant; defaults to the newest `now` the instances sent. */
  now?: number;
}

function emptySecond(t: number): ResilienceSecond {
  return {
    t,
    passed: 0,
    blocked: { flow: 0, 'hot-param': 0, breaker: 0, system: 0 },
    succeeded: 0,
    failed: 0,
    rtSumMs: 0,
  };
}

function addInto(total: ResilienceSecond, second: ResilienceSecond) {
  total.passed += second.passed;
  total.succeeded += second.succeeded;
  total.failed += second.failed;
  total.rtSumMs += second.rtSumMs;
  for (const reason of blockReasons) {
    total.blocked[reason] += second.blocked[reason];
  }
}

function blockedOf(second: ResilienceSecond): number {
  return blockReasons.reduce((sum, reason) => sum + second.blocked[reason], 0);
}

/** Rates over the last `seconds` entries of a merged series. */
export function recentFigures(series: readonly ResilienceSecond[], seconds: number): RecentFigures {
  const total = emptySecond(0);
  for (const second of series.slice(-seconds)) {
    addInto(total, second);
  }
  const completed = total.succeeded + total.failed;
  const blockedPerSecond = { flow: 0, 'hot-param': 0, breaker: 0, system: 0 };
  for (const reason of blockReasons) {
    blockedPerSecond[reason] = total.blocked[reason] / seconds;
  }
  return {
    seconds,
    passedPerSecond: total.passed / seconds,
    blockedPerSecond,
    blockedTotalPerSecond: blockedOf(total) / seconds,
    avgRtMs: completed > 0 ? total.rtSumMs / completed : null,
  };
}

/**
 * Every resource any instance reported, its seconds added up across instances. The timeline
 * ends before the second the snapshot was taken in, which is not over yet; an instance that
 * does not know a resource, or has no entry for a second, adds nothing.
 */
export function mergeResources(
  answers: readonly InstanceAnswer[],
  options: MergeOptions = {},
): MergedResource[] {
  if (answers.length === 0) {
    return [];
  }
  // The contract's 300 seconds end with the one in progress, which is left out.
  const seconds = options.seconds ?? 299;
  const recentSeconds = options.recentSeconds ?? 10;
  const now = options.now ?? Math.max(...answers.map((answer) => answer.view.now));
  const end = Math.floor(now / 1000) * 1000;
  const start = end - seconds * 1000;
  const merged = new Map<
    string,
    { kind: ResourceKind; inFlight: number; buckets: Map<number, ResilienceSecond> }
  >();
  for (const { view } of answers) {
    for (const resource of view.resources) {
      let entry = merged.get(resource.name);
      if (!entry) {
        entry = { kind: resource.kind, inFlight: 0, buckets: new Map() };
        merged.set(resource.name, entry);
      }
      entry.inFlight += resource.concurrency;
      for (const second of resource.series) {
        const t = Math.floor(second.t / 1000) * 1000;
        if (t < start || t >= end) {
          continue;
        }
        let bucket = entry.buckets.get(t);
        if (!bucket) {
          bucket = emptySecond(t);
          entry.buckets.set(t, bucket);
        }
        addInto(bucket, second);
      }
    }
  }
  const resources = [...merged].map(([name, entry]): MergedResource => {
    const series = Array.from(
      { length: seconds },
      (_, index) => entry.buckets.get(start + index * 1000) ?? emptySecond(start + index * 1000),
    );
    return {
      name,
      kind: entry.kind,
      inFlight: entry.inFlight,
      series,
      recent: recentFigures(series, recentSeconds),
      traffic: series.reduce((sum, second) => sum + second.passed + blockedOf(second), 0),
    };
  });
  return resources.sort((a, b) => b.traffic - a.traffic || a.name.localeCompare(b.name));
}

export const blockedLabels: Record<BlockReason, string> = {
  flow: 'Blocked: flow',
  'hot-param': 'Blocked: hot param',
  breaker: 'Blocked: breaker',
  system: 'Blocked: system',
};

export interface CallsPoint {
  time: string;
  Passed: number;
  [blocked: string]: number | string;
}

export interface RtPoint {
  time: string;
  'Avg RT (ms)': number | null;
}

/** Chart rows of one resource: calls per second by outcome, and the average response time. */
export function chartPoints(series: readonly ResilienceSecond[]): {
  calls: CallsPoint[];
  /** The block reasons that occurred, so that the legend lists only those. */
  blockedCategories: string[];
  rt: RtPoint[];
} {
  const occurred = blockReasons.filter((reason) =>
    series.some((second) => second.blocked[reason] > 0),
  );
  const calls: CallsPoint[] = [];
  const rt: RtPoint[] = [];
  for (const second of series) {
    const time = new Date(second.t).toISOString().slice(11, 19);
    const point: CallsPoint = { time, Passed: second.passed };
    for (const reason of occurred) {
      point[blockedLabels[reason]] = second.blocked[reason];
    }
    calls.push(point);
    const completed = second.succeeded + second.failed;
    rt.push({
      time,
      'Avg RT (ms)': completed > 0 ? Number((second.rtSumMs / completed).toFixed(1)) : null,
    });
  }
  return { calls, blockedCategories: occurred.map((reason) => blockedLabels[reason]), rt };
}

/** The resources to chart: the one asked for if it exists, else the busiest few. */
export function resourcesToChart(
  resources: readonly MergedResource[],
  selected: string | undefined,
  count = 3,
): MergedResource[] {
  const chosen = selected ? resources.find((resource) => resource.name === selected) : undefined;
  if (chosen) {
    return [chosen];
  }
  return resources.filter((resource) => resource.traffic > 0).slice(0, count);
}

export interface InstanceBreakers {
  instance: string;
  /** Absent when the instance has not counted a call of the resource yet. */
  breakers: BreakerView[] | undefined;
  /** What the rules this instance runs pin the resource's breakers to. */
  forced: ForcedState | null;
}

export interface BreakerRow {
  resource: string;
  /** Strategies of the resource's breakers, in rule order. */
  strategies: BreakerStrategy[];
  instances: InstanceBreakers[];
}

/** A breaker's state as it acts: a forced breaker acts as forced whatever it measured. */
export function effectiveState(breaker: BreakerView): BreakerState {
  return breaker.forced ?? breaker.state;
}

/**
 * One row per resource that has breakers, or whose breakers the rules name or pin, with the
 * state of each breaker on each instance that answered. `configured` are the rules the
 * namespace's config sets: they name the breakers even while no instance of it answers.
 */
export function breakerRows(
  answers: readonly InstanceAnswer[],
  configured?: Pick<RulesInEffect, 'breakers' | 'forcedBreakers'>,
): BreakerRow[] {
  const names = new Set<string>();
  const strategies = new Map<string, BreakerStrategy[]>();
  const rulesSeen = [...answers.map(({ view }) => view.rules), ...(configured ? [configured] : [])];
  for (const rules of rulesSeen) {
    for (const rule of rules.breakers) {
      names.add(rule.resource);
    }
    for (const pinned of rules.forcedBreakers) {
      names.add(pinned.resource);
    }
  }
  for (const { view } of answers) {
    for (const resource of view.resources) {
      if (resource.breakers.length > 0) {
        names.add(resource.name);
        if (!strategies.has(resource.name)) {
          strategies.set(
            resource.name,
            resource.breakers.map((breaker) => breaker.strategy),
          );
        }
      }
    }
  }
  return [...names].sort().map((resource) => ({
    resource,
    strategies:
      strategies.get(resource) ??
      (
        rulesSeen.find((rules) => rules.breakers.some((rule) => rule.resource === resource))
          ?.breakers ?? []
      )
        .filter((rule) => rule.resource === resource)
        .map((rule) => rule.strategy),
    instances: answers.map(({ instance, view }) => ({
      instance,
      breakers: view.resources.find((each) => each.name === resource)?.breakers,
      forced: view.rules.forcedBreakers.find((each) => each.resource === resource)?.state ?? null,
    })),
  }));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The `resilience` property of a service's config JSON Schema, when it declares the key. */
export function rulesProperty(
  jsonSchema: Record<string, unknown>,
): Record<string, unknown> | undefined {
  const { properties } = jsonSchema;
  return isRecord(properties) && isRecord(properties.resilience)
    ? properties.resilience
    : undefined;
}

/**
 * A service's config values with one resource's breakers pinned (or, for `null`, released);
 * every other key and rule is kept as it was. While the config does not set the key, the
 * service runs the rules it ships with (`defaults`): those are kept too, since setting the key
 * to the pin alone would drop them. `changed` is false when the pin was already so.
 */
export function withForcedBreaker(
  values: Record<string, unknown>,
  resource: string,
  state: ForcedState | null,
  defaults: unknown = {},
): { values: Record<string, unknown>; changed: boolean } {
  const rules = isRecord(values.resilience)
    ? values.resilience
    : isRecord(defaults)
      ? defaults
      : {};
  const pinned = Array.isArray(rules.forcedBreakers) ? rules.forcedBreakers : [];
  const current = pinned.find((entry) => isRecord(entry) && entry.resource === resource);
  const currentState = isRecord(current) ? current.state : null;
  if (currentState === state) {
    return { values, changed: false };
  }
  const others = pinned.filter((entry) => !(isRecord(entry) && entry.resource === resource));
  return {
    values: {
      ...values,
      resilience: {
        ...rules,
        forcedBreakers: state ? [...others, { resource, state }] : others,
      },
    },
    changed: true,
  };
}

/** The release comment a force leaves in the history and the audit trail. */
export function forceComment(resource: string, state: ForcedState | null): string {
  return state ? `Force breaker ${resource} ${state}` : `Clear forced breaker ${resource}`;
}

export const defaultNamespace = 'dev';

export function isResilienceService(name: string): name is ResilienceService {
  return (resilienceServices as readonly string[]).includes(name);
}

/** The page of a service's resilience, in a namespace, charting one resource. */
export function resiliencePath(
  service: string,
  options: { namespace?: string; resource?: string | undefined } = {},
): string {
  const query = new URLSearchParams();
  if (options.namespace && options.namespace !== defaultNamespace) {
    query.set('namespace', options.namespace);
  }
  if (options.resource) {
    query.set('resource', options.resource);
  }
  const search = query.toString();
  return `/resilience/${service}${search ? `?${search}` : ''}`;
}
