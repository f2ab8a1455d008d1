import type { ResilienceRulesInput } from '@trellis/kit';

/**
 * The rules users ships with; the config center's `resilience` key replaces them live. Sign-in
 * is limited per email against password guessing, and each calling service gets its own
 * budget on the batch lookup so one busy caller cannot starve the others.
 */
export const usersResilienceDefaults: ResilienceRulesInput = {
  flow: [
    { resource: 'POST /v1/users/lookup', threshold: 1000, caller: 'meetings' },
    { resource: 'POST /v1/users/lookup', threshold: 1000, caller: 'orders' },
  ],
  hotParams: [
    { resource: 'POST /v1/sessions', param: 'email', threshold: 60, windowSec: 60, burst: 30 },
  ],
  system: { maxInFlight: 2000, maxEventLoopDelayMs: 1000 },
};
