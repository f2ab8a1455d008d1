import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import { httpDurationBuckets } from '../metrics.ts';
import type { Resilience } from './engine.ts';
import { StatField } from './sliding-window.ts';

const outcomes = [
  ['passed', StatField.passed],
  ['succeeded', StatField.succeeded],
  ['failed', StatField.failed],
  ['blocked_flow', StatField.blockedFlow],
  ['blocked_hot_param', StatField.blockedHotParam],
  ['blocked_breaker', StatField.blockedBreaker],
  ['blocked_system', StatField.blockedSystem],
] as const;
const breakerStates = ['closed', 'open', 'half-open'] as const;

/**
 * The engine's figures on `/metrics`. Counters are read from the engine's running totals when
 * scraped, so a protected call pays for no label lookup; only the response-time histogram is
 * observed per call, through a child bound once per resource.
 */
export function registerResilienceMetrics(registry: Registry, resilience: Resilience): void {
  const { resources, system } = resilience;
  new Counter({
    name: 'trellis_resource_calls_total',
    help: 'Calls to a protected resource, by outcome (passed, succeeded, failed, blocked_*).',
    labelNames: ['resource', 'kind', 'outcome'] as const,
    registers: [registry],
    collect() {
      this.reset();
      for (const name of resources.names()) {
        const totals = resources.stats(name).totals;
        const kind = resources.kind(name);
        for (const [outcome, field] of outcomes) {
          this.inc({ resource: name, kind, outcome }, totals[field] ?? 0);
        }
      }
    },
  });
  const duration = new Histogram({
    name: 'trellis_resource_duration_seconds',
    help: 'Response time of completed outbound and custom resource calls (inbound: http_server_request_duration_seconds).',
    labelNames: ['resource', 'kind'] as const,
    buckets: httpDurationBuckets,
    registers: [registry],
  });
  resources.setRtObserver((name, kind) => {
    // An inbound route's time is already http_server_request_duration_seconds{http_route}.
    if (kind === 'inbound') {
      return undefined;
    }
    const child = duration.labels(name, kind);
    return (ms) => child.observe(ms / 1000);
  });
  new Gauge({
    name: 'trellis_circuit_breaker_state',
    help: 'Circuit breaker state: 1 for the state the breaker is in, 0 for the others.',
    labelNames: ['resource', 'strategy', 'state'] as const,
    registers: [registry],
    collect() {
      this.reset();
      for (const name of resources.names()) {
        for (const breaker of resources.breakers(name)) {
          const current = breaker.effectiveState();
          for (const state of breakerStates) {
            this.set(
              { resource: name, strategy: breaker.rule.strategy, state },
              state === current ? 1 : 0,
            );
          }
        }
      }
    },
  });
  new Gauge({
    name: 'trellis_system_event_loop_delay_seconds',
    help: 'Recent event-loop delay, as the load-shedding guard sees it.',
    registers: [registry],
    collect() {
      this.set(system.eventLoopDelayMs / 1000);
    },
  });
  new Gauge({
    name: 'trellis_system_in_flight_requests',
    help: 'Inbound requests in flight.',
    registers: [registry],
    collect() {
      this.set(system.inFlight);
    },
  });
}
