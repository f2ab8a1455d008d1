import { beforeAll, describe, expect, it } from 'vitest';
import { httpDurationBuckets } from '../src/index.ts';
import { createTestIdentity, type TestIdentity } from '../src/testing.ts';
import { createTestService } from './test-service.ts';

let identity: TestIdentity;

beforeAll(async () => {
  identity = await createTestIdentity();
});

/** The test service, checking credentials as every service does, so the scrape can get in. */
function serviceWithMetrics() {
  return createTestService({ identity: identity.settings });
}

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** Parses the Prometheus text exposition format, enough for these assertions. */
function parseSamples(text: string): Sample[] {
  const samples: Sample[] = [];
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match) {
      continue;
    }
    const [, name = '', labelText = '', value = ''] = match;
    const labels: Record<string, string> = {};
    for (const [, key = '', labelValue = ''] of labelText.matchAll(/(\w+)="([^"]*)"/g)) {
      labels[key] = labelValue;
    }
    samples.push({ name, labels, value: Number(value) });
  }
  return samples;
}

async function scrape(app: ReturnType<typeof createTestService>['app']) {
  const res = await app.request('/metrics', {
    headers: { authorization: `Bearer ${identity.metricsToken}` },
  });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
  return { text: await res.clone().text(), samples: parseSamples(await res.text()) };
}

const durationCount = 'http_server_request_duration_seconds_count';

describe('/metrics', () => {
  it('exposes the default Node.js process metrics with the service and instance labels', async () => {
    const { app } = serviceWithMetrics();
    const { samples } = await scrape(app);
    const names = new Set(samples.map((s) => s.name));
    for (const name of [
      'process_cpu_user_seconds_total',
      'process_resident_memory_bytes',
      'nodejs_eventloop_lag_seconds',
      'nodejs_heap_size_used_bytes',
    ]) {
      expect(names).toContain(name);
    }
    const cpu = samples.find((s) => s.name === 'process_cpu_user_seconds_total');
    expect(cpu?.labels).toMatchObject({ service: 'things', instance: 'things-1' });
  });

  it('records request durations by method, route template and status code', async () => {
    const { app } = serviceWithMetrics();
    await app.request('/v1/things/abc');
    await app.request('/v1/things/xyz');
    await app.request('/v1/things/no');
    await app.request('/v1/boom');
    const { samples } = await scrape(app);
    const counts = samples.filter((s) => s.name === durationCount);
    expect(counts.map((s) => ({ ...s.labels, count: s.value }))).toEqual(
      expect.arrayContaining([
        {
          service: 'things',
          instance: 'things-1',
          http_request_method: 'GET',
          http_route: '/v1/things/{id}',
          http_response_status_code: '200',
          count: 2,
        },
        expect.objectContaining({
          http_route: '/v1/things/{id}',
          http_response_status_code: '400',
          count: 1,
        }),
        expect.objectContaining({
          http_route: '/v1/boom',
          http_response_status_code: '500',
          count: 1,
        }),
      ]),
    );
    expect(counts.map((s) => s.labels.http_route)).not.toContain('/v1/things/abc');
  });

  it('labels requests no route matched as unmatched, so paths cannot explode the series', async () => {
    const { app } = serviceWithMetrics();
    await app.request('/wp-admin/setup.php');
    await app.request('/v1/things/abc/extra');
    const { samples } = await scrape(app);
    const unmatched = samples.find(
      (s) => s.name === durationCount && s.labels.http_route === 'unmatched',
    );
    expect(unmatched?.labels.http_response_status_code).toBe('404');
    expect(unmatched?.value).toBe(2);
  });

  it('uses the bucket boundaries of the OpenTelemetry HTTP conventions', async () => {
    const { app } = serviceWithMetrics();
    await app.request('/v1/things/abc');
    const { samples } = await scrape(app);
    const bounds = samples
      .filter((s) => s.name === 'http_server_request_duration_seconds_bucket')
      .map((s) => s.labels.le);
    expect(bounds).toEqual([
      '0.005',
      '0.01',
      '0.025',
      '0.05',
      '0.075',
      '0.1',
      '0.25',
      '0.5',
      '0.75',
      '1',
      '2.5',
      '5',
      '7.5',
      '10',
      '+Inf',
    ]);
    expect(httpDurationBuckets).toHaveLength(14);
  });

  it('does not record its own platform endpoints', async () => {
    const { app } = serviceWithMetrics();
    await app.request('/healthz');
    await app.request('/readyz');
    await app.request('/openapi.json');
    await scrape(app);
    const { text } = await scrape(app);
    expect(text).not.toContain(`${durationCount}{`);
  });
});
