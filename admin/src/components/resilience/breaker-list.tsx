import { Badge } from '@tremor/react';
import {
  type BreakerRow,
  type BreakerState,
  breakerStrategyLabels,
  effectiveState,
  type InstanceBreakers,
} from '@/lib/resilience';
import { ForceBreakerForm } from './force-breaker-form';

const stateColors: Record<BreakerState, 'emerald' | 'rose' | 'amber'> = {
  closed: 'emerald',
  open: 'rose',
  'half-open': 'amber',
};

const noteClass = 'text-tremor-label text-tremor-content dark:text-dark-tremor-content';

function InstanceStates({ resource, each }: { resource: string; each: InstanceBreakers }) {
  return (
    <li
      className="flex flex-wrap items-center gap-2"
      data-testid={`breaker-state-${resource}-${each.instance}`}
    >
      <span className="text-tremor-default text-tremor-content-emphasis dark:text-dark-tremor-content-emphasis">
        {each.instance}
      </span>
      {each.breakers === undefined || each.breakers.length === 0 ? (
        <span className={noteClass}>no call counted yet</span>
      ) : (
        each.breakers.map((breaker, index) => {
          const state = effectiveState(breaker);
          const strategy = breakerStrategyLabels[breaker.strategy];
          return (
            <Badge
              // Breakers of one resource are told apart by their order in the rules.
              // biome-ignore lint/suspicious/noArrayIndexKey: the order is their identity
              key={index}
              color={stateColors[state]}
              data-testid={`breaker-badge-${resource}-${each.instance}-${index}`}
            >
              {strategy}: {state}
              {breaker.forced ? ' · forced' : ''}
            </Badge>
          );
        })
      )}
    </li>
  );
}

/** Each breaker's state on each instance, with the buttons that pin it through config. */
export function BreakerList({
  rows,
  namespace,
  service,
  mayForce,
}: {
  rows: BreakerRow[];
  namespace: string;
  service: string;
  /** Why forcing is not offered, when it is not. */
  mayForce: true | string;
}) {
  return (
    <ul className="divide-y divide-tremor-border dark:divide-dark-tremor-border">
      {rows.map((row) => {
        const pinned = [...new Set(row.instances.map((each) => each.forced))];
        return (
          <li key={row.resource} className="py-4" data-testid={`breaker-${row.resource}`}>
            <div className="flex flex-wrap items-center gap-2">
              <span className="break-all font-mono text-tremor-default font-semibold text-tremor-content-strong dark:text-dark-tremor-content-strong">
                {row.resource}
              </span>
              {row.strategies.length > 0 ? (
                <span className="text-tremor-label text-tremor-content dark:text-dark-tremor-content">
                  {row.strategies.length === 1 ? 'Breaker on ' : 'Breakers on '}
                  {row.strategies.map((strategy) => breakerStrategyLabels[strategy]).join(', ')}
                </span>
              ) : null}
              {pinned.map((forced) =>
                forced ? (
                  <Badge key={forced} color={forced === 'open' ? 'rose' : 'blue'} size="xs">
                    rules force it {forced}
                  </Badge>
                ) : null,
              )}
            </div>
            <div className="mt-3 grid gap-4 md:grid-cols-2">
              {row.instances.length === 0 ? (
                <p className={noteClass}>No instance of this namespace answered.</p>
              ) : (
                <ul className="space-y-2" aria-label={`State of ${row.resource} per instance`}>
                  {row.instances.map((each) => (
                    <InstanceStates key={each.instance} resource={row.resource} each={each} />
                  ))}
                </ul>
              )}
              {mayForce === true ? (
                <ForceBreakerForm namespace={namespace} service={service} resource={row.resource} />
              ) : (
                <p className={noteClass}>{mayForce}</p>
              )}
            </div>
          </li>
        );
      })}
    </ul>
  );
}
