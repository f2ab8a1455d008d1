import type { DbHandle } from '@trellis/db';
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';

export type RelayMetrics = NonNullable<ReturnType<typeof relayMetrics>>;

/** The relay's metrics in `registry`, reused when another relay registered them; null without. */
export function relayMetrics(registry: Registry | undefined, sql: DbHandle['sql']) {
  if (!registry) {
    return null;
  }
  const reuse = <T>(name: string, make: () => T): T =>
    (registry.getSingleMetric(name) as T | undefined) ?? make();
  return {
    published: reuse(
      'messaging_published_total',
      () =>
        new Counter({
          name: 'messaging_published_total',
          help: 'Events committed to the outbox and relayed, by topic.',
          labelNames: ['topic'] as const,
          registers: [registry],
        }),
    ),
    relayed: reuse(
      'messaging_relayed_total',
      () =>
        new Counter({
          name: 'messaging_relayed_total',
          help: 'Jobs added to subscription queues by the relay (one per event and subscription).',
          labelNames: ['topic'] as const,
          registers: [registry],
        }),
    ),
    batchSeconds: reuse(
      'messaging_relay_batch_seconds',
      () =>
        new Histogram({
          name: 'messaging_relay_batch_seconds',
          help: 'Duration of one relay batch (read, enqueue, mark relayed, commit).',
          buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
          registers: [registry],
        }),
    ),
    pending: reuse(
      'messaging_outbox_pending',
      () =>
        new Gauge({
          name: 'messaging_outbox_pending',
          help: 'Outbox rows not yet relayed.',
          registers: [registry],
          async collect() {
            const [row] = await sql<{ n: number }[]>`
              select count(*)::int as n from outbox where published_at is null`;
            this.set(row?.n ?? 0);
          },
        }),
    ),
  };
}
