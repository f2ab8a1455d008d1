import type { Logger } from '../logger.ts';
import type { BreakerState, ForcedState } from './circuit-breaker.ts';
import type { Clock } from './clock.ts';
import { type ClusterFlowFactory, type ResourceKind, Resources } from './resource.ts';
import {
  type ClientPolicy,
  type ResilienceRules,
  type ResilienceRulesInput,
  resilienceRulesSchema,
} from './rules.ts';
import { HISTORY_SECONDS, type SecondRow } from './sliding-window.ts';
import { SystemGuard, type SystemRule } from './system-guard.ts';

export interface ResilienceOptions {
  clock?: Clock;
  rules?: ResilienceRulesInput;
  cluster?: ClusterFlowFactory;
  instanceCount?: () => number;
  logger?: Logger;
}

export interface ResourceView {
  name: string;
  kind: ResourceKind;
  concurrency: number;
  series: SecondRow[];
  breakers: { strategy: string; state: BreakerState; forced: ForcedState | null }[];
}

/** What `GET /resilience` answers; see docs/resilience.md. */
export interface ResilienceView {
  service: string;
  instance: string;
  now: number;
  system: { inFlight: number; eventLoopDelayMs: number; shedding: boolean; rule: SystemRule };
  resources: ResourceView[];
  rules: ResilienceRules;
}

/**
 * One service's resilience engine: its resources and their rules, the load-shedding guard and
 * the outbound client policies, all replaced at once from the `resilience` config key.
 */
export class Resilience {
  readonly resources: Resources;
  readonly system: SystemGuard;
  private current: ResilienceRules;
  private logger: Logger | undefined;

  constructor(options: ResilienceOptions = {}) {
    this.resources = new Resources({
      ...(options.clock ? { clock: options.clock } : {}),
      ...(options.cluster ? { cluster: options.cluster } : {}),
      ...(options.instanceCount ? { instanceCount: options.instanceCount } : {}),
      onBreakerStateChange: (change) => {
        const level = change.to === 'open' && change.forced === undefined ? 'warn' : 'info';
        this.logger?.[level]({ breaker: change }, `breaker ${change.from} → ${change.to}`);
      },
    });
    this.system = new SystemGuard();
    this.logger = options.logger;
    this.current = resilienceRulesSchema.parse({});
    this.setRules(options.rules ?? {});
  }

  get rules(): ResilienceRules {
    return this.current;
  }

  /** Logs breaker changes and rule swaps there (the service's logger, once it has one). */
  useLogger(logger: Logger): void {
    this.logger ??= logger;
  }

  /** Parse and apply a whole rule set; an invalid one throws and changes nothing. */
  setRules(input: ResilienceRulesInput | undefined): void {
    const rules = resilienceRulesSchema.parse(input ?? {});
    this.resources.setRules(rules);
    this.system.setRule(rules.system);
    this.current = rules;
  }

  /** The outbound policy for calls to `service`, read by the typed client on every call. */
  clientPolicy(service: string): ClientPolicy | undefined {
    return this.current.clients[service];
  }

  view(service: string, instance: string, seconds = HISTORY_SECONDS): ResilienceView {
    const now = this.resources.now();
    const resources = this.resources.names().map((name) => {
      const stats = this.resources.stats(name);
      return {
        name,
        kind: this.resources.kind(name),
        concurrency: stats.concurrency,
        series: stats.series(now, seconds),
        breakers: this.resources.breakers(name).map((breaker) => ({
          strategy: breaker.rule.strategy,
          state: breaker.effectiveState(),
          forced: breaker.forced,
        })),
      };
    });
    return {
      service,
      instance,
      now,
      system: {
        inFlight: this.system.inFlight,
        eventLoopDelayMs: Math.round(this.system.eventLoopDelayMs * 10) / 10,
        shedding: this.system.shedding,
        rule: this.current.system,
      },
      resources,
      rules: this.current,
    };
  }

  stop(): void {
    this.system.stop();
  }
}

export function createResilience(options: ResilienceOptions = {}): Resilience {
  return new Resilience(options);
}

/**
 * Keeps the engine's rules on the config's `resilience` key: applied at once and on every
 * release that changes them (other keys changing leave the rules, and breaker states, alone).
 */
export function followResilienceRules<T extends { resilience?: ResilienceRulesInput | undefined }>(
  config: {
    get(): T;
    onChange(listener: (next: T, previous: T) => void): () => void;
  },
  resilience: Resilience,
  logger?: Logger,
): () => void {
  let applied = '';
  const apply = (rules: ResilienceRulesInput | undefined) => {
    const text = JSON.stringify(rules ?? {});
    if (text === applied) {
      return;
    }
    try {
      resilience.setRules(rules);
      applied = text;
      logger?.info(
        {
          flow: resilience.rules.flow.length,
          hotParams: resilience.rules.hotParams.length,
          breakers: resilience.rules.breakers.length,
        },
        'resilience rules applied',
      );
    } catch (error) {
      logger?.error({ err: error }, 'resilience rules refused; keeping the previous ones');
    }
  };
  apply(config.get().resilience);
  return config.onChange((next) => apply(next.resilience));
}
