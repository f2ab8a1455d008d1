import { Card, TableCell, TableRow } from '@tremor/react';
import Link from 'next/link';
import { DataTable } from '@/components/ui/data-table';
import { DetailList, DetailRow } from '@/components/ui/detail-list';
import type { DeadLetterDetail } from '@/data/messaging';
import { formatDateTime, formatEventTime } from '@/lib/format';
import { tracePath } from '@/lib/messaging';
import { DeadLetterStatusBadge } from './dead-letter-status-badge';

const preClass =
  'max-h-96 overflow-auto rounded-tremor-small bg-tremor-background-subtle p-3 text-tremor-label text-tremor-content-strong dark:bg-dark-tremor-background-subtle dark:text-dark-tremor-content-strong';

const subheadingClass =
  'mb-2 text-tremor-default font-medium text-tremor-content-strong dark:text-dark-tremor-content-strong';

export function DeadLetterFacts({ letter }: { letter: DeadLetterDetail }) {
  return (
    <DetailList>
      <DetailRow label="Status">
        <DeadLetterStatusBadge status={letter.status} />
        {letter.resolvedAt ? (
          <span className="ml-2 text-tremor-content dark:text-dark-tremor-content">
            {formatDateTime(letter.resolvedAt)}
            {letter.resolvedBy ? ` by ${letter.resolvedBy}` : ''}
          </span>
        ) : null}
      </DetailRow>
      <DetailRow label="Subscription">
        <span className="font-mono">{letter.subscription}</span>
      </DetailRow>
      <DetailRow label="Topic">
        <span className="font-mono">{letter.topic}</span> v{letter.topicVersion}
      </DetailRow>
      <DetailRow label="Event">
        <Link
          href={tracePath(letter.eventId)}
          className="break-all font-mono text-tremor-brand hover:underline dark:text-dark-tremor-brand"
        >
          {letter.eventId}
        </Link>
      </DetailRow>
      <DetailRow label="Key">
        <span className="font-mono">{letter.key ?? '–'}</span>
      </DetailRow>
      <DetailRow label="Dead-lettered">{formatDateTime(letter.createdAt)}</DetailRow>
      {letter.editedAt ? (
        <DetailRow label="Payload edited">{formatDateTime(letter.editedAt)}</DetailRow>
      ) : null}
      <DetailRow label="Last error">
        <span className="break-words">{letter.lastError}</span>
      </DetailRow>
    </DetailList>
  );
}

export function DeadLetterContents({ letter }: { letter: DeadLetterDetail }) {
  const headers = Object.entries(letter.headers);
  return (
    <div className="grid gap-4 xl:grid-cols-2">
      <Card>
        <h3 className={subheadingClass}>Payload</h3>
        <pre className={preClass} data-testid="dead-letter-payload">
          {JSON.stringify(letter.payload, null, 2)}
        </pre>
      </Card>
      <Card>
        <h3 className={subheadingClass}>Headers</h3>
        {headers.length === 0 ? (
          <p className="text-tremor-default text-tremor-content dark:text-dark-tremor-content">
            None.
          </p>
        ) : (
          <dl className="space-y-2 text-tremor-label">
            {headers.map(([name, value]) => (
              <div key={name}>
                <dt className="font-mono text-tremor-content dark:text-dark-tremor-content">
                  {name}
                </dt>
                <dd className="break-all font-mono text-tremor-content-strong dark:text-dark-tremor-content-strong">
                  {value}
                </dd>
              </div>
            ))}
          </dl>
        )}
      </Card>
    </div>
  );
}

export function DeadLetterAttempts({ letter }: { letter: DeadLetterDetail }) {
  return (
    <Card className="p-0">
      <DataTable
        testId="dead-letter-attempts"
        columns={['Attempt', 'At (UTC)', { label: 'Duration', numeric: true }, 'Error']}
      >
        {letter.attempts.map((attempt) => (
          <TableRow key={attempt.attempt}>
            <TableCell className="tabular-nums">{attempt.attempt}</TableCell>
            <TableCell>{formatEventTime(attempt.at)}</TableCell>
            <TableCell className="text-right tabular-nums">
              {attempt.durationMs.toFixed(1)} ms
            </TableCell>
            <TableCell className="whitespace-normal break-words font-mono text-tremor-label">
              {attempt.error}
            </TableCell>
          </TableRow>
        ))}
      </DataTable>
    </Card>
  );
}
