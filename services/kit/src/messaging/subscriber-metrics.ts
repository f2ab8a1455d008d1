import { Counter, Gauge, Histogram, type Registry } from 'prom-client';

export type HandledOutcome = 'handled' | 'skipped' | 'failed' | 'dead' | 'parked';

export interface SubscriberMetrics {
  handled: Counter<'subscription' | 'outcome'>;
  handlerSeconds: Histogram<'subscription'>;
  lagSeconds: Gauge<'subscription'>;
  deadLetters: Gauge<'subscription'>;
}

const handlerBuckets = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

/**
 * The subscriptions' metrics in the registry given, or in a private one. Several subscribers
 * may share a registry (one per service, tests with many): a metric already there is reused.
 */
export function subscriberMetrics(registry?: Registry): SubscriberMetrics {
  const registers = registry ? [registry] : [];
  const existing = <M>(name: string) => registry?.getSingleMetric(name) as M | undefined;
  return {
    handled:
      existing<Counter<'subscription' | 'outcome'>>('messaging_handled_total') ??
      new Counter({
        name: 'messaging_handled_total',
        help: 'Events taken by a subscription, by outcome (handled, skipped, failed, dead, parked).',
        labelNames: ['subscription', 'outcome'] as const,
        registers,
      }),
    handlerSeconds:
      existing<Histogram<'subscription'>>('messaging_handler_seconds') ??
      new Histogram({
        name: 'messaging_handler_seconds',
        help: 'Time a subscription spent on one attempt at an event, its transaction included.',
        labelNames: ['subscription'] as const,
        buckets: handlerBuckets,
        registers,
      }),
    lagSeconds:
      existing<Gauge<'subscription'>>('messaging_lag_seconds') ??
      new Gauge({
        name: 'messaging_lag_seconds',
        help: 'Age of the oldest event waiting in a subscription queue (sampled every 5 s).',
        labelNames: ['subscription'] as const,
        registers,
      }),
    deadLetters:
      existing<Gauge<'subscription'>>('messaging_dead_letters') ??
      new Gauge({
        name: 'messaging_dead_letters',
        help: 'Dead letters of a subscription waiting for an operator.',
        labelNames: ['subscription'] as const,
        registers,
      }),
  };
}
