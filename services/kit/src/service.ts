import { OpenAPIHono } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { contextStorage } from 'hono/context-storage';
import { answerErrorsAsProblems } from './error-handling.ts';
import { ApiError } from './errors.ts';
import { createIdentify, type IdentitySettings, identifyCallers } from './identity/identify.ts';
import type { Logger } from './logger.ts';
import { createMetrics, type ServiceMetrics } from './metrics.ts';
import { platformPaths, type ReadinessCheck, registerPlatformRoutes } from './platform-routes.ts';
import type { KitEnv } from './request-context.ts';
import { createResilience, type Resilience } from './resilience/engine.ts';
import { inboundProtection } from './resilience/inbound.ts';
import { registerResilienceMetrics } from './resilience/metrics.ts';
import { bearerScheme } from './route.ts';
import { requestIds, requestTelemetry } from './telemetry.ts';
import { validationHook } from './validation.ts';

export type { ReadinessCheck } from './platform-routes.ts';

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
  /**
   * The document `/openapi.json` serves in place of the one the routes make: the gateway's,
   * merged from the contracts of the services it routes to.
   */
  document?: () => OpenApiDocument;
  /**
   * How callers' credentials are checked: users' JWKS, the services' trust set, the metrics
   * token. Without it no credential verifies and only public routes answer.
   */
  identity?: IdentitySettings;
  /** An edge service's own middleware, at the two places the kit leaves for it. */
  edge?: EdgeMiddleware;
  /** The metrics `/metrics` serves; made here when the caller has none to share. */
  metrics?: ServiceMetrics;
  now?: () => Date;
}

/**
 * Where an edge service (the gateway) handles outside callers: `first` runs before anything
 * may refuse the call, so refusals carry what it adds (CORS); `identified` once the kit has
 * verified the caller's credentials and before the resilience engine, so what it adds to the
 * caller (a verified API key) is what caller-keyed rules count.
 */
export interface EdgeMiddleware {
  first?: readonly MiddlewareHandler[];
  identified?: readonly MiddlewareHandler[];
}

/** An OpenAPI 3.1 document, as `/openapi.json` serves it. */
export type OpenApiDocument = ReturnType<OpenAPIHono['getOpenAPI31Document']>;

export type ServiceApp<Deps> = OpenAPIHono<KitEnv<Deps>>;

export interface ServiceInfo {
  name: string;
  version: string;
  instanceId: string;
  metrics: ServiceMetrics;
  resilience: Resilience;
  documentConfig: Parameters<OpenAPIHono['getOpenAPI31Document']>[0];
  document: (() => OpenApiDocument) | undefined;
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
}): OpenApiDocument {
  const info = infoOf(app);
  return info.document?.() ?? app.getOpenAPI31Document(info.documentConfig);
}

/** A router for one resource; shares the validation hook so bad input is always a 400 problem. */
export function createRouter<Deps>(): ServiceApp<Deps> {
  return new OpenAPIHono<KitEnv<Deps>>({ defaultHook: validationHook });
}

/** Refuses bodies over `maxBytes` with a 413 problem. */
function limitBodies(maxBytes: number): MiddlewareHandler {
  const limitBody = bodyLimit({
    maxSize: maxBytes,
    onError: () => {
      throw new ApiError('payload_too_large', {
        detail: `The request body is larger than ${maxBytes} bytes.`,
      });
    },
  });
  // GET and HEAD carry no body; skipping the limit there spares Node's adapter from
  // materialising a full Request on the hottest path.
  return (c, next) =>
    c.req.method === 'GET' || c.req.method === 'HEAD' ? next() : limitBody(c, next);
}

/**
 * Creates a service app with the platform's middleware: request id, trace context, access
 * logs, RED metrics, problem+json errors, health, readiness, metrics and the OpenAPI document.
 */
export function createService<Deps>(options: ServiceOptions<Deps>): ServiceApp<Deps> {
  const { name, version, instanceId, logger, deps } = options;
  const now = options.now ?? (() => new Date());
  const metrics = options.metrics ?? createMetrics({ service: name, instance: instanceId });
  const resilience = options.resilience ?? createResilience();
  resilience.useLogger(logger);
  registerResilienceMetrics(metrics.registry, resilience);
  const app = new OpenAPIHono<KitEnv<Deps>>({ defaultHook: validationHook });

  app.use(contextStorage());
  app.use(requestIds());
  app.use(
    requestTelemetry<Deps>({
      logger,
      metrics,
      quietRoutes: new Set(options.quietRoutes ?? []),
      unmeasuredPaths: platformPaths,
    }),
  );
  app.use((c, next) => {
    c.set('deps', deps);
    return next();
  });
  for (const middleware of options.edge?.first ?? []) {
    app.use(middleware);
  }
  app.use(limitBodies(options.maxBodyBytes ?? 1024 * 1024));
  app.use(identifyCallers(createIdentify(name, options.identity ?? {})));
  for (const middleware of options.edge?.identified ?? []) {
    app.use(middleware);
  }
  if (options.protect !== false) {
    app.use(inboundProtection(resilience, platformPaths));
  }
  answerErrorsAsProblems(app, logger);

  const documentConfig: ServiceInfo['documentConfig'] = {
    openapi: '3.1.0',
    info: { title: `Trellis ${name} service`, version, description: options.description },
    servers: [{ url: '/', description: 'This service' }],
  };
  app.openAPIRegistry.registerComponent('securitySchemes', bearerScheme, {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
    description:
      "A user's access token from the users service, or a service's own token; see the route's " +
      '`x-trellis-access` for who may call it.',
  });
  registerPlatformRoutes(app, {
    name,
    version,
    instanceId,
    startedAt: now(),
    now,
    readiness: options.readiness ?? {},
    metrics,
    resilience,
    documentConfig,
    document: options.document,
  });
  serviceInfo.set(app, {
    name,
    version,
    instanceId,
    metrics,
    resilience,
    documentConfig,
    document: options.document,
  });
  return app;
}
