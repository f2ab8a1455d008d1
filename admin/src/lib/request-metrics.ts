import { getMetricsFromIterator, type PromHistogramData } from 'prom2javascript';

/** The RED histogram every service's kit records, named after the OpenTelemetry convention. */
export const requestDurationMetric = 'http_server_request_duration_seconds';

export interface RequestHistogram {
  /** Requests answered, over every route and status. */
  count: number;
  /** Of those, the ones answered with a 5xx status. */
  errors: number;
  /** Cumulative counts by upper bound in seconds, ascending; the last bound is +Infinity. */
  buckets: { le: number; count: number }[];
}

function isHistogramData(value: unknown): value is PromHistogramData {
  return typeof value === 'object' && value !== null && 'buckets' in value;
}

/**
 * The request histogram of a `/metrics` document, summed over its label sets.
 * Only this family's lines go to the parser: prom2javascript refuses a whole document for
 * one `Nan` sample, which prom-client writes for idle event-loop gauges.
 */
export async function readRequestHistogram(exposition: string): Promise<RequestHistogram> {
  const lines = exposition
    .split('\n')
    .filter(
      (line) =>
        line.startsWith(`${requestDurationMetric}_`) ||
        line.startsWith(`# HELP ${requestDurationMetric} `) ||
        line.startsWith(`# TYPE ${requestDurationMetric} `),
    );
  const metrics = await getMetricsFromIterator(lines[Symbol.iterator]());
  const series = (metrics[requestDurationMetric]?.data ?? []).filter(isHistogramData);
  const byBound = new Map<number, number>();
  let count = 0;
  let errors = 0;
  for (const data of series) {
    count += data.count;
    if ((data.labels.http_response_status_code ?? '').startsWith('5')) {
      errors += data.count;
    }
    for (const [le, cumulative] of Object.entries(data.buckets)) {
      const bound = le === '+Inf' ? Number.POSITIVE_INFINITY : Number(le);
      byBound.set(bound, (byBound.get(bound) ?? 0) + cumulative);
    }
  }
  const buckets = [...byBound.entries()]
    .map(([le, cumulative]) => ({ le, count: cumulative }))
    .sort((a, b) => a.le - b.le);
  return { count, errors, buckets };
}

/** Subtracts two scrapes of the same counters: what happened between them. */
export function histogramDelta(
  later: RequestHistogram,
  earlier: RequestHistogram,
): RequestHistogram {
  const before = new Map(earlier.buckets.map((bucket) => [bucket.le, bucket.count]));
  return {
    count: later.count - earlier.count,
    errors: later.errors - earlier.errors,
    buckets: later.buckets.map((bucket) => ({
      le: bucket.le,
      count: bucket.count - (before.get(bucket.le) ?? 0),
    })),
  };
}

/**
 * The q-quantile of a histogram, interpolating linearly inside the bucket it falls in, as
 * Prometheus' histogram_quantile does; undefined when the histogram is empty.
 */
export function histogramQuantile(q: number, histogram: RequestHistogram): number | undefined {
  const total = histogram.buckets.at(-1)?.count ?? 0;
  if (total <= 0) {
    return undefined;
  }
  const rank = q * total;
  let lowerBound = 0;
  let lowerCount = 0;
  for (const bucket of histogram.buckets) {
    if (bucket.count >= rank) {
      if (bucket.le === Number.POSITIVE_INFINITY) {
        return lowerBound;
      }
      const inBucket = bucket.count - lowerCount;
      return inBucket > 0
        ? lowerBound + ((bucket.le - lowerBound) * (rank - lowerCount)) / inBucket
        : bucket.le;
    }
    lowerBound = bucket.le;
    lowerCount = bucket.count;
  }
  return lowerBound;
}

export interface MetricsSample {
  /** When it was scraped, in ms since the epoch. */
  at: number;
  uptimeSeconds: number;
  histogram: RequestHistogram;
}

export interface RequestFigures {
  /** `window`: between two scrapes; `since-start`: averaged over the instance's uptime. */
  basis: 'window' | 'since-start';
  windowSeconds: number;
  requests: number;
  requestsPerSecond: number;
  /** Share of requests answered with a 5xx; undefined without requests. */
  errorRatio: number | undefined;
  p95Seconds: number | undefined;
}

/**
 * Rate, error ratio and p95 between an earlier scrape and this one. Without a usable earlier
 * scrape (none yet, or the instance restarted and its counters began again) the figures are
 * averages since the instance started, and say so.
 */
export function requestFigures(
  latest: MetricsSample,
  earlier: MetricsSample | undefined,
): RequestFigures {
  const usable =
    earlier !== undefined &&
    latest.at > earlier.at &&
    latest.histogram.count >= earlier.histogram.count &&
    latest.uptimeSeconds >= earlier.uptimeSeconds;
  const histogram = usable ? histogramDelta(latest.histogram, earlier.histogram) : latest.histogram;
  const windowSeconds = usable
    ? (latest.at - earlier.at) / 1000
    : Math.max(latest.uptimeSeconds, 1);
  return {
    basis: usable ? 'window' : 'since-start',
    windowSeconds,
    requests: histogram.count,
    requestsPerSecond: histogram.count / windowSeconds,
    errorRatio: histogram.count > 0 ? histogram.errors / histogram.count : undefined,
    p95Seconds: histogramQuantile(0.95, histogram),
  };
}
