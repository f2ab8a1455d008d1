import { z } from 'zod';

const ParamValueSchema = z.union([z.string(), z.number()]);
export type ParamValue = z.infer<typeof ParamValueSchema>;

export const HotParamOverrideSchema = z.object({
  value: ParamValueSchema.describe('The parameter value this limit applies to, such as a user id.'),
  threshold: z.number().nonnegative().describe('Passes per window for this value.'),
});

/** Where an inbound route reads a hot parameter's value. */
export const paramSources = ['path', 'query', 'header', 'body', 'address'] as const;
export type ParamSource = (typeof paramSources)[number];

export const HotParamRuleSchema = z.object({
  resource: z.string().min(1).describe('Resource name, such as `POST /v1/orders`.'),
  param: z.string().min(1).describe('The key in the entry params, such as `userId`.'),
  from: z
    .enum(paramSources)
    .optional()
    .describe(
      'Where an inbound route reads the value: only that source, so a value put elsewhere ' +
        '(another `email` in the query) cannot stand in for it; `address` is the network ' +
        "address of the caller's connection, `param` then only names it. Unset: the path, " +
        'the query, a header, then a top-level JSON body field, the first that has it.',
    ),
  ignoreCase: z
    .boolean()
    .optional()
    .describe('Counts string values that differ only in letter case as one, as emails are.'),
  threshold: z.number().nonnegative().describe('Passes per window for each distinct value.'),
  windowSec: z.number().positive().default(1).describe('The window the threshold refills over.'),
  burst: z.number().int().nonnegative().default(0).describe('Extra passes a quiet value may bank.'),
  maxTrackedValues: z
    .number()
    .int()
    .positive()
    .default(10_000)
    .describe('Distinct values tracked at once; the least recently seen is forgotten first.'),
  overrides: z
    .array(HotParamOverrideSchema)
    .default([])
    .describe('Per-value thresholds, matched on the value as a string.'),
});
export type HotParamRule = z.infer<typeof HotParamRuleSchema>;
export type HotParamRuleInput = z.input<typeof HotParamRuleSchema>;

/**
 * The key a rule's value has in the entry params: the param's name, prefixed by its source
 * when it names one, so rules reading one name from different sources stay apart.
 */
export function paramKey(rule: Pick<HotParamRule, 'param' | 'from'>): string {
  return rule.from ? `${rule.from}:${rule.param}` : rule.param;
}

/**
 * A token bucket per parameter value. Values map to slots of numeric arrays through a Map whose
 * insertion order is the recency order; when full, the least recently seen value gives up its slot.
 */
export class HotParamLimiter {
  readonly rule: HotParamRule;
  /** Where its value is in the entry params (see `paramKey`). */
  readonly key: string;
  retryAfterMs = 0;
  private readonly slots = new Map<ParamValue, number>();
  private readonly tokens: Float64Array;
  private readonly refilledAt: Float64Array;
  private readonly perMs: Float64Array;
  private readonly capacity: Float64Array;
  private readonly overrides: Map<string, number>;
  private nextFree = 0;

  constructor(input: HotParamRuleInput) {
    this.rule = HotParamRuleSchema.parse(input);
    this.key = paramKey(this.rule);
    const size = this.rule.maxTrackedValues;
    this.tokens = new Float64Array(size);
    this.refilledAt = new Float64Array(size);
    this.perMs = new Float64Array(size);
    this.capacity = new Float64Array(size);
    this.overrides = new Map(
      this.rule.overrides.map((o) => [String(this.fold(o.value)), o.threshold]),
    );
  }

  /** The value as counted: lower-cased when the rule ignores case. */
  private fold(value: ParamValue): ParamValue {
    return this.rule.ignoreCase && typeof value === 'string' ? value.toLowerCase() : value;
  }

  get trackedValues(): number {
    return this.slots.size;
  }

  /** Passes per window allowed for `value`: its override, else the rule's threshold. */
  thresholdOf(value: ParamValue): number {
    return this.overrides.get(String(this.fold(value))) ?? this.rule.threshold;
  }

  isTracked(value: ParamValue): boolean {
    return this.slots.has(this.fold(value));
  }

  /** True if a call with this value may pass; consumes one token when it does. */
  tryAcquire(given: ParamValue, now: number): boolean {
    const value = this.fold(given);
    let slot = this.slots.get(value);
    if (slot === undefined) {
      slot = this.claimSlot(value, now);
    } else {
      this.slots.delete(value);
      this.slots.set(value, slot);
    }
    const perMs = this.perMs[slot] ?? 0;
    const capacity = this.capacity[slot] ?? 0;
    const elapsed = now - (this.refilledAt[slot] ?? now);
    const tokens = Math.min(capacity, (this.tokens[slot] ?? 0) + elapsed * perMs);
    this.refilledAt[slot] = now;
    if (tokens >= 1) {
      this.tokens[slot] = tokens - 1;
      return true;
    }
    this.tokens[slot] = tokens;
    this.retryAfterMs = perMs > 0 ? Math.ceil((1 - tokens) / perMs) : this.rule.windowSec * 1000;
    return false;
  }

  private claimSlot(value: ParamValue, now: number): number {
    let slot: number;
    if (this.nextFree < this.rule.maxTrackedValues) {
      slot = this.nextFree++;
    } else {
      const eldest = this.slots.keys().next().value as ParamValue;
      slot = this.slots.get(eldest) ?? 0;
      this.slots.delete(eldest);
    }
    const threshold = this.thresholdOf(value);
    const capacity = threshold + this.rule.burst;
    this.perMs[slot] = threshold / (this.rule.windowSec * 1000);
    this.capacity[slot] = capacity;
    this.tokens[slot] = capacity;
    this.refilledAt[slot] = now;
    this.slots.set(value, slot);
    return slot;
  }
}
