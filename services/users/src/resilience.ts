import type { ResilienceRulesInput } from '@trellis/kit';

/**
 * The rules users ships with; the config center's `resilience` key replaces them live. Sign-in
 * is limited per email against guessing one account's password — the email of the body the
 * password is checked against, never one put in the query or a header — and per source
 * address against trying many accounts from one place. Each calling service gets its own
 * budget on the batch lookup so one busy caller cannot starve the others.
 */
export const usersResilienceDefaults: ResilienceRulesInput = {
  flow: [
    { resource: 'POST /v1/users/lookup', threshold: 1000, caller: 'meetings' },
    { resource: 'POST /v1/users/lookup', threshold: 1000, caller: 'orders' },
  ],
  hotParams: [
    {
      resource: 'POST /v1/sessions',
      param: 'email',
      from: 'body',
      ignoreCase: true,
      threshold: 60,
      windowSec: 60,
      burst: 30,
    },
    {
      resource: 'POST /v1/sessions',
      param: 'address',
      from: 'address',
      threshold: 120,
      windowSec: 60,
      burst: 60,
    },
  ],
  system: { maxInFlight: 2000, maxEventLoopDelayMs: 1000 },
};
