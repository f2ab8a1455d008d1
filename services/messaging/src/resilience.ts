import type { ResilienceRulesInput } from '@trellis/kit';

/** The rules messaging ships with; the config center's `resilience` key replaces them live. */
export const messagingResilienceDefaults: ResilienceRulesInput = {
  flow: [{ resource: 'POST /v1/dead-letters/replay', threshold: 20 }],
  system: { maxInFlight: 2000, maxEventLoopDelayMs: 1000 },
};
