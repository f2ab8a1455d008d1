import { Badge, TableCell, TableRow } from '@tremor/react';
import Link from 'next/link';
import { DataTable } from '@/components/ui/data-table';
import type { ConfigServiceState } from '@/data/config';
import { formatCompactDateTime } from '@/lib/format';
import { describeGrayRule } from '@/lib/gray';

/** The services of one namespace: what is live, what is on trial, what waits for approval. */
export function NamespaceServices({
  namespace,
  services,
}: {
  namespace: string;
  services: ConfigServiceState[];
}) {
  if (services.length === 0) {
    return (
      <p className="p-6 text-tremor-default text-tremor-content dark:text-dark-tremor-content">
        No service has uploaded a config schema yet; each does when it starts.
      </p>
    );
  }
  return (
    <DataTable columns={['Service', 'Live', 'Gray release', 'Approvals', 'Draft (UTC)']}>
      {services.map((state) => (
        <TableRow key={state.service} data-testid={`config-service-${namespace}-${state.service}`}>
          <TableCell>
            <Link
              href={`/config/${namespace}/${state.service}`}
              className="font-medium text-tremor-content-strong hover:underline dark:text-dark-tremor-content-strong"
            >
              {state.service}
            </Link>
            {state.hasSchema ? null : (
              <div className="text-tremor-label text-amber-700 dark:text-amber-400">
                no schema uploaded
              </div>
            )}
          </TableCell>
          <TableCell className="tabular-nums">
            {state.liveRevision ? `r${state.liveRevision}` : 'defaults'}
            {state.latestRevision && state.latestRevision !== state.liveRevision ? (
              <span className="text-tremor-label"> (newest r{state.latestRevision})</span>
            ) : null}
          </TableCell>
          <TableCell>
            {state.gray ? (
              <Badge color="violet">
                r{state.gray.revision} to {describeGrayRule(state.gray.rule)}
              </Badge>
            ) : (
              '–'
            )}
          </TableCell>
          <TableCell>
            {state.pendingChangeRequests > 0 ? (
              <Badge color="amber">{state.pendingChangeRequests} waiting</Badge>
            ) : (
              '–'
            )}
          </TableCell>
          <TableCell>
            {state.draftUpdatedAt ? (
              <>
                <div>{formatCompactDateTime(state.draftUpdatedAt)}</div>
                <div className="text-tremor-label">{state.draftUpdatedBy}</div>
              </>
            ) : (
              '–'
            )}
          </TableCell>
        </TableRow>
      ))}
    </DataTable>
  );
}
