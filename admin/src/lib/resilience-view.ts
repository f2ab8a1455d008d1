import { z } from '@trellis/kit';
import type { ResilienceView } from './resilience';

const count = z.number().nonnegative().catch(0);

const SecondSchema = z.object({
  t: z.number(),
  passed: count,
  blocked: z
    .object({ flow: count, 'hot-param': count, breaker: count, system: count })
    .catch({ flow: 0, 'hot-param': 0, breaker: 0, system: 0 }),
  succeeded: count,
  failed: count,
  rtSumMs: count,
});

const BreakerSchema = z.object({
  strategy: z.enum(['slow-call-ratio', 'error-ratio', 'error-count']),
  state: z.enum(['closed', 'open', 'half-open']),
  forced: z.enum(['open', 'closed']).nullable().catch(null),
});

const ForcedBreakerSchema = z.object({
  resource: z.string(),
  state: z.enum(['open', 'closed']),
});

/**
 * What the console needs of an instance's `GET /resilience` answer (docs/resilience.md). An
 * instance is another program, perhaps of another version: figures it leaves out count as
 * zero, keys the console does not know are kept, and only a body it cannot make sense of
 * (no resources, no timestamps) is refused.
 */
export const ResilienceViewSchema = z.object({
  service: z.string().catch(''),
  instance: z.string().catch(''),
  now: z.number(),
  system: z
    .object({
      inFlight: count,
      eventLoopDelayMs: count,
      shedding: z.boolean().catch(false),
    })
    .catch({ inFlight: 0, eventLoopDelayMs: 0, shedding: false }),
  resources: z.array(
    z.object({
      name: z.string().min(1),
      kind: z.enum(['inbound', 'outbound', 'custom']).catch('custom'),
      concurrency: count,
      series: z.array(SecondSchema),
      breakers: z.array(BreakerSchema).catch([]),
    }),
  ),
  rules: z
    .looseObject({
      breakers: z
        .array(z.looseObject({ resource: z.string(), strategy: BreakerSchema.shape.strategy }))
        .catch([]),
      forcedBreakers: z.array(ForcedBreakerSchema).catch([]),
    })
    .catch({ breakers: [], forcedBreakers: [] }),
});

export type ParsedView = { ok: true; view: ResilienceView } | { ok: false; reason: string };

/** An instance's answer as the console reads it, or the reason it cannot. */
export function parseResilienceView(body: unknown): ParsedView {
  const parsed = ResilienceViewSchema.safeParse(body);
  if (parsed.success) {
    return { ok: true, view: parsed.data };
  }
  const issue = parsed.error.issues[0];
  const path = issue?.path.map(String).join('.') || 'the body';
  return {
    ok: false,
    reason: `sent a view the console cannot read (${path}: ${issue?.message ?? 'invalid'})`,
  };
}

/**
 * The breaker rules a namespace's config sets: its `resilience` key, or while the config does
 * not set it, the rules the service ships with. Whatever does not read as rules names none.
 */
export function configuredBreakerRules(
  values: Record<string, unknown>,
  shipped: unknown,
): Pick<ResilienceView['rules'], 'breakers' | 'forcedBreakers'> {
  return ResilienceViewSchema.shape.rules.parse(values.resilience ?? shipped ?? {});
}
