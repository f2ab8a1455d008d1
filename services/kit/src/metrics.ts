import { collectDefaultMetrics, Histogram, Registry } from 'prom-client';

/** Bucket boundaries the OpenTelemetry HTTP semantic conventions recommend, in seconds. */
export const httpDurationBuckets = [
  0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10,
];

export interface ServiceMetrics {
  registry: Registry;
  httpServerDuration: Histogram<'http_request_method' | 'http_route' | 'http_response_status_code'>;
}

export function createMetrics(labels: { service: string; instance: string }): ServiceMetrics {
  const registry = new Registry();
  registry.setDefaultLabels(labels);
  collectDefaultMetrics({ register: registry });
  const httpServerDuration = new Histogram({
    name: 'http_server_request_duration_seconds',
    help: 'Duration of HTTP server requests.',
    labelNames: ['http_request_method', 'http_route', 'http_response_status_code'] as const,
    buckets: httpDurationBuckets,
    registers: [registry],
  });
  return { registry, httpServerDuration };
}
