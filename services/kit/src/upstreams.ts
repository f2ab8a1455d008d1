import { z } from 'zod';
import type { ServiceTokenSource } from './identity/service-keys.ts';
import type { Logger } from './logger.ts';
import type { RegistryAccess } from './platform/connect.ts';
import type { Resilience } from './resilience/engine.ts';

function upstreamUrlSchema(defaultUrl: string) {
  return z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).default(defaultUrl);
}

function upstreamTimeoutSchema() {
  return z.coerce.number().int().min(50).max(60_000).default(2000);
}

/** `users` → `USERS`; dashes become underscores, as environment variable names want. */
function envPrefix<Name extends string>(name: Name): Uppercase<Name> {
  return name.toUpperCase().replaceAll('-', '_') as Uppercase<Name>;
}

type UpstreamEnvShape<Name extends string> = Record<
  `${Uppercase<Name>}_URL`,
  ReturnType<typeof upstreamUrlSchema>
> &
  Record<`${Uppercase<Name>}_TIMEOUT_MS`, ReturnType<typeof upstreamTimeoutSchema>>;

/** What a service reads for each upstream it calls: `USERS_URL` and `USERS_TIMEOUT_MS`. */
export type UpstreamEnv<Name extends string> = Record<`${Uppercase<Name>}_URL`, string> &
  Record<`${Uppercase<Name>}_TIMEOUT_MS`, number>;

/**
 * The environment variables of a service that calls `name`: its fallback URL (used while the
 * registry lists no instance of it, or without CONFIG_URL) and its per-attempt timeout.
 * Spread into the service's env schema: `...upstreamEnvShape('users', 'http://127.0.0.1:4101')`.
 */
export function upstreamEnvShape<Name extends string>(
  name: Name,
  defaultUrl: string,
): UpstreamEnvShape<Name> {
  const prefix = envPrefix(name);
  return {
    [`${prefix}_URL`]: upstreamUrlSchema(defaultUrl),
    [`${prefix}_TIMEOUT_MS`]: upstreamTimeoutSchema(),
  } as UpstreamEnvShape<Name>;
}

/** What the kit hands a declared service's discovery factory (`registryDiscovery` fits). */
export interface DiscoveryOptions extends RegistryAccess {
  /** Each upstream's `<NAME>_URL`, for when the registry lists no instance of it. */
  fallback: Record<string, string>;
  logger: Logger;
}

/**
 * What the kit hands each client factory: the discovery, the upstream's timeout, the service's
 * token for it, and the service's resilience engine as `protectedBy` from `@trellis/client` would give it, so
 * `(options) => createClient('users', options)` is a whole declaration.
 */
export interface ClientWiring<Discovery> {
  discovery: Discovery;
  timeoutMs: number;
  resources: Resilience['resources'];
  /** The service's own token for this upstream; absent when it has no key (no platform). */
  token?: () => Promise<string>;
  policy: () => ReturnType<Resilience['clientPolicy']>;
  /** What calls are sent with, when the runtime has better than its global fetch (Node). */
  fetch?: (request: Request) => Promise<Response>;
}

/** One factory per upstream, keyed by the upstream's service name. */
export type ClientFactories<Clients, Discovery> = {
  [Name in keyof Clients]: (wiring: ClientWiring<Discovery>) => Clients[Name];
};

/** `{ users: env.USERS_URL }` for every upstream named. */
export function fallbackUrls(names: readonly string[], env: object): Record<string, string> {
  const values = env as Record<string, unknown>;
  return Object.fromEntries(names.map((name) => [name, String(values[`${envPrefix(name)}_URL`])]));
}

/** Builds each upstream's client with its timeout, through discovery, under the engine. */
export function buildClients<Clients, Discovery>(
  factories: ClientFactories<Clients, Discovery>,
  context: {
    tokens: ServiceTokenSource | undefined;
    discovery: Discovery;
    resilience: Resilience;
    env: object;
    fetch?: ((request: Request) => Promise<Response>) | undefined;
  },
): Clients {
  const env = context.env as Record<string, unknown>;
  const { tokens, fetch } = context;
  const entries = Object.entries(factories) as [
    string,
    (wiring: ClientWiring<Discovery>) => unknown,
  ][];
  return Object.fromEntries(
    entries.map(([name, create]) => [
      name,
      create({
        discovery: context.discovery,
        timeoutMs: Number(env[`${envPrefix(name)}_TIMEOUT_MS`]),
        resources: context.resilience.resources,
        ...(tokens ? { token: () => tokens(name) } : {}),
        policy: () => context.resilience.clientPolicy(name),
        ...(fetch ? { fetch } : {}),
      }),
    ]),
  ) as Clients;
}
