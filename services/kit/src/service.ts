import { swaggerUI } from '@hono/swagger-ui';
import { OpenAPIHono } from '@hono/zod-openapi';
import { context as otelContext, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import type { Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { contextStorage } from 'hono/context-storage';
import { HTTPException } from 'hono/http-exception';
import { requestId } from 'hono/request-id';
import { ApiError } from './errors.ts';
import type { Logger } from './logger.ts';
import { createMetrics, type ServiceMetrics } from './metrics.ts';
import { internalError, problemContentType, statusToCode, toProblem } from './problem.ts';
import type { KitEnv } from './request-context.ts';
import { createResilience, type Resilience } from './resilience/engine.ts';
import { inboundProtection } from './resilience/inbound.ts';
import { registerResilienceMetrics } from './resilience/metrics.ts';
import { HISTORY_SECONDS } from './resilience/sliding-window.ts';
import { routeTemplate } from './route-template.ts';
import {
  formatTraceparent,
  parseTraceparent,
  randomSpanId,
  randomTraceId,
} from './trace-context.ts';
import { validationHook } from './validation.ts';

export type ReadinessCheck = () => Promise<unknown>;

export interface ServiceOptions<Deps> {
  name: string;
  version: string;
  instanceId: string;
  description: string;
  logger: Logger;
  deps: Deps;
  /** Named checks behind `/readyz`, e.g. `{ database: () => db.ping() }`. */
  readiness?: Record<string, ReadinessCheck>;
  /** Largest accepted request body; bigger ones get 413. */
  maxBodyBytes?: number;
  /**
   * Route templates whose successful requests are logged at debug, not info: machine chatter
   * such as heartbeats that would drown the access log.
   */
  quietRoutes?: readonly string[];
  /**
   * The service's resilience engine, shared with its typed clients and fed by the
   * `resilience` config key; a fresh one with no rules when omitted.
   */
  resilience?: Resilience;
  /**
   * Guard inbound routes with the engine (default true); off leaves the routes unguarded and
   * uncounted, for benchmarks and for services fronted by a gateway that does it.
   */
  protect?: boolean;
  now?: () => Date;
}

export type ServiceApp<Deps> = OpenAPIHono<KitEnv<Deps>>;

export interface ServiceInfo {
  name: string;
  version: string;
  instanceId: string;
  metrics: ServiceMetrics;
  resilience: Resilience;
  documentConfig: Parameters<OpenAPIHono['getOpenAPI31Document']>[0];
}

const serviceInfo = new WeakMap<object, ServiceInfo>();

export function infoOf(app: object): ServiceInfo {
  const info = serviceInfo.get(app);
  if (!info) {
    throw new Error('not an app made by createService()');
  }
  return info;
}

/** The OpenAPI 3.1 document of a service, exactly as `/openapi.json` serves it. */
export function openApiDocumentOf(app: {
  getOpenAPI31Document: OpenAPIHono['getOpenAPI31Document'];
}) {
  return app.getOpenAPI31Document(infoOf(app).documentConfig);
}

/** A router for one resource; shares the validation hook so bad input is always a 400 problem. */
export function createRouter<Deps>(): ServiceApp<Deps> {
  return new OpenAPIHono<KitEnv<Deps>>({ defaultHook: validationHook });
}

const tracer = trace.getTracer('@trellis/kit');
const platformPaths = new Set([
  '/healthz',
  '/readyz',
  '/metrics',
  '/openapi.json',
  '/docs',
  '/resilience',
]);

/** Answers with a problem document, keeping headers already set (request and trace ids). */
function problemBody(c: Context, error: ApiError): Response {
  const problem = toProblem(error, { instance: c.req.path, traceId: c.get('traceId') });
  for (const [header, value] of Object.entries(error.headers)) {
    c.header(header, value);
  }
  c.header('content-type', problemContentType);
  return c.body(JSON.stringify(problem), error.status);
}

function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) {
    return error;
  }
  if (error instanceof HTTPException) {
    const status = error.status;
    if (status === 400 && /json/i.test(error.message)) {
      return new ApiError('bad_request', {
        detail: 'The request body is not valid JSON.',
        errors: [{ in: 'body', path: '', message: 'is not valid JSON' }],
      });
    }
    if (status === 415) {
      return new ApiError('unsupported_media_type', {
        detail: 'The request body must be sent as application/json.',
        errors: [{ in: 'header', path: 'content-type', message: 'must be application/json' }],
      });
    }
    return new ApiError(statusToCode(status), { detail: error.message || `HTTP ${status}` });
  }
  return internalError(error);
}

/**
 * Creates a service app with the platform's middleware: request id, trace context, access
 * logs, RED metrics, problem+json errors, health, readiness, metrics and the OpenAPI document.
 */
export function createService<Deps>(options: ServiceOptions<Deps>): ServiceApp<Deps> {
  const { name, version, instanceId, logger, deps } = options;
  const now = options.now ?? (() => new Date());
  const startedAt = now();
  const metrics = createMetrics({ service: name, instance: instanceId });
  const quietRoutes = new Set(options.quietRoutes ?? []);
  const resilience = options.resilience ?? createResilience();
  resilience.useLogger(logger);
  registerResilienceMetrics(metrics.registry, resilience);
  const app = new OpenAPIHono<KitEnv<Deps>>({ defaultHook: validationHook });

  app.use(contextStorage());
  app.use(
    requestId({
      headerName: 'x-request-id',
      limitLength: 200,
      generator: () => crypto.randomUUID(),
    }),
  );
  app.use(async (c, next) => {
    const started = performance.now();
    const remote = parseTraceparent(c.req.header('traceparent'));
    const parent = remote
      ? trace.setSpanContext(otelContext.active(), remote)
      : otelContext.active();
    const span = tracer.startSpan(
      `${c.req.method}`,
      {
        kind: SpanKind.SERVER,
        attributes: { 'http.request.method': c.req.method, 'url.path': c.req.path },
      },
      parent,
    );
    let spanContext = span.spanContext();
    // Without an OpenTelemetry SDK the span is a no-op echoing its parent; keep our own ids
    // so logs, problems and outgoing calls still carry a trace.
    if (!span.isRecording()) {
      spanContext = {
        traceId: remote?.traceId ?? randomTraceId(),
        spanId: randomSpanId(),
        traceFlags: remote?.traceFlags ?? 0,
      };
    }
    const requestLogger = logger.child({
      requestId: c.get('requestId'),
      traceId: spanContext.traceId,
      spanId: spanContext.spanId,
    });
    c.set('traceId', spanContext.traceId);
    c.set('spanId', spanContext.spanId);
    c.set('traceparent', formatTraceparent(spanContext));
    c.set('logger', requestLogger);
    c.set('deps', deps);
    c.header('x-trace-id', spanContext.traceId);

    await otelContext.with(trace.setSpan(parent, span), next);

    const status = c.res.status;
    const route = routeTemplate(c);
    const seconds = (performance.now() - started) / 1000;
    span.updateName(`${c.req.method} ${route}`);
    span.setAttribute('http.route', route);
    span.setAttribute('http.response.status_code', status);
    if (status >= 500) {
      span.setStatus({ code: SpanStatusCode.ERROR });
    }
    span.end();
    if (!platformPaths.has(c.req.path)) {
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
    }
  });
  const maxBodyBytes = options.maxBodyBytes ?? 1024 * 1024;
  const limitBody = bodyLimit({
    maxSize: maxBodyBytes,
    onError: () => {
      throw new ApiError('payload_too_large', {
        detail: `The request body is larger than ${maxBodyBytes} bytes.`,
      });
    },
  });
  // GET and HEAD carry no body; skipping the limit there spares Node's adapter from
  // materialising a full Request on the hottest path.
  app.use((c, next) =>
    c.req.method === 'GET' || c.req.method === 'HEAD' ? next() : limitBody(c, next),
  );
  if (options.protect !== false) {
    app.use(inboundProtection(resilience, platformPaths));
  }

  app.onError((error, c) => {
    const apiError = toApiError(error);
    const log = c.get('logger') ?? logger;
    if (apiError.status >= 500) {
      log.error({ err: error }, 'request failed');
    } else {
      log.debug({ code: apiError.code, detail: apiError.detail }, 'request refused');
    }
    return problemBody(c, apiError);
  });
  app.notFound((c) =>
    problemBody(
      c,
      new ApiError('not_found', { detail: `No route for ${c.req.method} ${c.req.path}.` }),
    ),
  );

  app.get('/healthz', (c) =>
    c.json({
      status: 'ok',
      service: name,
      version,
      instance: instanceId,
      startedAt: startedAt.toISOString(),
      uptimeSeconds: Math.round((now().getTime() - startedAt.getTime()) / 1000),
    }),
  );
  app.get('/readyz', async (c) => {
    const checks: Record<string, string> = {};
    let ready = true;
    for (const [check, run] of Object.entries(options.readiness ?? {})) {
      try {
        await run();
        checks[check] = 'ok';
      } catch (error) {
        ready = false;
        checks[check] = error instanceof Error ? error.message : 'failed';
      }
    }
    return c.json(
      {
        status: ready ? 'ready' : 'unavailable',
        service: name,
        version,
        instance: instanceId,
        checks,
      },
      ready ? 200 : 503,
    );
  });
  app.get('/metrics', async (c) => {
    const body = await metrics.registry.metrics();
    return c.body(body, 200, { 'content-type': metrics.registry.contentType });
  });

  app.get('/resilience', (c) => {
    const text = c.req.query('seconds');
    const seconds = text === undefined ? HISTORY_SECONDS : Number(text);
    if (!Number.isInteger(seconds) || seconds < 1 || seconds > HISTORY_SECONDS) {
      throw new ApiError('bad_request', {
        detail: 'The query parameter seconds is out of range.',
        errors: [
          {
            in: 'query',
            path: 'seconds',
            message: `must be an integer from 1 to ${HISTORY_SECONDS}`,
          },
        ],
      });
    }
    return c.json(resilience.view(name, instanceId, seconds));
  });

  const documentConfig: ServiceInfo['documentConfig'] = {
    openapi: '3.1.0',
    info: { title: `Trellis ${name} service`, version, description: options.description },
    servers: [{ url: '/', description: 'This service' }],
  };
  app.doc31('/openapi.json', documentConfig);
  app.get('/docs', swaggerUI({ url: '/openapi.json', title: `Trellis ${name} API` }));

  serviceInfo.set(app, { name, version, instanceId, metrics, resilience, documentConfig });
  return app;
}
