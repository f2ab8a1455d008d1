import type { Resilience } from '@trellis/kit';
import createFetchClient, { type Client } from 'openapi-fetch';
import type { ServicePaths } from './paths.ts';
import { defaultPorts, type ServiceName } from './services.ts';
import { createTransport, type Discovery, type TransportOptions } from './transport.ts';

export { pickWeighted, type WeightedPeer } from './balancer.ts';
export type { components as ConfigComponents } from './generated/config.ts';
export type { components as GatewayComponents } from './generated/gateway.ts';
export type { components as MeetingsComponents } from './generated/meetings.ts';
export type { components as MessagingComponents } from './generated/messaging.ts';
export type { components as OrdersComponents } from './generated/orders.ts';
export type { components as UsersComponents } from './generated/users.ts';
export type { ServicePaths } from './paths.ts';
export {
  type DiscoveredInstance,
  type RegistryDiscovery,
  type RegistryDiscoveryOptions,
  registryDiscovery,
} from './registry-discovery.ts';
export { defaultPorts, type ServiceName, serviceNames } from './services.ts';
export { readServerSentEvents, type ServerSentEvent } from './sse.ts';
export {
  createTransport,
  type Discovery,
  type Fallback,
  type FallbackContext,
  maxRetryAfterMs,
  type TransportOptions,
  upstreamFailure,
} from './transport.ts';

export interface ClientOptions extends Omit<TransportOptions, 'service' | 'template'> {
  /** Fixed base URL; use this or `discovery`. */
  baseUrl?: string;
  discovery?: Discovery;
}

export type ServiceClient<S extends ServiceName> = Client<ServicePaths[S]>;

/**
 * A typed client of one service, generated from its OpenAPI document:
 * `createClient('users', { baseUrl }).GET('/v1/users/{id}', { params: { path: { id } } })`.
 */
export function createClient<S extends ServiceName>(
  service: S,
  options: ClientOptions,
): ServiceClient<S> {
  if (!options.baseUrl && !options.discovery) {
    throw new Error(`createClient('${service}') needs a baseUrl or a discovery`);
  }
  // openapi-fetch hands the transport the very Request its middleware saw, so the template can
  // ride along beside it; a middleware that swaps the Request leaves the URL to be matched.
  const templates = new WeakMap<Request, string>();
  const upstream = createUpstreamFetch(service, options);
  const client = createFetchClient<ServicePaths[S]>({
    baseUrl: upstreamBaseUrl(service, options),
    fetch: (request) => upstream(request, templates.get(request)),
  });
  client.use({
    onRequest({ request, schemaPath }) {
      templates.set(request, schemaPath);
    },
  });
  return client;
}

/**
 * Sends a Request to one service through the transport: discovery, balancing, retries, the
 * resource `<service> → <METHOD> <template>` under the resilience engine. What the typed
 * clients run on, and what a proxy uses to forward calls it did not build itself.
 */
export type UpstreamFetch = (request: Request, template?: string) => Promise<Response>;

export function createUpstreamFetch(service: ServiceName, options: ClientOptions): UpstreamFetch {
  const templates = new WeakMap<Request, string>();
  const transport = createTransport({
    ...options,
    service,
    template: (request) => templates.get(request),
  });
  return (request, template) => {
    if (template !== undefined) {
      templates.set(request, template);
    }
    return transport(request);
  };
}

/** The origin requests to `service` are built on; with discovery, a placeholder it swaps. */
export function upstreamBaseUrl(service: ServiceName, options: ClientOptions): string {
  return options.baseUrl ?? `http://${service}.invalid`;
}

/** Discovery from fixed URLs, e.g. `{ users: 'http://127.0.0.1:4101' }`; the default ports otherwise. */
export function staticDiscovery(urls: Partial<Record<ServiceName, string>> = {}): Discovery {
  return {
    resolve(service) {
      return urls[service] ?? `http://127.0.0.1:${defaultPorts[service]}`;
    },
  };
}

/**
 * The options that put a service's calls to `upstream` under its resilience engine: the
 * engine's resources and rules and the live client policy.
 * `createClient('users', { discovery, ...protectedBy(platform.resilience, 'users') })`.
 */
export function protectedBy(
  resilience: Resilience,
  upstream: ServiceName,
): Pick<ClientOptions, 'resources' | 'policy'> {
  return {
    resources: resilience.resources,
    policy: () => resilience.clientPolicy(upstream),
  };
}
