import { createUpstreamFetch, registryDiscovery } from '@trellis/client';
import { defineService, type OpenApiDocument } from '@trellis/kit';
import { gatewayConfig } from './config.ts';
import { mergeDocuments } from './contract/merged-document.ts';
import { buildRouteTable } from './contract/route-table.ts';
import { readUpstreamDocuments } from './contract/upstream-documents.ts';
import type { GatewayDeps } from './deps.ts';
import { apiKeysThroughUsers } from './edge/api-keys.ts';
import { corsFromConfig } from './edge/cors.ts';
import { verifyApiKeys } from './edge/identity.ts';
import { gatewayEnvSchema } from './env.ts';
import { createProxyRouter } from './routes/proxy/index.ts';

/** The routes and merged document, made from the committed contracts once, when first asked. */
let contract: { routes: ReturnType<typeof buildRouteTable>; document: OpenApiDocument } | undefined;
function gatewayContract() {
  if (contract === undefined) {
    const documents = readUpstreamDocuments();
    const routes = buildRouteTable(documents);
    const document = mergeDocuments(documents, routes, { version: '1.0.0' });
    contract = { routes, document: document as unknown as OpenApiDocument };
  }
  return contract;
}

/** The gateway, declared; `runOnNode(gatewayService)` and `runOnDeno` serve it. */
export const gatewayService = defineService({
  name: 'gateway',
  description:
    'The one entry for outside consumers: routes each call to the service that owns it, ' +
    'verifying API keys and user tokens at the edge.',
  envSchema: gatewayEnvSchema,
  config: gatewayConfig,
  routes: [() => createProxyRouter(gatewayContract().routes)],
  document: () => gatewayContract().document,
  edge: () => ({ first: [corsFromConfig()], identified: [verifyApiKeys()] }),
  discovery: registryDiscovery,
  clients: {
    users: (options) => createUpstreamFetch('users', options),
    orders: (options) => createUpstreamFetch('orders', options),
    meetings: (options) => createUpstreamFetch('meetings', options),
    messaging: (options) => createUpstreamFetch('messaging', options),
  },
  deps: ({ baseDeps, resilience }): GatewayDeps => ({
    ...baseDeps,
    resources: resilience.resources,
    apiKeys: apiKeysThroughUsers(baseDeps.users, baseDeps.config),
  }),
});
