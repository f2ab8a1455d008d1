import { Badge, TableCell, TableRow } from '@tremor/react';
import Link from 'next/link';
import { DataTable } from '@/components/ui/data-table';
import type { SecurityEvent } from '@/data/security-events';
import type { User } from '@/data/users';
import { formatDateTime } from '@/lib/format';

/** Refusals and revocations stand out from the routine sign-ins; changes of power come next. */
function actionColor({ action, outcome }: SecurityEvent): string {
  if (outcome === 'refused' || /reuse|revoked|suspended/.test(action)) {
    return 'rose';
  }
  if (/roles|api_key|signing_key/.test(action)) {
    return 'amber';
  }
  return 'gray';
}

/** A user by email (linked), anything else (a service, an API key, `system`) by its id. */
function Who({ id, people }: { id: string | null | undefined; people: Map<string, User> }) {
  if (!id) {
    return <span className="text-tremor-content-subtle">—</span>;
  }
  const user = people.get(id);
  if (!user) {
    return <code className="text-tremor-label [overflow-wrap:anywhere]">{id}</code>;
  }
  return (
    <Link href={`/users/${id}`} className="hover:underline" title={id}>
      {user.email}
    </Link>
  );
}

export function SecurityEventTable({
  events,
  people,
}: {
  events: SecurityEvent[];
  people: Map<string, User>;
}) {
  return (
    <DataTable
      columns={['When', 'Action', 'Outcome', 'Actor', 'Subject', 'From', 'User agent']}
      testId="security-events"
    >
      {events.map((event) => (
        <TableRow key={event.id}>
          <TableCell className="whitespace-nowrap">{formatDateTime(event.at)}</TableCell>
          <TableCell>
            <Badge color={actionColor(event)}>{event.action}</Badge>
          </TableCell>
          <TableCell>{event.outcome === 'refused' ? 'Refused' : 'Done'}</TableCell>
          <TableCell>
            <Who id={event.actor} people={people} />
          </TableCell>
          <TableCell>
            <Who id={event.subject} people={people} />
          </TableCell>
          <TableCell>
            <code className="text-tremor-label">{event.sourceAddress ?? '—'}</code>
          </TableCell>
          <TableCell className="max-w-[16rem] truncate" title={event.userAgent ?? undefined}>
            {event.userAgent ?? '—'}
          </TableCell>
        </TableRow>
      ))}
    </DataTable>
  );
}
