import { z } from 'zod';
import type { ResourceStats } from './sliding-window.ts';

export const FlowRuleSchema = z.object({
  resource: z.string().min(1).describe('Resource name, such as `POST /v1/orders`.'),
  grade: z
    .enum(['qps', 'concurrency'])
    .default('qps')
    .describe('Limit passes per second, or calls in flight at once.'),
  threshold: z.number().nonnegative().describe('Passes per second, or calls in flight.'),
  behavior: z
    .enum(['reject', 'warm-up', 'pacing'])
    .default('reject')
    .describe('What a QPS rule does at its limit; concurrency rules always reject.'),
  warmUpPeriodSec: z
    .number()
    .positive()
    .default(10)
    .describe('Warm-up: seconds of full load to ramp from threshold/coldFactor to threshold.'),
  coldFactor: z
    .number()
    .gt(1)
    .default(3)
    .describe('Warm-up: a cold resource admits threshold/coldFactor per second.'),
  maxQueueingTimeMs: z
    .number()
    .nonnegative()
    .default(500)
    .describe('Pacing: the longest a call may be asked to wait for its slot.'),
  caller: z
    .string()
    .min(1)
    .default('*')
    .describe(
      'Whose calls the rule counts: `*` for everyone together, or one caller (a service name, or `key:<api key id>`).',
    ),
  cluster: z
    .boolean()
    .default(false)
    .describe(
      'QPS only: the threshold is shared by every instance through Redis; without Redis each instance takes threshold / instances.',
    ),
});
export type FlowRule = z.infer<typeof FlowRuleSchema>;
export type FlowRuleInput = z.input<typeof FlowRuleSchema>;

/** Returned by `FlowController.check` when the call is refused; see `retryAfterMs`. */
export const FLOW_REJECT = -1;
/** Returned by a cluster controller with no local token: await `ready()`, then check again. */
export const FLOW_PENDING = -2;

export interface FlowController {
  readonly rule: FlowRule;
  /** FLOW_REJECT, or the milliseconds the caller must wait before proceeding (0 for none). */
  check(now: number, stats: ResourceStats): number;
  /** After a FLOW_REJECT: when a retry is likely to pass. */
  retryAfterMs: number;
  /** After a FLOW_PENDING: settles once tokens were leased (or the lease failed). */
  ready?(): Promise<void>;
}

export function createFlowController(input: FlowRuleInput): FlowController {
  const rule = FlowRuleSchema.parse(input);
  if (rule.grade === 'concurrency') {
    return new ConcurrencyController(rule);
  }
  switch (rule.behavior) {
    case 'warm-up':
      return new WarmUpController(rule);
    case 'pacing':
      return new PacingController(rule);
    default:
      return new QpsRejectController(rule);
  }
}

class QpsRejectController implements FlowController {
  retryAfterMs = 0;
  constructor(readonly rule: FlowRule) {}

  check(now: number, stats: ResourceStats): number {
    if (stats.passQps(now) + 1 <= this.rule.threshold) {
      return 0;
    }
    this.retryAfterMs = Math.ceil(stats.second.msUntilRelease(now, 0)) || 1;
    return FLOW_REJECT;
  }
}

class ConcurrencyController implements FlowController {
  retryAfterMs = 0;
  constructor(readonly rule: FlowRule) {}

  check(now: number, stats: ResourceStats): number {
    if (stats.concurrency + 1 <= this.rule.threshold) {
      return 0;
    }
    // A slot frees when a call in flight completes; the recent mean response time is the best guess.
    this.retryAfterMs = Math.max(1, Math.ceil(stats.avgRtMs(now)));
    return FLOW_REJECT;
  }
}

/**
 * Sentinel's warm-up (after Guava's SmoothWarmingUp): a bucket of stored tokens fills while the
 * resource is idle and drains under load; above the warning level, the admitted rate falls
 * linearly towards threshold/coldFactor, so a cold resource ramps up over `warmUpPeriodSec`.
 */
class WarmUpController implements FlowController {
  retryAfterMs = 0;
  private readonly warningToken: number;
  private readonly maxToken: number;
  private readonly slope: number;
  private storedTokens = 0;
  private lastFilledSecond = Number.NEGATIVE_INFINITY;

  constructor(readonly rule: FlowRule) {
    const { threshold, warmUpPeriodSec, coldFactor } = rule;
    this.warningToken = Math.floor((warmUpPeriodSec * threshold) / (coldFactor - 1));
    this.maxToken =
      this.warningToken + Math.floor((2 * warmUpPeriodSec * threshold) / (1 + coldFactor));
    this.slope = (coldFactor - 1) / threshold / Math.max(1, this.maxToken - this.warningToken);
  }

  check(now: number, stats: ResourceStats): number {
    const threshold = this.rule.threshold;
    if (threshold <= 0) {
      this.retryAfterMs = 1000;
      return FLOW_REJECT;
    }
    const passQps = stats.passQps(now);
    this.syncTokens(now, stats.previousSecondPasses(now));
    let limit = threshold;
    if (this.storedTokens >= this.warningToken) {
      const aboveToken = this.storedTokens - this.warningToken;
      limit = 1 / (aboveToken * this.slope + 1 / threshold);
    }
    if (passQps + 1 <= limit + 1e-9) {
      return 0;
    }
    this.retryAfterMs = Math.ceil(stats.second.msUntilRelease(now, 0)) || 1;
    return FLOW_REJECT;
  }

  private syncTokens(now: number, previousQps: number): void {
    const second = Math.floor(now / 1000);
    if (second <= this.lastFilledSecond) {
      return;
    }
    if (this.lastFilledSecond === Number.NEGATIVE_INFINITY) {
      this.storedTokens = this.maxToken;
      this.lastFilledSecond = second;
      return;
    }
    const { threshold, coldFactor } = this.rule;
    let tokens = this.storedTokens;
    // Refill below the warning level always; above it only while traffic is light.
    if (tokens < this.warningToken || previousQps < threshold / coldFactor) {
      tokens += (second - this.lastFilledSecond) * threshold;
    }
    tokens = Math.min(tokens, this.maxToken);
    this.storedTokens = Math.max(tokens - previousQps, 0);
    this.lastFilledSecond = second;
  }
}

/** Sentinel's rate limiter: one pass every 1000/threshold ms, later calls queue up to a maximum wait. */
class PacingController implements FlowController {
  retryAfterMs = 0;
  private latestPassedTime = Number.NEGATIVE_INFINITY;

  constructor(readonly rule: FlowRule) {}

  check(now: number): number {
    const { threshold, maxQueueingTimeMs } = this.rule;
    if (threshold <= 0) {
      this.retryAfterMs = 1000;
      return FLOW_REJECT;
    }
    const costMs = 1000 / threshold;
    const expected = this.latestPassedTime + costMs;
    if (expected <= now) {
      this.latestPassedTime = now;
      return 0;
    }
    const wait = expected - now;
    if (wait > maxQueueingTimeMs) {
      this.retryAfterMs = Math.ceil(wait - maxQueueingTimeMs);
      return FLOW_REJECT;
    }
    this.latestPassedTime = expected;
    return wait;
  }
}
