import {
  type Context as OtelContext,
  context as otelContext,
  type Span,
  type SpanContext,
  SpanKind,
  SpanStatusCode,
  trace,
} from '@opentelemetry/api';
import type { Context, MiddlewareHandler } from 'hono';
import { requestId } from 'hono/request-id';
import type { Logger } from './logger.ts';
import type { ServiceMetrics } from './metrics.ts';
import type { KitEnv } from './request-context.ts';
import { routeTemplate } from './route-template.ts';
import { formatTraceparent, parseTraceparent, spanIdsOf } from './trace-context.ts';

const tracer = trace.getTracer('@trellis/kit');

/** Keeps a caller's `x-request-id` when it is short and safe, else makes one; echoes it back. */
export function requestIds(): MiddlewareHandler {
  return requestId({
    headerName: 'x-request-id',
    limitLength: 200,
    generator: () => crypto.randomUUID(),
  });
}

export interface TelemetryOptions {
  logger: Logger;
  metrics: ServiceMetrics;
  /** Route templates whose successful requests are logged at debug, not info. */
  quietRoutes: ReadonlySet<string>;
  /** Paths left out of the access log and the RED histogram (health checks, scrapes). */
  unmeasuredPaths: ReadonlySet<string>;
}

interface ServerSpan {
  span: Span;
  parent: OtelContext;
  ids: SpanContext;
}

/** A server span continuing the caller's `traceparent`, with ids even when no SDK records it. */
function startServerSpan(c: Context): ServerSpan {
  const remote = parseTraceparent(c.req.header('traceparent'));
  const parent = remote ? trace.setSpanContext(otelContext.active(), remote) : otelContext.active();
  const span = tracer.startSpan(
    `${c.req.method}`,
    {
      kind: SpanKind.SERVER,
      attributes: { 'http.request.method': c.req.method, 'url.path': c.req.path },
    },
    parent,
  );
  const ids = spanIdsOf(span, remote);
  return { span, parent, ids };
}

function endServerSpan(span: Span, method: string, route: string, status: number): void {
  span.updateName(`${method} ${route}`);
  span.setAttribute('http.route', route);
  span.setAttribute('http.response.status_code', status);
  if (status >= 500) {
    span.setStatus({ code: SpanStatusCode.ERROR });
  }
  span.end();
}

/**
 * Traces every request (continuing the caller's `traceparent`), gives it a logger carrying its
 * request, trace and span ids, and once answered counts it in the RED histogram and logs it.
 */
export function requestTelemetry<Deps>(options: TelemetryOptions): MiddlewareHandler<KitEnv<Deps>> {
  const { logger, metrics, quietRoutes, unmeasuredPaths } = options;

  return async (c, next) => {
    const started = performance.now();
    const { span, parent, ids } = startServerSpan(c);
    const requestLogger = logger.child({
      requestId: c.get('requestId'),
      traceId: ids.traceId,
      spanId: ids.spanId,
    });
    c.set('traceId', ids.traceId);
    c.set('spanId', ids.spanId);
    c.set('traceparent', formatTraceparent(ids));
    c.set('logger', requestLogger);
    c.header('x-trace-id', ids.traceId);

    await otelContext.with(trace.setSpan(parent, span), next);

    const status = c.res.status;
    const route = routeTemplate(c);
    const seconds = (performance.now() - started) / 1000;
    endServerSpan(span, c.req.method, route, status);
    if (unmeasuredPaths.has(c.req.path)) {
      return;
    }
    metrics.httpServerDuration.observe(
      {
        http_request_method: c.req.method,
        http_route: route,
        http_response_status_code: String(status),
      },
      seconds,
    );
    const level = status < 400 && quietRoutes.has(route) ? 'debug' : 'info';
    requestLogger[level](
      {
        method: c.req.method,
        path: c.req.path,
        route,
        status,
        durationMs: Math.round(seconds * 100_000) / 100,
      },
      'request',
    );
  };
}
