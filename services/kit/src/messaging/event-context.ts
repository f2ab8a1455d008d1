import {
  context as otelContext,
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  trace,
} from '@opentelemetry/api';
import type { Context } from 'hono';
import { contextStorage } from 'hono/context-storage';
import type { Logger } from '../logger.ts';
import { formatTraceparent, parseTraceparent, spanIdsOf } from '../trace-context.ts';
import type { EventEnvelope } from './envelope.ts';

const tracer = trace.getTracer('@trellis/kit');
const runInContextStorage = contextStorage();

export interface EventScope {
  subscription: string;
  queue: string;
  group: string;
  attempt: number;
}

/**
 * Runs a handler inside its event's trace: a consumer span continuing the `traceparent` the
 * publishing request left in the envelope, a logger bound to its trace, span, request and event
 * ids, and a request-like context so `propagationHeaders()` (and so `publish` and the service
 * clients) carry the same trace onward from inside the handler.
 */
export async function runInEventContext<T>(
  envelope: EventEnvelope,
  scope: EventScope,
  baseLogger: Logger,
  work: (logger: Logger) => Promise<T>,
): Promise<T> {
  const remote = parseTraceparent(envelope.headers?.traceparent);
  const parent = remote ? trace.setSpanContext(ROOT_CONTEXT, remote) : ROOT_CONTEXT;
  const span = tracer.startSpan(
    `${envelope.topic} process`,
    {
      kind: SpanKind.CONSUMER,
      attributes: {
        'messaging.system': 'bullmq',
        'messaging.operation.type': 'process',
        'messaging.destination.name': scope.queue,
        'messaging.consumer.group.name': scope.group,
        'messaging.message.id': envelope.id,
        'messaging.delivery.attempt': scope.attempt,
      },
    },
    parent,
  );
  const ids = spanIdsOf(span, remote);
  const requestId = envelope.headers?.['x-request-id'] ?? `event:${envelope.id}`;
  const logger = baseLogger.child({
    subscription: scope.subscription,
    eventId: envelope.id,
    topic: envelope.topic,
    attempt: scope.attempt,
    requestId,
    traceId: ids.traceId,
    spanId: ids.spanId,
  });
  const variables: Record<string, unknown> = {
    traceparent: formatTraceparent(ids),
    requestId,
    traceId: ids.traceId,
    spanId: ids.spanId,
    logger,
  };
  const requestLike = { get: (name: string) => variables[name], var: variables };
  let result: T | undefined;
  try {
    await otelContext.with(trace.setSpan(parent, span), () =>
      runInContextStorage(requestLike as unknown as Context, async () => {
        result = await work(logger);
      }),
    );
    return result as T;
  } catch (error) {
    span.setStatus({ code: SpanStatusCode.ERROR, message: errorText(error) });
    throw error;
  } finally {
    span.end();
  }
}

/** An error's message for traces and dead letters, bounded. */
export function errorText(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return text.length > 2000 ? `${text.slice(0, 2000)}…` : text;
}
