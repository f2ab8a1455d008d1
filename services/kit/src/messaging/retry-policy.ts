/**
 * When a failed event is tried again: exponential backoff with full jitter, RocketMQ's ladder,
 * or explicit delays, for at most `attempts` attempts in all (the first included).
 */
export type Backoff = 'exponential' | 'ladder' | readonly number[];

export interface RetryOptions {
  /** Attempts in all, the first included; 16 by default (RocketMQ's). */
  attempts?: number;
  /** `exponential` by default: 1 s, ×2 each time, capped at 10 min, with full jitter. */
  backoff?: Backoff;
}

export interface RetryPolicy {
  attempts: number;
  backoff: Backoff;
}

/** RocketMQ's retry ladder (delay levels 3–18): 10s 30s 1m 2m … 10m 20m 30m 1h 2h. */
export const rocketLadder: readonly number[] = [
  10, 30, 60, 120, 180, 240, 300, 360, 420, 480, 540, 600, 1200, 1800, 3600, 7200,
].map((seconds) => seconds * 1000);

const exponentialBaseMs = 1000;
const exponentialCapMs = 10 * 60 * 1000;

/**
 * The most attempts a subscription may ask for: every event job carries it as BullMQ's
 * `attempts`, and the subscriber stops earlier, at its own policy's count.
 */
export const maxEventAttempts = 100;

export function retryPolicy(options: RetryOptions = {}): RetryPolicy {
  const attempts = options.attempts ?? 16;
  if (!Number.isInteger(attempts) || attempts < 1 || attempts > maxEventAttempts) {
    throw new Error(`retry attempts must be an integer from 1 to ${maxEventAttempts}`);
  }
  const backoff = options.backoff ?? 'exponential';
  if (Array.isArray(backoff)) {
    if (backoff.length === 0 || backoff.some((ms) => !Number.isFinite(ms) || ms < 0)) {
      throw new Error('explicit retry delays must be a non-empty list of milliseconds');
    }
  }
  return { attempts, backoff };
}

/**
 * The delay before attempt `failedAttempts + 1`, after `failedAttempts` failures (≥ 1). Full
 * jitter (a uniform draw below the exponential ceiling) spreads retries of a burst of failures
 * so they do not return together; a ladder or list past its end repeats its last step.
 */
export function retryDelay(
  policy: RetryPolicy,
  failedAttempts: number,
  random: () => number = Math.random,
): number {
  const step = Math.max(1, failedAttempts);
  if (policy.backoff === 'exponential') {
    const ceiling = Math.min(exponentialCapMs, exponentialBaseMs * 2 ** (step - 1));
    return Math.floor(random() * ceiling);
  }
  const steps = policy.backoff === 'ladder' ? rocketLadder : policy.backoff;
  return steps[Math.min(step, steps.length) - 1] ?? 0;
}

/** Whether the attempt numbered `attempt` (1-based) is the policy's last. */
export function isLastAttempt(policy: RetryPolicy, attempt: number): boolean {
  return attempt >= policy.attempts;
}
