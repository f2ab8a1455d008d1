import { z } from 'zod';
import { WindowRing } from './sliding-window.ts';

export const CircuitBreakerRuleSchema = z
  .object({
    resource: z.string().min(1).describe('Resource name, such as `users → POST /v1/users/lookup`.'),
    strategy: z
      .enum(['slow-call-ratio', 'error-ratio', 'error-count'])
      .describe('What trips the breaker.'),
    threshold: z
      .number()
      .nonnegative()
      .describe('A ratio in [0, 1] for the ratio strategies, a count for error-count.'),
    slowCallRtMs: z
      .number()
      .nonnegative()
      .default(1000)
      .describe('Slow-call ratio: a call slower than this counts as slow.'),
    minRequests: z
      .number()
      .int()
      .positive()
      .default(5)
      .describe('Completed calls in the interval before the breaker may open.'),
    statIntervalMs: z
      .number()
      .int()
      .positive()
      .default(1000)
      .describe('The sliding interval the ratio or count is measured over.'),
    openDurationMs: z
      .number()
      .int()
      .positive()
      .default(10_000)
      .describe('How long the breaker stays open before letting probes through.'),
    halfOpenProbes: z
      .number()
      .int()
      .positive()
      .default(1)
      .describe('Calls let through when half-open; all must succeed for the breaker to close.'),
  })
  .refine((r) => r.strategy === 'error-count' || r.threshold <= 1, {
    message: 'a ratio threshold must be between 0 and 1',
    path: ['threshold'],
  });
export type CircuitBreakerRule = z.infer<typeof CircuitBreakerRuleSchema>;
export type CircuitBreakerRuleInput = z.input<typeof CircuitBreakerRuleSchema>;

export type BreakerState = 'closed' | 'open' | 'half-open';
export type ForcedState = 'open' | 'closed';

export interface BreakerStateChange {
  resource: string;
  strategy: CircuitBreakerRule['strategy'];
  from: BreakerState;
  to: BreakerState;
  at: number;
  /** Set when an operator forced the breaker, or cleared a force. */
  forced?: ForcedState | null;
  /** The measured ratio or count that opened the breaker. */
  value?: number;
}

export type BreakerListener = (change: BreakerStateChange) => void;

const TOTAL = 0;
const BAD = 1;
const BUCKETS = 10;

/** Result of `CircuitBreaker.tryPass`. */
export const BreakerDecision = { pass: 0, probe: 1, reject: 2 } as const;

export class CircuitBreaker {
  readonly rule: CircuitBreakerRule;
  state: BreakerState = 'closed';
  forced: ForcedState | null = null;
  retryAfterMs = 0;
  private readonly window: WindowRing;
  private nextRetryAt = 0;
  private probesAdmitted = 0;
  private probesSucceeded = 0;
  private lastBadAt = Number.NEGATIVE_INFINITY;

  constructor(
    input: CircuitBreakerRuleInput,
    private readonly listener: BreakerListener = () => {},
  ) {
    this.rule = CircuitBreakerRuleSchema.parse(input);
    this.window = new WindowRing(BUCKETS, this.rule.statIntervalMs, 2);
  }

  tryPass(now: number): number {
    if (this.forced === 'closed') {
      return BreakerDecision.pass;
    }
    if (this.forced === 'open') {
      this.retryAfterMs = this.rule.openDurationMs;
      return BreakerDecision.reject;
    }
    if (this.state === 'closed') {
      return BreakerDecision.pass;
    }
    if (this.state === 'open') {
      if (now < this.nextRetryAt) {
        this.retryAfterMs = Math.ceil(this.nextRetryAt - now);
        return BreakerDecision.reject;
      }
      this.probesAdmitted = 0;
      this.probesSucceeded = 0;
      this.transition('half-open', now);
    }
    if (this.probesAdmitted < this.rule.halfOpenProbes) {
      this.probesAdmitted++;
      return BreakerDecision.probe;
    }
    // The probes are out; their answers decide, and one is unlikely to take longer than this.
    this.retryAfterMs = Math.max(1, Math.ceil(this.rule.slowCallRtMs));
    return BreakerDecision.reject;
  }

  /** Record a completed call; `probe` says it was let through as a half-open probe. */
  onComplete(now: number, rtMs: number, failed: boolean, probe: boolean): void {
    if (this.forced !== null) {
      return;
    }
    const bad = this.rule.strategy === 'slow-call-ratio' ? rtMs > this.rule.slowCallRtMs : failed;
    if (probe) {
      if (this.state !== 'half-open') {
        return;
      }
      if (bad) {
        this.open(now);
        return;
      }
      this.probesSucceeded++;
      if (this.probesSucceeded >= this.rule.halfOpenProbes) {
        this.window.reset();
        this.transition('closed', now);
      }
      return;
    }
    if (this.state !== 'closed') {
      return;
    }
    this.window.add(now, TOTAL, 1);
    if (bad) {
      this.window.add(now, BAD, 1);
      this.lastBadAt = now;
    } else if (now - this.lastBadAt >= this.rule.statIntervalMs) {
      // No bad call in the interval, so nothing can trip: skip summing the window.
      return;
    }
    const total = this.window.sum(now, TOTAL);
    if (total < this.rule.minRequests) {
      return;
    }
    const badCount = this.window.sum(now, BAD);
    if (badCount === 0) {
      return;
    }
    const value = this.rule.strategy === 'error-count' ? badCount : badCount / total;
    if (value >= this.rule.threshold) {
      this.open(now, value);
    }
  }

  /** Give back a probe slot that was granted but never used. */
  returnProbe(): void {
    if (this.state === 'half-open' && this.probesAdmitted > 0) {
      this.probesAdmitted--;
    }
  }

  /** Pin the breaker open or closed regardless of traffic; `null` returns it to closed, fresh. */
  force(state: ForcedState | null, now: number): void {
    const from = this.effectiveState();
    this.forced = state;
    if (state === null) {
      this.state = 'closed';
      this.window.reset();
    }
    const to = this.effectiveState();
    this.listener({
      resource: this.rule.resource,
      strategy: this.rule.strategy,
      from,
      to,
      at: now,
      forced: state,
    });
  }

  effectiveState(): BreakerState {
    if (this.forced === 'open') {
      return 'open';
    }
    if (this.forced === 'closed') {
      return 'closed';
    }
    return this.state;
  }

  private open(now: number, value?: number): void {
    this.nextRetryAt = now + this.rule.openDurationMs;
    this.transition('open', now, value);
  }

  private transition(to: BreakerState, now: number, value?: number): void {
    const from = this.state;
    this.state = to;
    const change: BreakerStateChange = {
      resource: this.rule.resource,
      strategy: this.rule.strategy,
      from,
      to,
      at: now,
    };
    if (value !== undefined) {
      change.value = value;
    }
    this.listener(change);
  }
}
