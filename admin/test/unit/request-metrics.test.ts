import { createMetrics } from '@trellis/kit';
import { describe, expect, it } from 'vitest';
import {
  histogramQuantile,
  type MetricsSample,
  readRequestHistogram,
  requestFigures,
} from '../../src/lib/request-metrics.ts';

type Status = '200' | '404' | '500' | '503';

async function scrape(observations: [route: string, status: Status, seconds: number][]) {
  const metrics = createMetrics({ service: 'users', instance: 'users-test' });
  for (const [route, status, seconds] of observations) {
    metrics.httpServerDuration.observe(
      { http_request_method: 'GET', http_route: route, http_response_status_code: status },
      seconds,
    );
  }
  return metrics.registry.metrics();
}

describe('readRequestHistogram', () => {
  it('sums every route and status of a real prom-client exposition, counting 5xx as errors', async () => {
    const text = await scrape([
      ['/v1/users/{id}', '200', 0.02],
      ['/v1/users/{id}', '200', 0.03],
      ['/v1/users', '404', 0.004],
      ['/v1/users', '500', 0.3],
      ['/v1/users', '503', 1.5],
    ]);
    const histogram = await readRequestHistogram(text);
    expect(histogram.count).toBe(5);
    expect(histogram.errors).toBe(2);
    expect(histogram.buckets.at(-1)).toEqual({ le: Number.POSITIVE_INFINITY, count: 5 });
    expect(histogram.buckets.find((bucket) => bucket.le === 0.005)?.count).toBe(1);
    expect(histogram.buckets.find((bucket) => bucket.le === 0.05)?.count).toBe(3);
  });

  it('reads an exposition whose other families hold NaN samples', async () => {
    const text = `# HELP lag Event loop lag.\n# TYPE lag gauge\nlag{service="users"} Nan\n${await scrape([['/v1/users', '200', 0.01]])}`;
    expect((await readRequestHistogram(text)).count).toBe(1);
  });

  it('answers an empty histogram for a service that served nothing yet', async () => {
    const histogram = await readRequestHistogram(await scrape([]));
    expect(histogram).toEqual({ count: 0, errors: 0, buckets: [] });
  });
});

describe('histogramQuantile', () => {
  it('interpolates inside the bucket the quantile falls in, as Prometheus does', () => {
    const histogram = {
      count: 100,
      errors: 0,
      buckets: [
        { le: 0.1, count: 50 },
        { le: 0.2, count: 90 },
        { le: 0.4, count: 100 },
        { le: Number.POSITIVE_INFINITY, count: 100 },
      ],
    };
    expect(histogramQuantile(0.5, histogram)).toBeCloseTo(0.1);
    expect(histogramQuantile(0.95, histogram)).toBeCloseTo(0.3);
  });

  it('answers the highest finite bound when the quantile lies in the +Inf bucket', () => {
    const histogram = {
      count: 2,
      errors: 0,
      buckets: [
        { le: 1, count: 1 },
        { le: Number.POSITIVE_INFINITY, count: 2 },
      ],
    };
    expect(histogramQuantile(0.95, histogram)).toBe(1);
  });

  it('has no quantile without observations', () => {
    expect(histogramQuantile(0.95, { count: 0, errors: 0, buckets: [] })).toBeUndefined();
  });
});

describe('requestFigures', () => {
  const sample = (
    at: number,
    uptimeSeconds: number,
    count: number,
    errors: number,
  ): MetricsSample => ({
    at,
    uptimeSeconds,
    histogram: {
      count,
      errors,
      buckets: [
        { le: 0.1, count },
        { le: Number.POSITIVE_INFINITY, count },
      ],
    },
  });

  it('takes rates between two scrapes', () => {
    const figures = requestFigures(sample(20_000, 120, 130, 3), sample(10_000, 110, 30, 1));
    expect(figures).toMatchObject({ basis: 'window', windowSeconds: 10, requests: 100 });
    expect(figures.requestsPerSecond).toBe(10);
    expect(figures.errorRatio).toBeCloseTo(0.02);
  });

  it('falls back to averages since start, and says so, without an earlier scrape', () => {
    const figures = requestFigures(sample(20_000, 50, 100, 0), undefined);
    expect(figures).toMatchObject({
      basis: 'since-start',
      windowSeconds: 50,
      requestsPerSecond: 2,
    });
  });

  it('does not subtract across a restart, whose counters began again', () => {
    const figures = requestFigures(sample(20_000, 5, 10, 0), sample(10_000, 300, 900, 4));
    expect(figures.basis).toBe('since-start');
    expect(figures.requests).toBe(10);
  });
});
