import { createRoute as createOpenApiRoute, type RouteConfig } from '@hono/zod-openapi';
import { bodyRouteCodes, errorResponses } from './error-responses.ts';

/**
 * `createRoute` of @hono/zod-openapi, completing the route's documented errors so none can be
 * forgotten: those every route can answer (see `errorResponses`), and 413 and 415 when it takes
 * a body. What the route declares itself wins.
 */
export function createRoute<P extends string, R extends Omit<RouteConfig, 'path'> & { path: P }>(
  config: R,
) {
  const platform = errorResponses(...(config.request?.body ? bodyRouteCodes : []));
  return createOpenApiRoute<P, R>({
    ...config,
    responses: { ...platform, ...config.responses },
  });
}
