import { TableCell, TableRow } from '@tremor/react';
import Link from 'next/link';
import { DataTable } from '@/components/ui/data-table';
import type { DeadLetter } from '@/data/messaging';
import { formatEventTime, shortId } from '@/lib/format';
import { DeadLetterStatusBadge } from './dead-letter-status-badge';

export function DeadLetterTable({ deadLetters }: { deadLetters: DeadLetter[] }) {
  return (
    <DataTable
      testId="dead-letters"
      columns={[
        'Dead-lettered (UTC)',
        'Subscription',
        'Event',
        'Key',
        { label: 'Attempts', numeric: true },
        'Last error',
        'Status',
      ]}
    >
      {deadLetters.map((letter) => (
        <TableRow key={letter.id} data-testid={`dead-letter-${letter.id}`}>
          <TableCell>
            <Link
              href={`/messaging/dead-letters/${letter.id}`}
              className="font-medium text-tremor-brand hover:underline dark:text-dark-tremor-brand"
            >
              {formatEventTime(letter.createdAt)}
            </Link>
          </TableCell>
          <TableCell className="whitespace-normal font-mono">{letter.subscription}</TableCell>
          <TableCell>
            <span className="font-mono" title={letter.eventId}>
              {shortId(letter.eventId)}
            </span>
          </TableCell>
          <TableCell className="font-mono">{letter.key ?? '–'}</TableCell>
          <TableCell className="text-right tabular-nums">{letter.attemptCount}</TableCell>
          <TableCell title={letter.lastError}>
            <span className="block max-w-[14rem] truncate">{letter.lastError}</span>
          </TableCell>
          <TableCell>
            <DeadLetterStatusBadge status={letter.status} />
          </TableCell>
        </TableRow>
      ))}
    </DataTable>
  );
}
