import { createUpstreamFetch, staticDiscovery } from '@trellis/client';
import type { TestDatabase } from '@trellis/db/testing';
import {
  createResilience,
  createStaticConfig,
  followResilienceRules,
  type IdentitySettings,
  type Logger,
  type StaticConfig,
  type z,
} from '@trellis/kit';
import { captureLogger } from '@trellis/kit/testing';
import { createGatewayApp } from './app.ts';
import { type GatewayConfig, gatewayConfig } from './config.ts';
import { type RoutedService, routedServices } from './contract/upstream-documents.ts';
import type { GatewayDeps } from './deps.ts';
import { type ApiKeyVerifier, apiKeysThroughUsers } from './edge/api-keys.ts';

export type TestGatewayConfig = StaticConfig<GatewayConfig, z.input<typeof gatewayConfig.schema>>;

export interface TestGatewayOptions {
  database: TestDatabase;
  /** Where each routed service listens. */
  urls: Record<RoutedService, string>;
  /** How the gateway checks callers' credentials (users' keys, the services' trust set). */
  identity: IdentitySettings;
  /** The gateway's own token for a service, as its private key signs it. */
  serviceToken: (audience: string) => Promise<string>;
  /** Defaults to the schema defaults; `config.set()` changes it between requests. */
  config?: TestGatewayConfig;
  /** Defaults to asking users at `urls.users`, cached as the live config says. */
  apiKeys?: ApiKeyVerifier;
  /** The clock the API key cache keeps time by (epoch ms); the wall clock by default. */
  now?: () => number;
  /** What upstream calls are sent with, as the Node entry gives it; the global fetch by default. */
  fetch?: (request: Request) => Promise<Response>;
  logger?: Logger;
}

/**
 * A gateway app as `startService` wires it, routing to fixed URLs instead of the registry: the
 * same transport, engine (following the config's rules) and API key cache.
 */
export function createTestGatewayApp(options: TestGatewayOptions) {
  const config = options.config ?? createStaticConfig(gatewayConfig);
  const resilience = createResilience();
  followResilienceRules(config, resilience);
  const discovery = staticDiscovery(options.urls);
  const upstream = (service: RoutedService) =>
    createUpstreamFetch(service, {
      discovery,
      resources: resilience.resources,
      policy: () => resilience.clientPolicy(service),
      token: () => options.serviceToken(service),
      ...(options.fetch ? { fetch: options.fetch } : {}),
    });
  const upstreams = Object.fromEntries(
    routedServices.map((service) => [service, upstream(service)]),
  ) as Record<RoutedService, ReturnType<typeof upstream>>;
  const deps: GatewayDeps = {
    db: options.database.db,
    now: () => new Date(),
    config,
    ...upstreams,
    resources: resilience.resources,
    apiKeys: options.apiKeys ?? apiKeysThroughUsers(upstreams.users, config, options.now),
  };
  const app = createGatewayApp({
    deps,
    identity: options.identity,
    resilience,
    logger: options.logger ?? captureLogger('gateway').logger,
    version: 'test',
    instanceId: 'gateway-test',
    ping: options.database.ping,
  });
  return { app, config, resilience };
}
