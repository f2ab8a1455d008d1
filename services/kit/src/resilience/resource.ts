import {
  BreakerDecision,
  type BreakerListener,
  type BreakerStateChange,
  CircuitBreaker,
  type CircuitBreakerRule,
  type CircuitBreakerRuleInput,
  CircuitBreakerRuleSchema,
  type ForcedState,
} from './circuit-breaker.ts';
import { type Clock, systemClock } from './clock.ts';
import {
  createFlowController,
  FLOW_PENDING,
  FLOW_REJECT,
  type FlowController,
  type FlowRule,
  type FlowRuleInput,
  FlowRuleSchema,
} from './flow-rule.ts';
import {
  HotParamLimiter,
  type HotParamRule,
  type HotParamRuleInput,
  HotParamRuleSchema,
  type ParamSource,
  type ParamValue,
} from './hot-param.ts';
import {
  type BlockReason,
  type ResourceSnapshot,
  ResourceStats,
  type SlidingWindowOptions,
} from './sliding-window.ts';

/** A call refused by a rule: `reason` says which kind, `retryAfterMs` when to try again. */
export class BlockedError extends Error {
  override readonly name = 'BlockedError';

  constructor(
    readonly resource: string,
    readonly reason: BlockReason,
    readonly retryAfterMs: number,
    /** The quota that refused the call, for RateLimit headers: calls per `windowSec`. */
    readonly quota?: { limit: number; windowSec: number; param?: string },
  ) {
    super(`${resource} blocked by ${reason} rule; retry after ${retryAfterMs} ms`);
  }
}

export type ResourceKind = 'inbound' | 'outbound' | 'custom';

export interface EntryOptions {
  /** Values of hot parameters, such as `{ userId }`; only keys named by a rule are looked at. */
  params?: Readonly<Record<string, ParamValue | undefined>>;
  /** Who is calling (a service name, `key:<id>`); flow rules naming a caller count only theirs. */
  caller?: string;
  /** Recorded the first time the resource is seen; `custom` by default. */
  kind?: ResourceKind;
}

export interface ExitOutcome {
  /** Any value marks the call failed, for statistics and error breakers. */
  error?: unknown;
  /** The call's response time; measured from entry with the clock when omitted. */
  rtMs?: number;
}

export interface RuleSet {
  flow?: FlowRuleInput[];
  hotParams?: HotParamRuleInput[];
  breakers?: CircuitBreakerRuleInput[];
  forcedBreakers?: { resource: string; state: ForcedState }[];
}

/** Makes the controllers of `cluster: true` flow rules; see `createClusterFlow`. */
export interface ClusterFlowFactory {
  controller(rule: FlowRule): FlowController;
}

export interface ResourcesOptions extends SlidingWindowOptions {
  clock?: Clock;
  rules?: RuleSet;
  onBreakerStateChange?: BreakerListener;
  /** Enforces cluster rules through Redis; without it they take a per-instance share. */
  cluster?: ClusterFlowFactory;
  /** Instances of this service, for the per-instance share of a cluster rule; 1 by default. */
  instanceCount?: () => number;
}

/** Makes, per resource, a function that sees every completed call's response time in ms. */
export type RtObserverFactory = (
  name: string,
  kind: ResourceKind,
) => ((ms: number) => void) | undefined;

/** Flow rules that count only one caller's calls, against that caller's own statistics. */
interface CallerFlow {
  readonly stats: ResourceStats;
  controllers: FlowController[];
}

export interface HotParamInput {
  key: string;
  name: string;
  from?: ParamSource;
}

/** The distinct parameters a resource's hot-parameter rules read. */
function hotParamInputs(limiters: readonly HotParamLimiter[]): HotParamInput[] {
  const inputs = new Map<string, HotParamInput>();
  for (const { key, rule } of limiters) {
    inputs.set(key, { key, name: rule.param, ...(rule.from ? { from: rule.from } : {}) });
  }
  return [...inputs.values()];
}

/** What an entry to a resource must be told, so callers gather only that. */
export interface EntryInputs {
  /** The parameters hot-parameter rules look at: each one's key in the entry params, its
   * name and the source it is read from, if the rule names one. */
  params: readonly HotParamInput[];
  /** Whether any flow rule names a caller. */
  caller: boolean;
  /** Whether a cluster rule may make the entry wait for a lease (use `acquire`, not `tryEntry`). */
  lease: boolean;
}

/**
 * An entry records which breakers granted it a half-open probe as the bits of one 32-bit integer
 * (`probeMask`). Shift counts wrap at 32 (`1 << 32 === 1`), so a 33rd breaker would share the
 * first one's bit; leaving bit 31, the sign bit, unused as well keeps the mask non-negative.
 */
const MAX_BREAKERS_PER_RESOURCE = 31;

class ResourceNode {
  readonly stats: ResourceStats;
  entryInputs: EntryInputs = { params: [], caller: false, lease: false };
  /** Observes each completed call's response time, in milliseconds (metrics). */
  observeRt: ((ms: number) => void) | undefined;
  flow: FlowController[] = [];
  callerFlow = new Map<string, CallerFlow>();
  hotParams: HotParamLimiter[] = [];
  breakers: CircuitBreaker[] = [];

  constructor(
    readonly name: string,
    readonly kind: ResourceKind,
    readonly options: SlidingWindowOptions,
  ) {
    this.stats = new ResourceStats(options);
  }
}

/** The kind a name has by the conventions: `svc → METHOD /path` outbound, `METHOD /path` inbound. */
function kindOfName(name: string): ResourceKind {
  if (name.includes(' → ')) {
    return 'outbound';
  }
  return /^[A-Z]+ \//.test(name) ? 'inbound' : 'custom';
}

function flowQuota(controller: FlowController): BlockedError['quota'] {
  const { grade, threshold } = controller.rule;
  return grade === 'qps' ? { limit: threshold, windowSec: 1 } : undefined;
}

/** A QPS limit of `threshold / instances`: a cluster rule where no cluster service is wired. */
function localShare(rule: FlowRule, instanceCount: () => number): FlowController {
  return {
    rule,
    retryAfterMs: 0,
    check(now, stats) {
      const share = rule.threshold / Math.max(1, instanceCount());
      if (stats.passQps(now) + 1 <= share) {
        return 0;
      }
      this.retryAfterMs = Math.ceil(stats.second.msUntilRelease(now, 0)) || 1;
      return FLOW_REJECT;
    },
  };
}

/**
 * An admitted call. Entries are pooled: exit each exactly once and drop the reference after, as
 * the same object is handed to a later call.
 */
export class ResourceEntry {
  /** Milliseconds a pacing rule asks the caller to wait before doing the work (0 for none). */
  waitMs = 0;
  node: ResourceNode | null = null;
  callerStats: ResourceStats | null = null;
  startedAt = 0;
  probeMask = 0;

  constructor(private readonly resources: Resources) {}

  get resource(): string {
    return this.node?.name ?? '';
  }

  exit(outcome?: ExitOutcome): void {
    this.resources.exit(this, outcome);
  }
}

export class Resources {
  private readonly clock: Clock;
  private readonly windowOptions: SlidingWindowOptions;
  private readonly nodes = new Map<string, ResourceNode>();
  private readonly pool: ResourceEntry[] = [];
  private readonly listeners: BreakerListener[] = [];
  private rules: { flow: FlowRule[]; hotParams: HotParamRule[]; breakers: CircuitBreakerRule[] } = {
    flow: [],
    hotParams: [],
    breakers: [],
  };
  private forced = new Map<string, ForcedState>();
  private readonly cluster: ClusterFlowFactory | undefined;
  private readonly instanceCount: () => number;
  private observeRt: RtObserverFactory | undefined;

  constructor(options: ResourcesOptions = {}) {
    this.clock = options.clock ?? systemClock;
    this.cluster = options.cluster;
    this.instanceCount = options.instanceCount ?? (() => 1);

    this.windowOptions = { secondBuckets: options.secondBuckets ?? 10 };
    if (options.onBreakerStateChange) {
      this.listeners.push(options.onBreakerStateChange);
    }
    if (options.rules) {
      this.setRules(options.rules);
    }
  }

  /** Admit a call to `name` or throw a BlockedError. */
  entry(name: string, options?: EntryOptions): ResourceEntry {
    const result = this.tryEntry(name, options);
    if (result instanceof BlockedError) {
      throw result;
    }
    return result;
  }

  /**
   * Admit a call to `name`, or return (not throw) the BlockedError that refuses it. Synchronous:
   * a cluster rule with no local token left refuses here; `acquire` waits for the lease instead.
   */
  tryEntry(name: string, options?: EntryOptions): ResourceEntry | BlockedError {
    const node = this.node(name, options?.kind);
    const result = this.admit(node, options);
    if (typeof result === 'object') {
      return result;
    }
    return this.block(node, this.clock(), 'flow', 1);
  }

  /** Admit a call to `name`, waiting for cluster tokens when a lease is on its way. */
  async acquire(name: string, options?: EntryOptions): Promise<ResourceEntry | BlockedError> {
    const node = this.node(name, options?.kind);
    for (let attempt = 0; ; attempt++) {
      const result = this.admit(node, options);
      if (typeof result === 'object') {
        return result;
      }
      const awaitingLease = this.refusingController;
      if (attempt >= 3 || awaitingLease?.ready === undefined) {
        return this.block(node, this.clock(), 'flow', 1);
      }
      await awaitingLease.ready();
    }
  }

  /** Wrap `fn` as the resource `name`: admitted, timed and counted, or refused with a BlockedError. */
  async protect<T>(name: string, fn: () => Promise<T> | T, options?: EntryOptions): Promise<T> {
    const entry = await this.acquire(name, options);
    if (entry instanceof BlockedError) {
      throw entry;
    }
    if (entry.waitMs > 0) {
      await new Promise((resolve) => setTimeout(resolve, entry.waitMs));
    }
    try {
      const value = await fn();
      entry.exit();
      return value;
    } catch (error) {
      entry.exit({ error });
      throw error;
    }
  }

  /** Count a call refused before it reached the resource's rules, such as by load shedding. */
  recordBlock(name: string, reason: BlockReason, kind?: ResourceKind): void {
    this.node(name, kind).stats.addBlock(this.clock(), reason);
  }

  /** The controller that last refused or deferred a call; read right after `checkFlow`. */
  private refusingController: FlowController | null = null;

  /** The longest wait the controllers ask for, or the first FLOW_REJECT / FLOW_PENDING. */
  private checkFlow(controllers: readonly FlowController[], now: number, stats: ResourceStats) {
    let waitMs = 0;
    for (const controller of controllers) {
      const wait = controller.check(now, stats);
      if (wait < 0) {
        this.refusingController = controller;
        return wait;
      }
      if (wait > waitMs) {
        waitMs = wait;
      }
    }
    return waitMs;
  }

  private refuseFlow(node: ResourceNode, now: number, verdict: number): BlockedError | number {
    const controller = this.refusingController as FlowController;
    if (verdict === FLOW_PENDING) {
      return FLOW_PENDING;
    }
    return this.block(node, now, 'flow', controller.retryAfterMs, flowQuota(controller));
  }

  /** An entry, a BlockedError, or FLOW_PENDING when a cluster controller awaits its lease. */
  private admit(node: ResourceNode, options?: EntryOptions): ResourceEntry | BlockedError | number {
    const now = this.clock();
    const stats = node.stats;

    // Flow first: cluster controllers lead the list, so a pending lease consumes nothing.
    let waitMs = this.checkFlow(node.flow, now, stats);
    if (waitMs < 0) {
      return this.refuseFlow(node, now, waitMs);
    }
    let callerStats: ResourceStats | null = null;
    const caller = options?.caller;
    if (caller !== undefined && node.callerFlow.size > 0) {
      const callerFlow = node.callerFlow.get(caller);
      if (callerFlow !== undefined) {
        callerStats = callerFlow.stats;
        const callerWait = this.checkFlow(callerFlow.controllers, now, callerStats);
        if (callerWait < 0) {
          if (callerWait === FLOW_REJECT) {
            callerStats.addBlock(now, 'flow');
          }
          return this.refuseFlow(node, now, callerWait);
        }
        waitMs = Math.max(waitMs, callerWait);
      }
    }

    const params = options?.params;
    if (params !== undefined) {
      for (const limiter of node.hotParams) {
        const value = params[limiter.key];
        if (value !== undefined && !limiter.tryAcquire(value, now)) {
          return this.block(node, now, 'hot-param', limiter.retryAfterMs, {
            limit: limiter.thresholdOf(value),
            windowSec: limiter.rule.windowSec,
            param: limiter.rule.param,
          });
        }
      }
    }

    let probeMask = 0;
    const breakers = node.breakers;
    for (let i = 0; i < breakers.length; i++) {
      const breaker = breakers[i] as CircuitBreaker;
      const decision = breaker.tryPass(now);
      if (decision === BreakerDecision.reject) {
        this.releaseProbes(node, probeMask);
        return this.block(node, now, 'breaker', breaker.retryAfterMs);
      }
      if (decision === BreakerDecision.probe) {
        probeMask |= 1 << i;
      }
    }

    stats.addPass(now);
    callerStats?.addPass(now);
    const entry = this.pool.pop() ?? new ResourceEntry(this);
    entry.node = node;
    entry.callerStats = callerStats;
    entry.startedAt = now + waitMs;
    entry.waitMs = waitMs;
    entry.probeMask = probeMask;
    return entry;
  }

  /** @internal use `entry.exit()` */
  exit(entry: ResourceEntry, outcome?: ExitOutcome): void {
    const node = entry.node;
    if (node === null) {
      return;
    }
    const now = this.clock();
    const rtMs = outcome?.rtMs ?? Math.max(0, now - entry.startedAt);
    const failed = outcome?.error !== undefined;
    node.stats.addExit(now, rtMs, failed);
    entry.callerStats?.addExit(now, rtMs, failed);
    node.observeRt?.(rtMs);
    const breakers = node.breakers;
    for (let i = 0; i < breakers.length; i++) {
      (breakers[i] as CircuitBreaker).onComplete(
        now,
        rtMs,
        failed,
        (entry.probeMask & (1 << i)) !== 0,
      );
    }
    entry.node = null;
    entry.callerStats = null;
    this.pool.push(entry);
  }

  /**
   * Replace every rule. Resources keep their statistics; a rule that is exactly as before keeps
   * its state (an open breaker stays open), a new or changed rule starts fresh.
   */
  setRules(rules: RuleSet): void {
    // Parse everything first so that a bad rule set changes nothing.
    const next = {
      flow: (rules.flow ?? []).map((r) => FlowRuleSchema.parse(r)),
      hotParams: (rules.hotParams ?? []).map((r) => HotParamRuleSchema.parse(r)),
      breakers: (rules.breakers ?? []).map((r) => CircuitBreakerRuleSchema.parse(r)),
    };
    this.rules = next;
    this.forced = new Map((rules.forcedBreakers ?? []).map((f) => [f.resource, f.state]));
    for (const node of this.nodes.values()) {
      this.applyRules(node);
    }
    // A guarded resource shows in the live view and on /metrics before its first call.
    for (const rule of [...next.flow, ...next.hotParams, ...next.breakers]) {
      this.node(rule.resource, kindOfName(rule.resource));
    }
  }

  /** The rules in effect, defaults filled in. */
  currentRules(): {
    flow: FlowRule[];
    hotParams: HotParamRule[];
    breakers: CircuitBreakerRule[];
    forcedBreakers: { resource: string; state: ForcedState }[];
  } {
    return {
      ...this.rules,
      forcedBreakers: [...this.forced].map(([resource, state]) => ({ resource, state })),
    };
  }

  onBreakerStateChange(listener: BreakerListener): () => void {
    this.listeners.push(listener);
    return () => {
      const i = this.listeners.indexOf(listener);
      if (i >= 0) {
        this.listeners.splice(i, 1);
      }
    };
  }

  breakers(name: string): readonly CircuitBreaker[] {
    return this.node(name).breakers;
  }

  /** Force every breaker of `name` open or closed; `null` lifts the force. */
  forceBreaker(name: string, state: ForcedState | null): void {
    const now = this.clock();
    for (const breaker of this.node(name).breakers) {
      breaker.force(state, now);
    }
  }

  hotParamLimiters(name: string): readonly HotParamLimiter[] {
    return this.node(name).hotParams;
  }

  names(): string[] {
    return [...this.nodes.keys()];
  }

  kind(name: string): ResourceKind {
    return this.node(name).kind;
  }

  /** Observe every completed call's response time, for resources old and new (metrics). */
  setRtObserver(factory: RtObserverFactory): void {
    this.observeRt = factory;
    for (const node of this.nodes.values()) {
      node.observeRt = factory(node.name, node.kind);
    }
  }

  /** What an entry to `name` looks at (registering the resource as `kind` if new). */
  entryInputs(name: string, kind?: ResourceKind): EntryInputs {
    return this.node(name, kind).entryInputs;
  }

  stats(name: string): ResourceStats {
    return this.node(name).stats;
  }

  snapshot(name: string): ResourceSnapshot {
    return this.node(name).stats.snapshot(this.clock());
  }

  now(): number {
    return this.clock();
  }

  private node(name: string, kind: ResourceKind = 'custom'): ResourceNode {
    let node = this.nodes.get(name);
    if (node === undefined) {
      node = new ResourceNode(name, kind, this.windowOptions);
      node.observeRt = this.observeRt?.(name, kind);
      this.applyRules(node);
      this.nodes.set(name, node);
    }
    return node;
  }

  private flowController(rule: FlowRule): FlowController {
    if (rule.cluster && rule.grade === 'qps') {
      return this.cluster?.controller(rule) ?? localShare(rule, this.instanceCount);
    }
    return createFlowController(rule);
  }

  private applyRules(node: ResourceNode): void {
    const emit = (change: BreakerStateChange) => {
      for (const listener of this.listeners) {
        listener(change);
      }
    };
    // Keep the live state of rules that did not change: a republish must not close a breaker.
    const reuse = <T extends { rule: unknown }>(existing: readonly T[]) => {
      const byRule = new Map<string, T>();
      for (const item of existing) {
        byRule.set(JSON.stringify(item.rule), item);
      }
      return (rule: unknown, make: () => T): T => {
        const key = JSON.stringify(rule);
        const kept = byRule.get(key);
        byRule.delete(key);
        return kept ?? make();
      };
    };

    const previousFlow = [
      ...node.flow,
      ...[...node.callerFlow.values()].flatMap((callerFlow) => callerFlow.controllers),
    ];
    const flow = reuse(previousFlow);
    const ownRules = this.rules.flow.filter((r) => r.resource === node.name);
    const everyone = ownRules
      .filter((r) => r.caller === '*')
      .map((r) => flow(r, () => this.flowController(r)));
    // Cluster controllers first: they may wait for a lease, and nothing may be spent before that.
    node.flow = [
      ...everyone.filter((c) => c.rule.cluster),
      ...everyone.filter((c) => !c.rule.cluster),
    ];
    const callerFlow = new Map<string, CallerFlow>();
    for (const rule of ownRules.filter((r) => r.caller !== '*')) {
      const entry = callerFlow.get(rule.caller) ?? {
        stats: node.callerFlow.get(rule.caller)?.stats ?? new ResourceStats(node.options),
        controllers: [],
      };
      entry.controllers.push(flow(rule, () => this.flowController(rule)));
      callerFlow.set(rule.caller, entry);
    }
    node.callerFlow = callerFlow;

    const hot = reuse(node.hotParams);
    node.hotParams = this.rules.hotParams
      .filter((r) => r.resource === node.name)
      .map((r) => hot(r, () => new HotParamLimiter(r)));

    const breaker = reuse(node.breakers);
    node.breakers = this.rules.breakers
      .filter((r) => r.resource === node.name)
      .slice(0, MAX_BREAKERS_PER_RESOURCE)
      .map((r) => breaker(r, () => new CircuitBreaker(r, emit)));
    node.entryInputs = {
      params: hotParamInputs(node.hotParams),
      caller: node.callerFlow.size > 0,
      lease: ownRules.some((rule) => rule.cluster),
    };
    const forced = this.forced.get(node.name) ?? null;
    const now = this.clock();
    for (const b of node.breakers) {
      if (b.forced !== forced) {
        b.force(forced, now);
      }
    }
  }

  private releaseProbes(node: ResourceNode, probeMask: number): void {
    // A later breaker refused the call, so the probes earlier breakers granted never ran.
    for (let i = 0; probeMask !== 0 && i < node.breakers.length; i++) {
      if ((probeMask & (1 << i)) !== 0) {
        (node.breakers[i] as CircuitBreaker).returnProbe();
      }
    }
  }

  private block(
    node: ResourceNode,
    now: number,
    reason: BlockReason,
    retryAfterMs: number,
    quota?: BlockedError['quota'],
  ) {
    node.stats.addBlock(now, reason);
    return new BlockedError(node.name, reason, Math.max(1, Math.ceil(retryAfterMs)), quota);
  }
}

export function createResources(options: ResourcesOptions = {}): Resources {
  return new Resources(options);
}
