import { z } from 'zod';
import { type CircuitBreakerRuleInput, CircuitBreakerRuleSchema } from './circuit-breaker.ts';
import { FlowRuleSchema } from './flow-rule.ts';
import { HotParamRuleSchema } from './hot-param.ts';
import { SystemRuleSchema } from './system-guard.ts';

export const ForcedBreakerSchema = z.object({
  resource: z.string().min(1).describe('The resource whose breakers are pinned.'),
  state: z
    .enum(['open', 'closed'])
    .describe('Open refuses every call; closed lets every call through.'),
});
export type ForcedBreaker = z.infer<typeof ForcedBreakerSchema>;

export const BulkheadPolicySchema = z.object({
  maxConcurrent: z.number().int().positive().describe('Calls to the upstream in flight at once.'),
  maxQueue: z
    .number()
    .int()
    .nonnegative()
    .default(0)
    .describe('Calls waiting for a slot; more are refused at once with 503.'),
});

export const ClientPolicySchema = z.object({
  timeoutMs: z
    .number()
    .int()
    .positive()
    .max(120_000)
    .optional()
    .describe('Per-attempt timeout in milliseconds; the abort reaches the fetch.'),
  retries: z
    .number()
    .int()
    .nonnegative()
    .max(10)
    .optional()
    .describe('Extra attempts for idempotent calls, with exponential backoff and jitter.'),
  retryBudgetRatio: z
    .number()
    .min(0)
    .max(1)
    .default(0.2)
    .describe('Retries allowed as a share of calls over the last 10 s, so retries cannot storm.'),
  retryBudgetMinPerSecond: z
    .number()
    .nonnegative()
    .default(10)
    .describe('Retries per second always allowed, whatever the ratio says.'),
  bulkhead: BulkheadPolicySchema.optional().describe('Caps calls in flight to this upstream.'),
});
export type ClientPolicy = z.infer<typeof ClientPolicySchema>;
export type ClientPolicyInput = z.input<typeof ClientPolicySchema>;

/** Every rule a service runs with: the value of its `resilience` config key. */
export const resilienceRulesSchema = z
  .object({
    flow: z.array(FlowRuleSchema).default([]).describe('Flow rules, by QPS or concurrency.'),
    hotParams: z
      .array(HotParamRuleSchema)
      .default([])
      .describe('Limits per value of a parameter, such as per user id.'),
    breakers: z.array(CircuitBreakerRuleSchema).default([]).describe('Circuit breakers.'),
    forcedBreakers: z
      .array(ForcedBreakerSchema)
      .default([])
      .describe('Breakers an operator pinned open or closed.'),
    system: SystemRuleSchema.default({}).describe('Adaptive shedding of inbound load.'),
    clients: z
      .record(z.string().min(1), ClientPolicySchema)
      .default({})
      .describe('Outbound policies per upstream service, such as `users`.'),
  })
  .describe('Resilience rules: flow control, hot parameters, breakers, shedding, client policies.');
export type ResilienceRules = z.output<typeof resilienceRulesSchema>;
export type ResilienceRulesInput = z.input<typeof resilienceRulesSchema>;

/**
 * The `resilience` key of a service's config schema, with the rules the service ships with:
 * `defineConfig(z.object({ resilience: resilienceConfig({ breakers: [...] }) }))`.
 */
export function resilienceConfig(defaults: ResilienceRulesInput) {
  return resilienceRulesSchema
    .prefault(defaults)
    .describe(
      'Resilience rules: flow control, hot-parameter limits, circuit breakers, load shedding and outbound client policies; applied live.',
    );
}

/**
 * The breakers a synchronous dependency on another service usually wants: one on slow calls,
 * one on failures, both judged over 5 s and probed with two calls after 5 s open.
 */
export function dependencyBreakers(
  resource: string,
  options: { slowCallRtMs?: number } = {},
): CircuitBreakerRuleInput[] {
  const shared = {
    resource,
    threshold: 0.5,
    minRequests: 5,
    statIntervalMs: 5000,
    openDurationMs: 5000,
    halfOpenProbes: 2,
  };
  return [
    { ...shared, strategy: 'slow-call-ratio', slowCallRtMs: options.slowCallRtMs ?? 800 },
    { ...shared, strategy: 'error-ratio' },
  ];
}
