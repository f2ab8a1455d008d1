import { dependencyBreakers, type ResilienceRulesInput } from '@trellis/kit';

const usersLookup = 'users → POST /v1/users/lookup';

/**
 * The rules meetings ships with; the config center's `resilience` key replaces them live.
 * Booking resolves organizer and attendees through users, so a sick users trips a breaker
 * rather than holding every booking open until it times out.
 */
export const meetingsResilienceDefaults: ResilienceRulesInput = {
  flow: [{ resource: 'POST /v1/meetings', threshold: 300 }],
  hotParams: [{ resource: 'POST /v1/meetings', param: 'organizerId', threshold: 20, burst: 20 }],
  breakers: dependencyBreakers(usersLookup),
  system: { maxInFlight: 2000, maxEventLoopDelayMs: 1000 },
  clients: { users: { retries: 2, bulkhead: { maxConcurrent: 128, maxQueue: 512 } } },
};
