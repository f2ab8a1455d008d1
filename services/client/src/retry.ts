const idempotentMethods = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE']);

/** Statuses worth another attempt: the upstream or a proxy before it could not answer now. */
export const retryableStatuses = new Set([429, 502, 503, 504]);

export function isIdempotent(request: Request): boolean {
  return idempotentMethods.has(request.method) || request.headers.has('idempotency-key');
}

/** Milliseconds a `Retry-After` header asks for (delta seconds or an HTTP date), if it is valid. */
export function retryAfterMs(value: string | null, now: number): number | undefined {
  if (value === null) {
    return undefined;
  }
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) {
    return Number(trimmed) * 1000;
  }
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

const SECONDS = 10;

/**
 * Caps retries to one upstream at `ratio` × calls over the last ten seconds plus
 * `minPerSecond` × 10, so that a failing upstream sees a bounded extra load rather than a
 * storm of every caller's retries (Finagle's and gRPC's retry budget).
 */
export class RetryBudget {
  private readonly buckets = Array.from({ length: SECONDS }, () => ({
    second: -1,
    calls: 0,
    retries: 0,
  }));

  constructor(private readonly now: () => number = Date.now) {}

  /** Counts a call (its first attempt). */
  deposit(): void {
    this.bucket().calls += 1;
  }

  /** Spends one retry and answers true, or answers false when the budget is spent. */
  withdraw(ratio: number, minPerSecond: number): boolean {
    const current = this.bucket();
    let calls = 0;
    let retries = 0;
    for (const bucket of this.buckets) {
      if (bucket.second > current.second - SECONDS) {
        calls += bucket.calls;
        retries += bucket.retries;
      }
    }
    // The epsilon keeps rounding (0.57 × 100 = 56.99999999999999) from refusing a covered retry.
    if (retries + 1 > ratio * calls + minPerSecond * SECONDS + 1e-9) {
      return false;
    }
    current.retries += 1;
    return true;
  }

  private bucket() {
    const second = Math.floor(this.now() / 1000);
    const bucket = this.buckets[second % SECONDS] as (typeof this.buckets)[number];
    if (bucket.second !== second) {
      bucket.second = second;
      bucket.calls = 0;
      bucket.retries = 0;
    }
    return bucket;
  }
}
