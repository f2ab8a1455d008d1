import type { UpstreamFetch } from '@trellis/client';
import type { BaseDeps, Resources } from '@trellis/kit';
import type { GatewayConfig } from './config.ts';
import type { RoutedService } from './contract/upstream-documents.ts';
import type { ApiKeyVerifier } from './edge/api-keys.ts';

/**
 * What the routes are given: the live config, a fetch through discovery and the resilience
 * engine per routed service, the API key verifier, and the engine's resources for the edge
 * rules.
 */
export type GatewayDeps = BaseDeps<GatewayConfig> &
  Record<RoutedService, UpstreamFetch> & {
    apiKeys: ApiKeyVerifier;
    resources: Resources;
  };
