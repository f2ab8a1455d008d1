import type { Access, Operation, RoutedService, UpstreamDocuments } from './upstream-documents.ts';
import { routedServices } from './upstream-documents.ts';

/** One operation a consumer may call through the gateway, and the service that owns it. */
export interface GatewayRoute {
  service: RoutedService;
  /** Upper case: `GET`. */
  method: string;
  /** The OpenAPI template, `/v1/users/{id}`. */
  template: string;
  /** The same as Hono matches it, `/v1/users/:id`. */
  honoPath: string;
  operationId: string;
  access: Access | undefined;
  /** Whether a user's token is needed besides the API key: anything not public. */
  needsUser: boolean;
  /** The API key scope it takes: `<service>:read` for GET and HEAD, else `<service>:write`. */
  scope: string;
}

const methods = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'] as const;

/** Path prefixes never routed, whatever a document says: the platform's own surfaces. */
const neverRouted = ['/v1/registry', '/v1/config'];

/**
 * The services of which only some paths face outside consumers, and those paths' prefixes.
 * Messaging's operator surfaces (subscriptions, dead letters, the trace) stay inside: the
 * console calls the service directly. A prefix no operation has yet simply routes nothing.
 */
export const routedPrefixes: Partial<Record<RoutedService, readonly string[]>> = {
  messaging: ['/v1/topics', '/v1/webhook-endpoints', '/v1/webhook-deliveries', '/v1/streams/me'],
};

const under = (path: string, prefix: string) => path === prefix || path.startsWith(`${prefix}/`);

/** True when only named services may call it: nothing an outside consumer may reach. */
export function isServicesOnly(access: Access | undefined): boolean {
  return (
    access?.services !== undefined &&
    access.public !== true &&
    access.role === undefined &&
    access.owner !== true
  );
}

export function scopeOf(service: string, method: string): string {
  return `${service}:${method === 'GET' || method === 'HEAD' ? 'read' : 'write'}`;
}

/**
 * Whether the gateway routes this operation: a `/v1/` path an outside consumer may call, under
 * one of the service's routed prefixes when it has a list of them.
 */
export function isRouted(service: RoutedService, path: string, operation: Operation): boolean {
  const allowed = routedPrefixes[service];
  return (
    path.startsWith('/v1/') &&
    !neverRouted.some((prefix) => under(path, prefix)) &&
    (allowed === undefined || allowed.some((prefix) => under(path, prefix))) &&
    !isServicesOnly(operation['x-trellis-access'])
  );
}

/** `/v1/users/{id}` → `/v1/users/:id`. */
function honoPathOf(template: string): string {
  return template.replace(/\{([^{}]+)\}/g, ':$1');
}

/** A literal segment sorts before a parameter at the same place: `/v1/orders/stats` first. */
function specificity(template: string): string {
  return template
    .split('/')
    .map((segment) => (segment.startsWith('{') ? '1' : '0'))
    .join('');
}

/** The routes in the order a router must try them: a literal before a parameter. */
export function mostSpecificFirst(routes: readonly GatewayRoute[]): GatewayRoute[] {
  return [...routes].sort((a, b) => specificity(a.template).localeCompare(specificity(b.template)));
}

function routeOf(
  service: RoutedService,
  path: string,
  method: string,
  operation: Operation,
): GatewayRoute {
  const upper = method.toUpperCase();
  const access = operation['x-trellis-access'];
  return {
    service,
    method: upper,
    template: path,
    honoPath: honoPathOf(path),
    operationId: operation.operationId ?? `${service}.${method}`,
    access,
    needsUser: access !== undefined && access.public !== true,
    scope: scopeOf(service, upper),
  };
}

/**
 * Every operation of the routed services' contracts a consumer may call, in the documents'
 * order; one `METHOD /template` owned by two services is a mistake and throws.
 */
export function buildRouteTable(documents: UpstreamDocuments): GatewayRoute[] {
  const routes: GatewayRoute[] = [];
  const owners = new Map<string, RoutedService>();
  for (const service of routedServices) {
    for (const [path, item] of Object.entries(documents[service].paths)) {
      for (const method of methods) {
        const operation = item[method];
        if (operation === undefined || !isRouted(service, path, operation)) {
          continue;
        }
        const key = `${method.toUpperCase()} ${path}`;
        const owner = owners.get(key);
        if (owner !== undefined) {
          throw new Error(`${key} is in both the ${owner} and the ${service} contracts`);
        }
        owners.set(key, service);
        routes.push(routeOf(service, path, method, operation));
      }
    }
  }
  return routes;
}
