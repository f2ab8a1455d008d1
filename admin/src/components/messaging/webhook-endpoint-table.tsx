import { TableCell, TableRow } from '@tremor/react';
import Link from 'next/link';
import { DataTable } from '@/components/ui/data-table';
import type { WebhookEndpoint } from '@/data/messaging';
import type { User } from '@/data/users';
import { formatEventTime } from '@/lib/format';
import { webhookEndpointPath } from '@/lib/messaging';
import { WebhookEndpointStatusBadge } from './webhook-badges';

export function EventTypes({ types }: { types: readonly string[] }) {
  if (types.length === 0) {
    return (
      <span className="text-tremor-content dark:text-dark-tremor-content">every pushable</span>
    );
  }
  return <span className="whitespace-normal font-mono">{types.join(', ')}</span>;
}

export function WebhookEndpointTable({
  endpoints,
  owners,
}: {
  endpoints: readonly WebhookEndpoint[];
  owners: Map<string, User>;
}) {
  return (
    <DataTable
      testId="webhook-endpoints"
      columns={['URL', 'Owner', 'Scope', 'Event types', 'Status', 'Created (UTC)']}
    >
      {endpoints.map((endpoint) => (
        <TableRow key={endpoint.id} data-testid={`webhook-endpoint-${endpoint.id}`}>
          <TableCell className="max-w-[22rem] whitespace-normal">
            <Link
              href={webhookEndpointPath(endpoint.id)}
              className="break-all font-mono font-medium text-tremor-brand hover:underline dark:text-dark-tremor-brand"
            >
              {endpoint.url}
            </Link>
            {endpoint.description ? (
              <span className="block text-tremor-label text-tremor-content dark:text-dark-tremor-content">
                {endpoint.description}
              </span>
            ) : null}
          </TableCell>
          <TableCell>
            <span title={endpoint.ownerId}>
              {owners.get(endpoint.ownerId)?.email ?? endpoint.ownerId}
            </span>
          </TableCell>
          <TableCell>{endpoint.scope === 'all' ? 'every user' : 'owner’s events'}</TableCell>
          <TableCell>
            <EventTypes types={endpoint.eventTypes} />
          </TableCell>
          <TableCell className="whitespace-normal">
            <WebhookEndpointStatusBadge status={endpoint.status} />
            {endpoint.disabledReason ? (
              <span className="mt-1 block max-w-[16rem] text-tremor-label text-tremor-content dark:text-dark-tremor-content">
                {endpoint.disabledReason}
              </span>
            ) : null}
            {endpoint.failingSince ? (
              <span className="mt-1 block text-tremor-label text-rose-600 dark:text-rose-400">
                failing since {formatEventTime(endpoint.failingSince)}
              </span>
            ) : null}
          </TableCell>
          <TableCell>{formatEventTime(endpoint.createdAt)}</TableCell>
        </TableRow>
      ))}
    </DataTable>
  );
}
