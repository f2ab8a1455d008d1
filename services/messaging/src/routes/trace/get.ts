import { createRoute, errorResponses, jsonResponse, type ServiceApp } from '@trellis/kit';
import type { MessagingDeps } from '../../deps.ts';
import { type TraceRow, traceEventIds, traceOf } from '../../repository.ts';
import { type TracedEvent, TraceQuerySchema, TraceSchema } from './schema.ts';

const defaultRangeMs = 3600_000;

export const getTraceRoute = createRoute({
  method: 'get',
  path: '/v1/trace',
  operationId: 'trace.get',
  tags: ['trace'],
  summary: 'The message trace: an event’s commit, relay and every attempt, by id, key or topic',
  access: { role: 'operator' },
  request: { query: TraceQuerySchema },
  responses: {
    200: jsonResponse(TraceSchema, 'The events found with their stages.'),
    ...errorResponses(),
  },
});

function presentStage(row: TraceRow) {
  return {
    stage: row.stage,
    subscription: row.subscription,
    attempt: row.attempt,
    at: row.at.toISOString(),
    durationMs: row.durationMs,
    error: row.error,
    actor: row.actor,
  };
}

export function registerGetTrace(app: ServiceApp<MessagingDeps>) {
  app.openapi(getTraceRoute, async (c) => {
    const { db, now } = c.get('deps');
    const query = c.req.valid('query');
    const to = query.to ? new Date(query.to) : now();
    const from = query.from ? new Date(query.from) : new Date(to.getTime() - defaultRangeMs);
    const ids = await traceEventIds(db, { ...query, from, to });
    const { events, stages } = await traceOf(db, ids);
    const committed = new Map(events.map((event) => [event.id, event]));
    const items: TracedEvent[] = [];
    for (const id of ids) {
      const event = committed.get(id);
      const own = stages.filter((stage) => stage.eventId === id);
      const first = own[0];
      if (event === undefined && first === undefined) {
        continue;
      }
      const relayed = own.find((stage) => stage.stage === 'relayed');
      items.push({
        eventId: id,
        topic: event?.topic ?? first?.topic ?? '',
        key: event?.key ?? first?.key ?? null,
        committedAt:
          event?.occurredAt.toISOString() ??
          own.find((stage) => stage.stage === 'committed')?.at.toISOString() ??
          null,
        relayedAt: (event?.publishedAt ?? relayed?.at)?.toISOString() ?? null,
        stages: own.map(presentStage),
      });
    }
    return c.json({ items }, 200);
  });
}
