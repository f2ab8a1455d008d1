import type { OpenAPIHono } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import { apiReferencePaths, registerApiReference } from './api-reference.ts';
import { ApiError } from './errors.ts';
import { callerOfRequest } from './identity/access.ts';
import { unauthorized } from './identity/identify.ts';
import type { ServiceMetrics } from './metrics.ts';
import type { KitEnv } from './request-context.ts';
import type { Resilience } from './resilience/engine.ts';
import { HISTORY_SECONDS } from './resilience/sliding-window.ts';

export type ReadinessCheck = () => Promise<unknown>;

/**
 * Paths every service answers for the platform rather than for its callers: never guarded by
 * the resilience engine, never in the access log or the RED histogram.
 */
export const platformPaths: ReadonlySet<string> = new Set([
  '/healthz',
  '/readyz',
  '/metrics',
  '/openapi.json',
  '/resilience',
  ...apiReferencePaths,
]);

export interface PlatformRoutesOptions {
  name: string;
  version: string;
  instanceId: string;
  startedAt: Date;
  now: () => Date;
  readiness: Record<string, ReadinessCheck>;
  metrics: ServiceMetrics;
  resilience: Resilience;
  documentConfig: Parameters<OpenAPIHono['getOpenAPI31Document']>[0];
  /** Served at `/openapi.json` instead of the document the routes make, when given. */
  document?: (() => unknown) | undefined;
}

type ServiceRoutes<Deps> = OpenAPIHono<KitEnv<Deps>>;

function registerHealth<Deps>(app: ServiceRoutes<Deps>, options: PlatformRoutesOptions) {
  const { name, version, instanceId, startedAt, now, readiness } = options;
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
    for (const [check, run] of Object.entries(readiness)) {
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
}

/**
 * `/metrics` and `/resilience` show every rule, threshold and route: for Prometheus (the
 * metrics token) and the platform's services, nobody else.
 */
const operationsOnly: MiddlewareHandler = async (c, next) => {
  const caller = callerOfRequest(c);
  if (caller.metrics || caller.service) {
    return next();
  }
  if (caller.user) {
    throw new ApiError('forbidden', {
      detail: 'Only the metrics token or a service token may read this.',
    });
  }
  throw unauthorized('Send the metrics token or a service token as a bearer.', false);
};

function registerFigures<Deps>(app: ServiceRoutes<Deps>, options: PlatformRoutesOptions) {
  const { name, instanceId, metrics, resilience } = options;
  app.use('/metrics', operationsOnly);
  app.use('/resilience', operationsOnly);
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
}

/**
 * The routes every service answers for the platform: health and readiness, Prometheus metrics,
 * the live resilience view, the OpenAPI document and its API reference.
 */
export function registerPlatformRoutes<Deps>(
  app: ServiceRoutes<Deps>,
  options: PlatformRoutesOptions,
): void {
  registerHealth(app, options);
  registerFigures(app, options);
  const { document } = options;
  if (document) {
    app.get('/openapi.json', (c) => c.json(document()));
  } else {
    app.doc31('/openapi.json', options.documentConfig);
  }
  registerApiReference(app, `Trellis ${options.name} API`);
}
