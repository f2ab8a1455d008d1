import { Card } from '@tremor/react';
import { Section } from '@/components/ui/section';
import type { ConfigSchema, ConfigTarget } from '@/data/config';
import type { Outcome } from '@/lib/problem';
import {
  breakerRows,
  type InstanceAnswer,
  type RulesInEffect,
  rulesProperty,
} from '@/lib/resilience';
import { BreakerList } from './breaker-list';

const noteClass = 'text-tremor-default text-tremor-content dark:text-dark-tremor-content';

/** Each breaker's strategy and state per instance, and the buttons that pin it. */
export function BreakersSection({
  target,
  answered,
  configured,
  schema,
  mayEdit,
}: {
  target: ConfigTarget;
  answered: InstanceAnswer[];
  /** The breakers the namespace's config sets, named even while no instance answers. */
  configured: Pick<RulesInEffect, 'breakers' | 'forcedBreakers'> | undefined;
  schema: Outcome<ConfigSchema>;
  mayEdit: boolean;
}) {
  const rows = breakerRows(answered, configured);
  const mayForce = !mayEdit
    ? 'Your role may not force breakers.'
    : schema.ok && !rulesProperty(schema.data.jsonSchema)
      ? `The config of ${target.service} has no resilience key to pin breakers in.`
      : true;
  return (
    <Section
      id="breakers"
      title="Breakers"
      description={`Forcing publishes resilience.forcedBreakers in the ${target.namespace} config: every instance applies it, it survives restarts and the audit trail records who did it.`}
    >
      {rows.length === 0 ? (
        <Card>
          <p className={noteClass}>
            {answered.length === 0
              ? `No instance of ${target.service} answered.`
              : `${target.service} runs no circuit breaker. Add one under breakers in the rules below.`}
          </p>
        </Card>
      ) : (
        <Card className="py-2">
          <BreakerList
            rows={rows}
            namespace={target.namespace}
            service={target.service}
            mayForce={mayForce}
          />
        </Card>
      )}
    </Section>
  );
}
