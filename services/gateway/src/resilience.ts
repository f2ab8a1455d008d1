import type { ResilienceRulesInput } from '@trellis/kit';

/**
 * The resource every call through the gateway enters once its caller is known, whatever the
 * route: rules on it limit each client address (`ip`) and each API key (`apiKey`) across the
 * whole API, and flow rules naming `key:<id>` limit one key.
 */
export const edgeResource = 'edge';

const upstreamPolicy = { retries: 2, bulkhead: { maxConcurrent: 256, maxQueue: 1024 } };

/** The rules the gateway ships with; the config center's `resilience` key replaces them live. */
export const gatewayResilienceDefaults: ResilienceRulesInput = {
  hotParams: [
    { resource: edgeResource, param: 'ip', threshold: 200, burst: 200 },
    { resource: edgeResource, param: 'apiKey', threshold: 500, burst: 500 },
  ],
  system: { maxInFlight: 4000, maxEventLoopDelayMs: 1000 },
  clients: {
    users: upstreamPolicy,
    orders: upstreamPolicy,
    meetings: upstreamPolicy,
    messaging: upstreamPolicy,
  },
};
