import { Badge, TableCell, TableRow } from '@tremor/react';
import Link from 'next/link';
import { DataTable } from '@/components/ui/data-table';
import type { Subscription } from '@/data/messaging';
import { formatRate } from '@/lib/format';
import { deadLettersPath } from '@/lib/messaging';

const numeric = 'text-right tabular-nums';

function count(value: number | null): string {
  return value === null ? '–' : String(value);
}

function lag(seconds: number | null): string {
  if (seconds === null) {
    return '–';
  }
  return seconds < 10 ? `${seconds.toFixed(1)} s` : `${Math.round(seconds)} s`;
}

/** Every subscription's queue, rates and dead letters; `–` where the queues did not answer. */
export function SubscriptionTable({ subscriptions }: { subscriptions: Subscription[] }) {
  return (
    <DataTable
      testId="subscriptions"
      columns={[
        'Subscription',
        { label: 'Lag', numeric: true },
        { label: 'Processed/s', numeric: true },
        { label: 'Failed/s', numeric: true },
        { label: 'Waiting', numeric: true },
        { label: 'Active', numeric: true },
        { label: 'Delayed', numeric: true },
        { label: 'Dead letters', numeric: true },
      ]}
    >
      {subscriptions.map((subscription) => (
        <TableRow key={subscription.id} data-testid={`subscription-${subscription.id}`}>
          <TableCell className="whitespace-normal">
            <span className="block font-mono font-medium text-tremor-content-strong dark:text-dark-tremor-content-strong">
              {subscription.id}
            </span>
            <span className="mt-1 flex flex-wrap items-center gap-1 text-tremor-label">
              {subscription.service}
              <Badge size="xs" color="gray">
                {subscription.mode}
              </Badge>
              {subscription.ordered ? (
                <Badge size="xs" color="violet">
                  ordered
                </Badge>
              ) : null}
            </span>
          </TableCell>
          <TableCell className={numeric}>{lag(subscription.lagSeconds)}</TableCell>
          <TableCell className={numeric}>{formatRate(subscription.processedPerSecond)}</TableCell>
          <TableCell className={numeric}>{formatRate(subscription.failedPerSecond)}</TableCell>
          <TableCell className={numeric}>{count(subscription.waiting)}</TableCell>
          <TableCell className={numeric}>{count(subscription.active)}</TableCell>
          <TableCell className={numeric}>{count(subscription.delayed)}</TableCell>
          <TableCell className={numeric}>
            {subscription.deadLetters > 0 ? (
              <Link
                href={deadLettersPath({ subscription: subscription.id, status: 'dead' })}
                className="font-medium text-rose-600 hover:underline dark:text-rose-400"
              >
                {subscription.deadLetters}
              </Link>
            ) : (
              '0'
            )}
          </TableCell>
        </TableRow>
      ))}
    </DataTable>
  );
}
