import { z } from 'zod';

export const SystemRuleSchema = z.object({
  maxInFlight: z
    .number()
    .int()
    .positive()
    .optional()
    .describe('Inbound requests in flight above which new ones are shed with 503.'),
  maxEventLoopDelayMs: z
    .number()
    .positive()
    .optional()
    .describe(
      'Event-loop delay above which load is shed, once in-flight requests exceed what the service has recently shown it can finish (BBR).',
    ),
});
export type SystemRule = z.infer<typeof SystemRuleSchema>;

export interface SystemGuardOptions {
  /** How often the event loop is sampled; the delay is the lateness of this timer. */
  sampleIntervalMs?: number;
  clock?: () => number;
}

const WINDOW_SECONDS = 10;

/**
 * Adaptive shedding of inbound load (Sentinel's system rule). The event-loop delay is measured
 * as the lateness of a repeating timer, so it works on any runtime with timers. Past
 * `maxInFlight` every new request is shed; past `maxEventLoopDelayMs` a request is shed only
 * when more are in flight than the service recently proved it can finish — best completed
 * requests per second × best response time (BBR) — so a busy but healthy service keeps
 * serving at capacity instead of dropping everything.
 */
export class SystemGuard {
  inFlight = 0;
  rule: SystemRule = {};
  /** The largest timer lateness over about the last second, in milliseconds. */
  eventLoopDelayMs = 0;
  private readonly sampleIntervalMs: number;
  private readonly clock: () => number;
  private timer: ReturnType<typeof setInterval> | undefined;
  private lastTick = 0;
  private windowMax = 0;
  private windowStartedAt = 0;
  // Per-second completions and the best RT of each second, for the capacity estimate.
  private readonly completed = new Float64Array(WINDOW_SECONDS);
  private readonly minRt = new Float64Array(WINDOW_SECONDS).fill(Number.POSITIVE_INFINITY);
  private readonly seconds = new Float64Array(WINDOW_SECONDS).fill(-1);

  constructor(options: SystemGuardOptions = {}) {
    this.sampleIntervalMs = options.sampleIntervalMs ?? 50;
    this.clock = options.clock ?? (() => performance.now());
  }

  setRule(rule: SystemRule): void {
    this.rule = rule;
    if (rule.maxEventLoopDelayMs === undefined) {
      this.stopSampling();
    } else {
      this.startSampling();
    }
  }

  get shedding(): boolean {
    return this.shouldShed();
  }

  /** True when the next inbound request should be refused; call before `enter`. */
  shouldShed(): boolean {
    const { maxInFlight, maxEventLoopDelayMs } = this.rule;
    if (maxInFlight !== undefined && this.inFlight >= maxInFlight) {
      return true;
    }
    if (maxEventLoopDelayMs === undefined || this.eventLoopDelayMs <= maxEventLoopDelayMs) {
      return false;
    }
    return this.inFlight > 1 && this.inFlight >= this.capacity();
  }

  enter(): void {
    this.inFlight++;
  }

  exit(rtMs: number, nowMs: number): void {
    this.inFlight--;
    const second = Math.floor(nowMs / 1000);
    const i = second % WINDOW_SECONDS;
    if (this.seconds[i] !== second) {
      this.seconds[i] = second;
      this.completed[i] = 0;
      this.minRt[i] = Number.POSITIVE_INFINITY;
    }
    this.completed[i] = (this.completed[i] ?? 0) + 1;
    if (rtMs < (this.minRt[i] ?? Number.POSITIVE_INFINITY)) {
      this.minRt[i] = rtMs;
    }
  }

  /** Requests the service can hold in flight: best completions/s × best RT over ~10 s. */
  capacity(nowMs = Date.now()): number {
    const current = Math.floor(nowMs / 1000);
    let maxCompleted = 0;
    let minRt = Number.POSITIVE_INFINITY;
    for (let i = 0; i < WINDOW_SECONDS; i++) {
      const second = this.seconds[i] ?? -1;
      // The running second is incomplete; judge only whole seconds.
      if (second < current && second >= current - WINDOW_SECONDS) {
        maxCompleted = Math.max(maxCompleted, this.completed[i] ?? 0);
        minRt = Math.min(minRt, this.minRt[i] ?? Number.POSITIVE_INFINITY);
      }
    }
    if (maxCompleted === 0 || minRt === Number.POSITIVE_INFINITY) {
      return 1;
    }
    return Math.max(1, (maxCompleted * Math.max(minRt, 1)) / 1000);
  }

  /** Feed one timer tick by hand (tests); the sampler calls this on its own. */
  sample(now: number): void {
    if (this.lastTick !== 0) {
      const lateness = Math.max(0, now - this.lastTick - this.sampleIntervalMs);
      this.windowMax = Math.max(this.windowMax, lateness);
      if (now - this.windowStartedAt >= 1000) {
        this.eventLoopDelayMs = this.windowMax;
        this.windowMax = 0;
        this.windowStartedAt = now;
      } else if (lateness > this.eventLoopDelayMs) {
        // A stall shows at once; recovery waits for a calm window.
        this.eventLoopDelayMs = lateness;
      }
    } else {
      this.windowStartedAt = now;
    }
    this.lastTick = now;
  }

  stop(): void {
    this.stopSampling();
  }

  private startSampling(): void {
    if (this.timer !== undefined) {
      return;
    }
    this.lastTick = 0;
    this.timer = setInterval(() => this.sample(this.clock()), this.sampleIntervalMs);
    // Sampling must not keep a process alive (Node's timers have unref; others run to exit).
    (this.timer as { unref?: () => void }).unref?.();
  }

  private stopSampling(): void {
    if (this.timer !== undefined) {
      clearInterval(this.timer);
      this.timer = undefined;
    }
    this.eventLoopDelayMs = 0;
  }
}
