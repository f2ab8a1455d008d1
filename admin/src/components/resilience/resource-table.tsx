import { Badge, TableCell, TableRow } from '@tremor/react';
import Link from 'next/link';
import { DataTable } from '@/components/ui/data-table';
import { formatMs, formatRate } from '@/lib/format';
import {
  blockReasons,
  type MergedResource,
  type ResourceKind,
  resiliencePath,
} from '@/lib/resilience';

const kindColors: Record<ResourceKind, 'blue' | 'violet' | 'gray'> = {
  inbound: 'blue',
  outbound: 'violet',
  custom: 'gray',
};

function Blocked({ resource }: { resource: MergedResource }) {
  const { blockedPerSecond, blockedTotalPerSecond } = resource.recent;
  const reasons = blockReasons.filter((reason) => blockedPerSecond[reason] > 0);
  return (
    <div>
      <span
        className={
          blockedTotalPerSecond > 0
            ? 'font-medium text-rose-700 dark:text-rose-400'
            : 'text-tremor-content dark:text-dark-tremor-content'
        }
        data-testid={`blocked-${resource.name}`}
      >
        {formatRate(blockedTotalPerSecond)}
      </span>
      {reasons.length > 0 ? (
        <div className="text-tremor-label text-tremor-content dark:text-dark-tremor-content">
          {reasons.map((reason) => `${reason} ${formatRate(blockedPerSecond[reason])}`).join(' · ')}
        </div>
      ) : null}
    </div>
  );
}

const resourceColumns = [
  'Resource',
  { label: 'Passed/s', numeric: true },
  { label: 'Blocked/s', numeric: true },
  { label: 'Avg RT', numeric: true },
  { label: 'In flight', numeric: true },
] as const;

/** Every resource the instances counted, busiest first, with its rates over the last seconds. */
export function ResourceTable({
  service,
  namespace,
  resources,
  charted,
}: {
  service: string;
  namespace: string;
  resources: MergedResource[];
  /** The resources whose charts are shown. */
  charted: readonly string[];
}) {
  return (
    <DataTable columns={resourceColumns} testId="resource-table">
      {resources.map((resource) => (
        <TableRow key={resource.name} data-testid={`resource-${resource.name}`}>
          <TableCell className="whitespace-normal">
            <div className="flex flex-wrap items-center gap-2">
              <Link
                href={`${resiliencePath(service, { namespace, resource: resource.name })}#charts`}
                scroll={false}
                aria-current={charted.includes(resource.name) ? 'true' : undefined}
                className="break-all font-mono text-tremor-default text-tremor-content-strong hover:underline aria-[current=true]:font-semibold dark:text-dark-tremor-content-strong"
                title="Chart this resource"
              >
                {resource.name}
              </Link>
              <Badge color={kindColors[resource.kind]} size="xs">
                {resource.kind}
              </Badge>
            </div>
          </TableCell>
          <TableCell className="text-right tabular-nums" data-testid={`passed-${resource.name}`}>
            {formatRate(resource.recent.passedPerSecond)}
          </TableCell>
          <TableCell className="text-right tabular-nums">
            <Blocked resource={resource} />
          </TableCell>
          <TableCell className="text-right tabular-nums">
            {formatMs(resource.recent.avgRtMs)}
          </TableCell>
          <TableCell className="text-right tabular-nums">{resource.inFlight}</TableCell>
        </TableRow>
      ))}
    </DataTable>
  );
}
