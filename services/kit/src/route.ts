import { createRoute as createOpenApiRoute, type RouteConfig } from '@hono/zod-openapi';
import { bodyRouteCodes, errorResponses } from './error-responses.ts';
import { type Access, accessGuard } from './identity/access.ts';

/** Where a route's declared access is kept in the OpenAPI document. */
export const accessExtension = 'x-trellis-access';

/** The scheme every non-public route's `security` names. */
export const bearerScheme = 'bearerAuth';

function securityOf(access: Access): Record<string, string[]>[] {
  return access.public ? [{}, { [bearerScheme]: [] }] : [{ [bearerScheme]: [] }];
}

/**
 * `createRoute` of @hono/zod-openapi with who may call it (`access`, required: default deny)
 * enforced before its input is read and documented as `security` and `x-trellis-access`, and
 * with the route's documented errors completed so none can be forgotten: those every route can
 * answer (see `errorResponses`), 401 and 403, and 413 and 415 when it takes a body. What the
 * route declares itself wins.
 */
export function createRoute<
  P extends string,
  R extends Omit<RouteConfig, 'path'> & { path: P; access: Access },
>(config: R) {
  const { access, middleware, ...route } = config;
  const codes = [
    ...(config.request?.body ? bodyRouteCodes : []),
    'unauthorized' as const,
    ...(access.public && !access.role && !access.owner ? [] : ['forbidden' as const]),
  ];
  const platform = errorResponses(...codes);
  const own = middleware ? (Array.isArray(middleware) ? middleware : [middleware]) : [];
  return createOpenApiRoute({
    ...route,
    security: securityOf(access),
    [accessExtension]: access,
    middleware: [accessGuard(access), ...own],
    responses: { ...platform, ...config.responses },
  } as unknown as R) as ReturnType<typeof createOpenApiRoute<P, R>>;
}

interface RegisteredRoutes {
  openAPIRegistry: { definitions: readonly { type: string; route?: Record<string, unknown> }[] };
}

/** Throws naming every documented route that does not declare its access. */
export function assertAccessDeclared(app: RegisteredRoutes): void {
  const undeclared = app.openAPIRegistry.definitions
    .filter((definition) => definition.type === 'route' && definition.route)
    .map((definition) => definition.route as Record<string, unknown>)
    .filter((route) => !route[accessExtension])
    .map((route) => `${String(route.method).toUpperCase()} ${String(route.path)}`);
  if (undeclared.length > 0) {
    throw new Error(
      `routes without a declared access (default deny: give createRoute an \`access\`): ${undeclared.join(', ')}`,
    );
  }
}
