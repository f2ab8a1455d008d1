/**
 * A ring of equal buckets over a fixed window, each holding a row of numeric fields. Buckets are
 * identified by `floor(now / bucketMs)`, so a stale slot is recognised and zeroed lazily when
 * time reaches it again; nothing allocates after construction.
 */
export class WindowRing {
  readonly bucketMs: number;
  readonly windowMs: number;
  private readonly ids: Float64Array;
  private readonly data: Float64Array;

  constructor(
    readonly buckets: number,
    windowMs: number,
    readonly fields: number,
  ) {
    this.windowMs = windowMs;
    this.bucketMs = windowMs / buckets;
    this.ids = new Float64Array(buckets).fill(-1);
    this.data = new Float64Array(buckets * fields);
  }

  add(now: number, field: number, n: number): void {
    const base = this.slot(now) + field;
    this.data[base] = (this.data[base] ?? 0) + n;
  }

  sum(now: number, field: number): number {
    return this.sumLast(now, field, this.buckets);
  }

  /** Sum of `field` over the newest `count` buckets (the current one included). */
  sumLast(now: number, field: number, count: number): number {
    const current = Math.floor(now / this.bucketMs);
    const oldest = current - Math.min(count, this.buckets);
    let total = 0;
    for (let i = 0; i < this.buckets; i++) {
      const id = this.ids[i] ?? -1;
      if (id > oldest && id <= current) {
        total += this.data[i * this.fields + field] ?? 0;
      }
    }
    return total;
  }

  /** The value of `field` in the bucket whose id is `id`, or 0 if that bucket has rolled away. */
  bucketValue(id: number, field: number): number {
    const i = id % this.buckets;
    return this.ids[i] === id ? (this.data[i * this.fields + field] ?? 0) : 0;
  }

  /** Milliseconds until the oldest bucket with a non-zero `field` leaves the window (0 if none). */
  msUntilRelease(now: number, field: number): number {
    const current = Math.floor(now / this.bucketMs);
    let oldestWithValue = Number.POSITIVE_INFINITY;
    for (let i = 0; i < this.buckets; i++) {
      const id = this.ids[i] ?? -1;
      if (
        id > current - this.buckets &&
        id <= current &&
        (this.data[i * this.fields + field] ?? 0) > 0
      ) {
        oldestWithValue = Math.min(oldestWithValue, id);
      }
    }
    if (oldestWithValue === Number.POSITIVE_INFINITY) {
      return 0;
    }
    return Math.max(0, (oldestWithValue + this.buckets) * this.bucketMs - now);
  }

  reset(): void {
    this.ids.fill(-1);
    this.data.fill(0);
  }

  private slot(now: number): number {
    const id = Math.floor(now / this.bucketMs);
    const i = id % this.buckets;
    const base = i * this.fields;
    if (this.ids[i] !== id) {
      this.ids[i] = id;
      this.data.fill(0, base, base + this.fields);
    }
    return base;
  }
}

export const BLOCK_REASONS = ['flow', 'hot-param', 'breaker', 'system'] as const;
export type BlockReason = (typeof BLOCK_REASONS)[number];

export const StatField = {
  passed: 0,
  blockedFlow: 1,
  blockedHotParam: 2,
  blockedBreaker: 3,
  succeeded: 4,
  failed: 5,
  blockedSystem: 6,
  rtSum: 7,
} as const;
export const STAT_FIELD_COUNT = 8;
const FIELD_COUNT = STAT_FIELD_COUNT;
/** Seconds of per-second history each resource keeps for the live view. */
export const HISTORY_SECONDS = 300;

const BLOCK_FIELD: Record<BlockReason, number> = {
  flow: StatField.blockedFlow,
  'hot-param': StatField.blockedHotParam,
  breaker: StatField.blockedBreaker,
  system: StatField.blockedSystem,
};

export interface WindowTotals {
  passed: number;
  blocked: Record<BlockReason, number>;
  succeeded: number;
  failed: number;
  avgRtMs: number;
}

export interface ResourceSnapshot {
  /** Totals over the last second (a sliding window of `secondBuckets` buckets). */
  second: WindowTotals;
  /** Totals over the last minute (the newest sixty one-second buckets). */
  minute: WindowTotals;
  concurrency: number;
}

export interface SlidingWindowOptions {
  /** Buckets in the one-second ring; more buckets slide more smoothly and cost a longer sum. */
  secondBuckets?: number;
}

/** One second of a resource's history, as the live view serves it. */
export interface SecondRow {
  /** Epoch milliseconds the second starts at. */
  t: number;
  passed: number;
  blocked: Record<BlockReason, number>;
  succeeded: number;
  failed: number;
  rtSumMs: number;
}

/**
 * Per-resource statistics: a one-second ring of short buckets (what rules decide on), a
 * five-minute ring of one-second buckets (the live view and minute totals), running totals
 * since start (Prometheus counters), and calls in flight.
 */
export class ResourceStats {
  readonly second: WindowRing;
  readonly history: WindowRing;
  /** Running totals per StatField since the resource was first seen. */
  readonly totals = new Float64Array(FIELD_COUNT);
  concurrency = 0;

  constructor(options: SlidingWindowOptions = {}) {
    this.second = new WindowRing(options.secondBuckets ?? 10, 1000, FIELD_COUNT);
    this.history = new WindowRing(HISTORY_SECONDS, HISTORY_SECONDS * 1000, FIELD_COUNT);
  }

  addPass(now: number): void {
    this.second.add(now, StatField.passed, 1);
    this.history.add(now, StatField.passed, 1);
    this.totals[StatField.passed] = (this.totals[StatField.passed] ?? 0) + 1;
    this.concurrency++;
  }

  addBlock(now: number, reason: BlockReason): void {
    const field = BLOCK_FIELD[reason];
    this.second.add(now, field, 1);
    this.history.add(now, field, 1);
    this.totals[field] = (this.totals[field] ?? 0) + 1;
  }

  addExit(now: number, rtMs: number, failed: boolean): void {
    const field = failed ? StatField.failed : StatField.succeeded;
    this.second.add(now, field, 1);
    this.second.add(now, StatField.rtSum, rtMs);
    this.history.add(now, field, 1);
    this.history.add(now, StatField.rtSum, rtMs);
    this.totals[field] = (this.totals[field] ?? 0) + 1;
    this.totals[StatField.rtSum] = (this.totals[StatField.rtSum] ?? 0) + rtMs;
    this.concurrency--;
  }

  /** The newest `seconds` whole seconds, oldest first, quiet seconds as zeros. */
  series(now: number, seconds = HISTORY_SECONDS): SecondRow[] {
    const count = Math.max(1, Math.min(HISTORY_SECONDS, Math.floor(seconds)));
    const current = Math.floor(now / 1000);
    const rows: SecondRow[] = [];
    for (let id = current - count + 1; id <= current; id++) {
      const value = (field: number) => this.history.bucketValue(id, field);
      rows.push({
        t: id * 1000,
        passed: value(StatField.passed),
        blocked: {
          flow: value(StatField.blockedFlow),
          'hot-param': value(StatField.blockedHotParam),
          breaker: value(StatField.blockedBreaker),
          system: value(StatField.blockedSystem),
        },
        succeeded: value(StatField.succeeded),
        failed: value(StatField.failed),
        rtSumMs: value(StatField.rtSum),
      });
    }
    return rows;
  }

  passQps(now: number): number {
    return this.second.sum(now, StatField.passed);
  }

  /** Passes in the whole previous calendar second of the clock. */
  previousSecondPasses(now: number): number {
    return this.history.bucketValue(Math.floor(now / 1000) - 1, StatField.passed);
  }

  avgRtMs(now: number): number {
    const completed =
      this.second.sum(now, StatField.succeeded) + this.second.sum(now, StatField.failed);
    return completed === 0 ? 0 : this.second.sum(now, StatField.rtSum) / completed;
  }

  snapshot(now: number): ResourceSnapshot {
    return {
      second: totals(this.second, now, this.second.buckets),
      minute: totals(this.history, now, 60),
      concurrency: this.concurrency,
    };
  }
}

function totals(ring: WindowRing, now: number, buckets: number): WindowTotals {
  const sum = (field: number) => ring.sumLast(now, field, buckets);
  const succeeded = sum(StatField.succeeded);
  const failed = sum(StatField.failed);
  const completed = succeeded + failed;
  return {
    passed: sum(StatField.passed),
    blocked: {
      flow: sum(StatField.blockedFlow),
      'hot-param': sum(StatField.blockedHotParam),
      breaker: sum(StatField.blockedBreaker),
      system: sum(StatField.blockedSystem),
    },
    succeeded,
    failed,
    avgRtMs: completed === 0 ? 0 : sum(StatField.rtSum) / completed,
  };
}
