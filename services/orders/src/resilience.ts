import { dependencyBreakers, type ResilienceRulesInput } from '@trellis/kit';

const usersLookup = 'users → GET /v1/users/{id}';

/**
 * The rules orders ships with; the config center's `resilience` key replaces them live. Users
 * is on the path of every order creation, so a slow or failing users trips a breaker and
 * orders answers at once instead of queueing requests behind it.
 */
export const ordersResilienceDefaults: ResilienceRulesInput = {
  flow: [{ resource: 'POST /v1/orders', threshold: 500 }],
  hotParams: [
    // No one person places more than a few orders a second; a runaway client does.
    { resource: 'POST /v1/orders', param: 'userId', threshold: 20, burst: 20 },
  ],
  breakers: dependencyBreakers(usersLookup),
  system: { maxInFlight: 2000, maxEventLoopDelayMs: 1000 },
  clients: { users: { retries: 2, bulkhead: { maxConcurrent: 128, maxQueue: 512 } } },
};
