import { Badge, Callout } from '@tremor/react';
import type { ResilienceReading } from '@/data/resilience';

const itemClass =
  'flex flex-wrap items-center gap-x-2 gap-y-1 rounded-tremor-default border border-tremor-border px-3 py-2 text-tremor-default dark:border-dark-tremor-border';
const noteClass = 'text-tremor-label text-tremor-content dark:text-dark-tremor-content';

function elsewhereSentence(elsewhere: ResilienceReading['elsewhere'], namespace: string) {
  const watching = elsewhere
    .filter((each) => each.namespace !== undefined)
    .map((each) => `${each.instance} (${each.namespace})`);
  const silent = elsewhere
    .filter((each) => each.namespace === undefined)
    .map((each) => each.instance);
  return [
    watching.length > 0
      ? `Not shown, as they watch another namespace than ${namespace}: ${watching.join(', ')}.`
      : '',
    silent.length > 0
      ? `Not shown until they report which config they run: ${silent.join(', ')}.`
      : '',
  ]
    .filter(Boolean)
    .join(' ');
}

/**
 * Which instances of the namespace the figures come from, which could not be asked, and which
 * registered instances are left out because they watch another namespace's config.
 */
export function InstanceStatus({
  service,
  namespace,
  reading,
}: {
  service: string;
  namespace: string;
  reading: ResilienceReading;
}) {
  const none = reading.answered.length === 0 && reading.failed.length === 0;
  return (
    <section aria-label="Instances" className="mb-6 space-y-3" data-testid="resilience-instances">
      {reading.registryProblem ? (
        <div role="status">
          <Callout title="The registry is not answering" color="amber">
            Reading {service} at the URL the console is configured with.{' '}
            {reading.registryProblem.detail}
          </Callout>
        </div>
      ) : reading.source === 'configured' ? (
        <p className={noteClass}>
          No instance of {service} is registered: reading the URL the console is configured with.
        </p>
      ) : none ? (
        <p className={noteClass} data-testid="no-instance-in-namespace">
          No registered instance of {service} watches the {namespace} config.
        </p>
      ) : null}
      {reading.elsewhere.length > 0 ? (
        <p className={noteClass} data-testid="instances-elsewhere">
          {elsewhereSentence(reading.elsewhere, namespace)}
        </p>
      ) : null}
      <ul className="flex flex-wrap gap-2">
        {reading.answered.map(({ instance, address, view }) => (
          <li
            key={`${instance}@${address}`}
            className={itemClass}
            data-testid={`instance-${instance}`}
          >
            <Badge color="emerald">Answered</Badge>
            <span className="font-medium text-tremor-content-strong dark:text-dark-tremor-content-strong">
              {instance}
            </span>
            <span className={noteClass}>
              {view.system.inFlight} in flight · event loop{' '}
              {view.system.eventLoopDelayMs.toFixed(0)} ms
            </span>
            {view.system.shedding ? <Badge color="rose">Shedding load</Badge> : null}
          </li>
        ))}
        {reading.failed.map(({ instance, address, reason }) => (
          <li
            key={`${instance}@${address}`}
            className={itemClass}
            data-testid={`instance-${instance}`}
          >
            <Badge color="rose">No answer</Badge>
            <span className="font-medium text-tremor-content-strong dark:text-dark-tremor-content-strong">
              {instance}
            </span>
            <span className={`${noteClass} break-all`}>
              {address}: {reason}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
