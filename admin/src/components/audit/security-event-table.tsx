import { Badge, TableCell, TableRow } from '@tremor/react';
import Link from 'next/link';
import { DataTable } from '@/components/ui/data-table';
import type { SecurityEvent } from '@/data/security-events';
import type { User } from '@/data/users';
import { formatEventTime } from '@/lib/format';

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

const quiet = 'text-tremor-label text-tremor-content dark:text-dark-tremor-content';

/** A user by email (linked), anything else (a service, an API key, `system`) by its id. */
function Who({ id, people }: { id: string | null; people: Map<string, User> }) {
  if (!id) {
    return <span className={quiet}>—</span>;
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

function Action({ event }: { event: SecurityEvent }) {
  const reason = typeof event.detail.reason === 'string' ? event.detail.reason : undefined;
  return (
    <div className="space-y-1">
      <Badge color={actionColor(event)}>{event.action}</Badge>
      {event.outcome === 'refused' ? (
        <p className={quiet}>refused{reason ? `: ${reason.replaceAll('_', ' ')}` : ''}</p>
      ) : null}
    </div>
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
      columns={['When (UTC)', 'Action', 'Actor', 'Subject', 'From']}
      testId="security-events"
    >
      {events.map((event) => (
        <TableRow key={event.id} data-testid="security-event" data-action={event.action}>
          <TableCell className="align-top">{formatEventTime(event.at)}</TableCell>
          <TableCell className="align-top">
            <Action event={event} />
          </TableCell>
          <TableCell className="align-top">
            <Who id={event.actor} people={people} />
          </TableCell>
          <TableCell className="align-top">
            <Who id={event.subject} people={people} />
          </TableCell>
          <TableCell className="align-top">
            <code className="text-tremor-label">{event.sourceAddress ?? '—'}</code>
            {event.userAgent ? (
              <p className={`${quiet} max-w-[16rem] truncate`} title={event.userAgent}>
                {event.userAgent}
              </p>
            ) : null}
          </TableCell>
        </TableRow>
      ))}
    </DataTable>
  );
}
