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
  ) {
    super(`${resource} blocked by ${reason} rule; retry after ${retryAfterMs} ms`);
  }
}

export interface EntryOptions {
  /** Values of hot parameters, such as `{ userId }`; only keys named by a rule are looked at. */
  params?: Readonly<Record<string, ParamValue | undefined>>;
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
}

export interface ResourcesOptions extends SlidingWindowOptions {
  clock?: Clock;
  rules?: RuleSet;
  onBreakerStateChange?: BreakerListener;
}

class ResourceNode {
  readonly stats: ResourceStats;
  flow: FlowController[] = [];
  hotParams: HotParamLimiter[] = [];
  breakers: CircuitBreaker[] = [];

  constructor(
    readonly name: string,
    options: SlidingWindowOptions,
  ) {
    this.stats = new ResourceStats(options);
  }
}

/**
 * An admitted call. Entries are pooled: exit each exactly once and drop the reference after, as
 * the same object is handed to a later call.
 */
export class ResourceEntry {
  /** Milliseconds a pacing rule asks the caller to wait before doing the work (0 for none). */
  waitMs = 0;
  node: ResourceNode | null = null;
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

  constructor(options: ResourcesOptions = {}) {
    this.clock = options.clock ?? systemClock;
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

  /** Admit a call to `name`, or return (not throw) the BlockedError that refuses it. */
  tryEntry(name: string, options?: EntryOptions): ResourceEntry | BlockedError {
    const node = this.node(name);
    const now = this.clock();
    const stats = node.stats;

    const params = options?.params;
    if (params !== undefined) {
      for (const limiter of node.hotParams) {
        const value = params[limiter.rule.param];
        if (value !== undefined && !limiter.tryAcquire(value, now)) {
          return this.block(node, now, 'hot-param', limiter.retryAfterMs);
        }
      }
    }

    let waitMs = 0;
    for (const controller of node.flow) {
      const wait = controller.check(now, stats);
      if (wait === FLOW_REJECT) {
        return this.block(node, now, 'flow', controller.retryAfterMs);
      }
      if (wait > waitMs) {
        waitMs = wait;
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
    const entry = this.pool.pop() ?? new ResourceEntry(this);
    entry.node = node;
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
    this.pool.push(entry);
  }

  /** Replace every rule; resources keep their statistics, rules start fresh. */
  setRules(rules: RuleSet): void {
    // Parse everything first so that a bad rule set changes nothing.
    const next = {
      flow: (rules.flow ?? []).map((r) => FlowRuleSchema.parse(r)),
      hotParams: (rules.hotParams ?? []).map((r) => HotParamRuleSchema.parse(r)),
      breakers: (rules.breakers ?? []).map((r) => CircuitBreakerRuleSchema.parse(r)),
    };
    this.rules = next;
    for (const node of this.nodes.values()) {
      this.applyRules(node);
    }
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

  snapshot(name: string): ResourceSnapshot {
    return this.node(name).stats.snapshot(this.clock());
  }

  private node(name: string): ResourceNode {
    let node = this.nodes.get(name);
    if (node === undefined) {
      node = new ResourceNode(name, this.windowOptions);
      this.applyRules(node);
      this.nodes.set(name, node);
    }
    return node;
  }

  private applyRules(node: ResourceNode): void {
    const emit = (change: BreakerStateChange) => {
      for (const listener of this.listeners) {
        listener(change);
      }
    };
    node.flow = this.rules.flow.filter((r) => r.resource === node.name).map(createFlowController);
    node.hotParams = this.rules.hotParams
      .filter((r) => r.resource === node.name)
      .map((r) => new HotParamLimiter(r));
    node.breakers = this.rules.breakers
      .filter((r) => r.resource === node.name)
      .slice(0, 31)
      .map((r) => new CircuitBreaker(r, emit));
  }

  private releaseProbes(node: ResourceNode, probeMask: number): void {
    // A later breaker refused the call, so the probes earlier breakers granted never ran.
    for (let i = 0; probeMask !== 0 && i < node.breakers.length; i++) {
      if ((probeMask & (1 << i)) !== 0) {
        (node.breakers[i] as CircuitBreaker).returnProbe();
      }
    }
  }

  private block(node: ResourceNode, now: number, reason: BlockReason, retryAfterMs: number) {
    node.stats.addBlock(now, reason);
    return new BlockedError(node.name, reason, Math.max(1, Math.ceil(retryAfterMs)));
  }
}

export function createResources(options: ResourcesOptions = {}): Resources {
  return new Resources(options);
}
