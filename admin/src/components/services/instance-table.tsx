import { Badge, TableCell, TableRow } from '@tremor/react';
import { DataTable } from '@/components/ui/data-table';
import type { InstanceRow } from '@/data/instances';
import type { ServiceProbe } from '@/data/platform';
import { formatDuration } from '@/lib/format';

const linkClass = 'font-medium text-tremor-brand hover:underline dark:text-dark-tremor-brand';

function Health({ probe }: { probe: ServiceProbe }) {
  if (probe.state === 'down') {
    return <Badge color="rose">Down</Badge>;
  }
  return probe.state === 'up' ? (
    <Badge color="emerald">Ready</Badge>
  ) : (
    <Badge color="amber">Not ready</Badge>
  );
}

function Checks({ probe }: { probe: ServiceProbe }) {
  if (probe.state === 'down') {
    return <span className="text-rose-700 dark:text-rose-400">{probe.reason}</span>;
  }
  const checks = Object.entries(probe.checks ?? {});
  if (checks.length === 0) {
    return <span>–</span>;
  }
  return <span>{checks.map(([name, result]) => `${name}: ${result}`).join(', ')}</span>;
}

/**
 * Every instance of every service: what registered in the registry, probed at its address, or
 * the URL the console is configured with for a service without registered instances.
 */
export function InstanceTable({ rows }: { rows: InstanceRow[] }) {
  return (
    <DataTable
      columns={['Service', 'Instance', 'Health', 'Checks', 'Version', 'Uptime', 'Contract']}
    >
      {rows.map(({ probe, registered }) => (
        <TableRow
          key={`${probe.name}/${registered?.instanceId ?? probe.url}`}
          data-testid={`instance-${probe.name}`}
        >
          <TableCell className="font-medium capitalize text-tremor-content-strong dark:text-dark-tremor-content-strong">
            {probe.name}
          </TableCell>
          <TableCell>
            <div>{registered?.instanceId ?? probe.instance ?? '–'}</div>
            <div className="text-tremor-label">
              {probe.url}
              {registered ? ' · registered' : ' · configured URL'}
              {registered?.config ? (
                <span data-testid={`namespace-${registered.instanceId}`}>
                  {` · ${registered.config.namespace} config`}
                </span>
              ) : null}
            </div>
          </TableCell>
          <TableCell>
            <Health probe={probe} />
          </TableCell>
          <TableCell className="whitespace-normal">
            <Checks probe={probe} />
          </TableCell>
          <TableCell>{probe.version || registered?.version || '–'}</TableCell>
          <TableCell>
            {probe.uptimeSeconds === undefined ? '–' : formatDuration(probe.uptimeSeconds)}
          </TableCell>
          <TableCell>
            <div className="flex gap-3">
              <a className={linkClass} href={`${probe.url}/docs`} target="_blank" rel="noreferrer">
                Docs
              </a>
              <a
                className={linkClass}
                href={`${probe.url}/openapi.json`}
                target="_blank"
                rel="noreferrer"
              >
                OpenAPI
              </a>
            </div>
          </TableCell>
        </TableRow>
      ))}
    </DataTable>
  );
}
