import { Callout, Card } from '@tremor/react';
import { Section } from '@/components/ui/section';
import type { ConfigTarget } from '@/data/config';
import {
  chartPoints,
  type InstanceAnswer,
  mergeResources,
  resourcesToChart,
} from '@/lib/resilience';
import { ResourceCharts } from './resource-charts';
import { ResourceTable } from './resource-table';

const noteClass = 'text-tremor-default text-tremor-content dark:text-dark-tremor-content';

/** Every resource's rates, merged across instances, and live charts of the chosen ones. */
export function ResourcesSection({
  target,
  answered,
  asked,
  selected,
}: {
  target: ConfigTarget;
  answered: InstanceAnswer[];
  /** How many instances were asked: none when none watches the namespace. */
  asked: number;
  selected: string | undefined;
}) {
  const resources = mergeResources(answered);
  const charted = resourcesToChart(resources, selected);
  return (
    <Section
      id="resources"
      title="Resources"
      description="Rates over the last 10 s, every answering instance together. Choose a resource to chart it."
    >
      {asked === 0 ? (
        <Card>
          <p className={noteClass}>
            No instance of {target.service} watches the {target.namespace} config, so there are no
            figures to show here.
          </p>
        </Card>
      ) : answered.length === 0 ? (
        <Callout title="No instance answered" color="rose">
          No figures to show until an instance of {target.service} answers.
        </Callout>
      ) : resources.length === 0 ? (
        <Card>
          <p className={noteClass}>
            No calls counted yet: resources appear once {target.service} has served or made a call.
          </p>
        </Card>
      ) : (
        <div className="space-y-6">
          <Card className="p-0">
            <ResourceTable
              service={target.service}
              namespace={target.namespace}
              resources={resources}
              charted={charted.map((resource) => resource.name)}
            />
          </Card>
          <div id="charts" className="scroll-mt-6 space-y-6">
            {charted.length === 0 ? (
              <p className={noteClass}>No traffic in the last 5 minutes to chart.</p>
            ) : (
              charted.map((resource) => (
                <ResourceCharts
                  key={resource.name}
                  name={resource.name}
                  kind={resource.kind}
                  {...chartPoints(resource.series)}
                />
              ))
            )}
          </div>
        </div>
      )}
    </Section>
  );
}
