import type { ResilienceRulesInput } from '@trellis/kit';

/** The rules gateway ships with; the config center's `resilience` key replaces them live. */
export const gatewayResilienceDefaults: ResilienceRulesInput = {
  flow: [{ resource: 'POST /v1/greetings', threshold: 500 }],
  system: { maxInFlight: 2000, maxEventLoopDelayMs: 1000 },
};
