import { createRoute, errorResponses, jsonResponse, type ServiceApp } from '@trellis/kit';
import type { MessagingDeps, QueueCounts } from '../../deps.ts';
import {
  deadLetterCounts,
  listSubscriptions,
  outcomeCounts,
  type SubscriptionRow,
} from '../../repository.ts';
import { SubscriptionListSchema, type SubscriptionView } from './schema.ts';

const rateWindowSeconds = 60;

export const listSubscriptionsRoute = createRoute({
  method: 'get',
  path: '/v1/subscriptions',
  operationId: 'subscriptions.list',
  tags: ['subscriptions'],
  summary: 'Every subscription with its queue, lag, rates and dead letters',
  access: { role: 'operator' },
  responses: {
    200: jsonResponse(SubscriptionListSchema, 'The subscriptions, by id.'),
    ...errorResponses(),
  },
});

function present(
  row: SubscriptionRow,
  counts: QueueCounts | undefined,
  now: Date,
  dead: number,
  outcomes: { handled: number; failed: number },
): SubscriptionView {
  const oldest = counts?.oldestWaitingAt;
  return {
    id: row.id,
    topic: row.topic,
    group: row.group,
    service: row.service,
    mode: row.mode,
    ordered: row.ordered,
    queue: row.queue,
    options: row.options,
    seenAt: row.seenAt.toISOString(),
    waiting: counts?.waiting ?? null,
    active: counts?.active ?? null,
    delayed: counts?.delayed ?? null,
    failed: counts?.failed ?? null,
    lagSeconds:
      counts === undefined
        ? null
        : oldest
          ? Math.max(0, (now.getTime() - oldest.getTime()) / 1000)
          : 0,
    deadLetters: dead,
    processedPerSecond: outcomes.handled / rateWindowSeconds,
    failedPerSecond: outcomes.failed / rateWindowSeconds,
  };
}

export function registerListSubscriptions(app: ServiceApp<MessagingDeps>) {
  app.openapi(listSubscriptionsRoute, async (c) => {
    const { db, now, queues, logger } = { ...c.get('deps'), logger: c.get('logger') };
    const at = now();
    const [rows, dead, outcomes] = await Promise.all([
      listSubscriptions(db),
      deadLetterCounts(db),
      outcomeCounts(db, new Date(at.getTime() - rateWindowSeconds * 1000)),
    ]);
    // Queue figures are best effort: Redis down still lists the subscriptions and dead letters.
    const counts = await Promise.all(
      rows.map((row) =>
        queues?.counts(row.queue).catch((error: unknown) => {
          logger.warn({ err: error, queue: row.queue }, 'queue counts unavailable');
          return undefined;
        }),
      ),
    );
    const items = rows.map((row, index) =>
      present(
        row,
        counts[index],
        at,
        dead.get(row.id) ?? 0,
        outcomes.get(row.id) ?? { handled: 0, failed: 0 },
      ),
    );
    return c.json({ items }, 200);
  });
}
